import { describe, expect, it } from 'vitest';
import {
    addPurchase,
    chainDay,
    chainDayStart,
    purchasesWithin,
    RECENT_DAYS_KEPT,
    statFromPurchases,
} from '../../../../../plugin/modules/catalog/rules/category-stats.rules.js';

const d = (iso: string) => new Date(`${iso}T12:00:00Z`);
const MSK = 'Europe/Moscow';

describe('category statistics', () => {
    it('counts purchase days and keeps the newest first, in any arrival order', () => {
        let s = addPurchase(null, d('2026-03-01'), 1000, MSK);
        s = addPurchase(s, d('2026-01-15'), 500, MSK);
        s = addPurchase(s, d('2026-03-01'), 700, MSK);
        s = addPurchase(s, d('2026-02-10'), 100, MSK);
        expect(s.purchaseCount).toBe(3);
        expect(s.totalAmount).toBe(2300);
        expect(s.recentDays).toEqual([
            chainDay(d('2026-03-01'), MSK),
            chainDay(d('2026-02-10'), MSK),
            chainDay(d('2026-01-15'), MSK),
        ]);
        expect(s.firstAt).toEqual(d('2026-01-15'));
        expect(s.lastAt).toEqual(d('2026-03-01'));
    });

    it('keeps a bounded list and counts purchases in any window', () => {
        let s = null;
        for (let i = 0; i < 40; i++)
            s = addPurchase(s, new Date(Date.UTC(2025, 0, 1) + i * 30 * 86_400_000), 1, MSK);
        expect(s!.recentDays).toHaveLength(RECENT_DAYS_KEPT);
        expect(s!.purchaseCount).toBe(40);
        const now = new Date(Date.UTC(2025, 0, 1) + 39 * 30 * 86_400_000);
        expect(purchasesWithin(s!, now, 365, MSK)).toBe(13);
        expect(purchasesWithin(s!, now, 1, MSK)).toBe(1);
    });

    it("counts purchase days in the chain's timezone: 01:30 in Moscow is that Moscow day, not the UTC day before", () => {
        const lateNight = new Date('2026-01-01T22:30:00Z'); // 2026-01-02 01:30 in Moscow
        expect(chainDay(lateNight, MSK)).toBe(chainDay(d('2026-01-02'), MSK));
        expect(chainDay(lateNight, 'UTC')).toBe(chainDay(d('2026-01-01'), 'UTC'));
        expect(chainDayStart(chainDay(lateNight, MSK), MSK)).toEqual(new Date('2026-01-01T21:00:00Z'));
        const s = addPurchase(addPurchase(null, lateNight, 1, MSK), d('2026-01-02'), 1, MSK);
        expect(s.purchaseCount).toBe(1);
    });

    it('rebuilds from the whole history the row that adding each purchase in time order keeps', () => {
        const purchases = Array.from({ length: 40 }, (_, i) => ({
            at: new Date(Date.UTC(2025, 0, 1) + ((i * 7919) % 40) * 13 * 86_400_000 + i * 3_600_000),
            amount: 100 + i,
        }));
        let incremental = null;
        for (const p of [...purchases].sort((a, b) => a.at.getTime() - b.at.getTime()))
            incremental = addPurchase(incremental, p.at, p.amount, MSK);
        expect(statFromPurchases(purchases, MSK)).toEqual(incremental);
        expect(statFromPurchases([], MSK)).toBeNull();
    });
});
