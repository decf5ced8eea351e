import { describe, expect, it } from 'vitest';
import {
    addPurchase,
    epochDay,
    purchasesWithin,
    RECENT_DAYS_KEPT,
} from '../../../plugin/domain/category-stats.rules.js';

const d = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('category statistics', () => {
    it('counts purchase days and keeps the newest first, in any arrival order', () => {
        let s = addPurchase(null, d('2026-03-01'), 1000);
        s = addPurchase(s, d('2026-01-15'), 500);
        s = addPurchase(s, d('2026-03-01'), 700);
        s = addPurchase(s, d('2026-02-10'), 100);
        expect(s.purchaseCount).toBe(3);
        expect(s.totalAmount).toBe(2300);
        expect(s.recentDays).toEqual([
            epochDay(d('2026-03-01')),
            epochDay(d('2026-02-10')),
            epochDay(d('2026-01-15')),
        ]);
        expect(s.firstAt).toEqual(d('2026-01-15'));
        expect(s.lastAt).toEqual(d('2026-03-01'));
    });

    it('keeps a bounded list and counts purchases in any window', () => {
        let s = null;
        for (let i = 0; i < 40; i++)
            s = addPurchase(s, new Date(Date.UTC(2025, 0, 1) + i * 30 * 86_400_000), 1);
        expect(s!.recentDays).toHaveLength(RECENT_DAYS_KEPT);
        expect(s!.purchaseCount).toBe(40);
        const now = new Date(Date.UTC(2025, 0, 1) + 39 * 30 * 86_400_000);
        expect(purchasesWithin(s!, now, 365)).toBe(13);
        expect(purchasesWithin(s!, now, 1)).toBe(1);
    });
});
