import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainDay } from '../../../../../plugin/modules/catalog/rules/category-stats.rules.js';
import {
    categoryLapseRule,
    isSeasonalMonth,
    lapseScanWindow,
    lapseToday,
    lapseVerdict,
    medianInterval,
} from '../../../../../plugin/modules/catalog/rules/lapse.rules.js';

const rule = { lapseAfterDays: 60, minPurchases: 3, kPct: 150 };
const today = 20_000;

describe('medianInterval', () => {
    it('is the median gap, in any order of days', () => {
        expect(medianInterval([100, 130, 160])).toBe(30);
        expect(medianInterval([160, 100, 130, 250])).toBe(30);
        expect(medianInterval([0, 10, 30, 60])).toBe(20);
        expect(medianInterval([5])).toBeNull();
    });
});

describe('lapseVerdict', () => {
    it('flags a monthly buyer who stopped 70 days ago', () => {
        const days = [today - 70, today - 100, today - 130, today - 160];
        expect(lapseVerdict(days, today, rule)).toMatchObject({
            lapsed: true,
            reason: 'lapsed',
            daysSinceLast: 70,
            purchasesInWindow: 4,
            medianIntervalDays: 30,
        });
    });

    it('does not flag a 90-day buyer on day 70: past the threshold but within their rhythm', () => {
        const days = [today - 70, today - 160, today - 250];
        expect(lapseVerdict(days, today, rule)).toMatchObject({ lapsed: false, reason: 'within_rhythm' });
        expect(lapseVerdict(days, today + 70, rule).lapsed).toBe(true);
    });

    it('needs the minimum purchases inside the last year', () => {
        const days = [today - 70, today - 100, today - 400];
        expect(lapseVerdict(days, today, rule).reason).toBe('too_few_purchases');
    });

    it('never flags before the lapse threshold', () => {
        expect(lapseVerdict([today - 59, today - 200, today - 201], today, rule).reason).toBe(
            'within_threshold',
        );
    });

    it('is monotone: once lapsed, a later day without purchases stays lapsed while the purchases stay in the window', () => {
        fc.assert(
            fc.property(
                fc.uniqueArray(fc.integer({ min: 1, max: 300 }), { minLength: 3, maxLength: 24 }),
                fc.integer({ min: 0, max: 50 }),
                (ages, extra) => {
                    const days = ages.map((a) => today - a).sort((a, b) => b - a);
                    const first = lapseVerdict(days, today, rule);
                    const oldest = Math.max(...ages);
                    if (!first.lapsed || oldest + extra >= 365) return;
                    expect(lapseVerdict(days, today + extra, rule).lapsed).toBe(true);
                },
            ),
        );
    });
});

describe('isSeasonalMonth', () => {
    it('matches listed months only', () => {
        expect(isSeasonalMonth([6, 7, 8], 7)).toBe(true);
        expect(isSeasonalMonth([6, 7, 8], 9)).toBe(false);
    });
});

describe('one lapse rule', () => {
    const MSK = 'Europe/Moscow';

    it('takes the category’s threshold, else max(30, 2 × interval), its minimum purchases, else 3, and k 150 by default', () => {
        expect(
            categoryLapseRule({ refillIntervalDays: 45, lapseAfterDays: null, minPurchases: null }),
        ).toEqual({
            lapseAfterDays: 90,
            minPurchases: 3,
            kPct: 150,
        });
        expect(
            categoryLapseRule({ refillIntervalDays: 10, lapseAfterDays: null, minPurchases: 4 }, 200),
        ).toEqual({
            lapseAfterDays: 30,
            minPurchases: 4,
            kPct: 200,
        });
    });

    it("lapse days count in the chain's timezone, as campaign days do", () => {
        const now = new Date('2026-03-01T07:00:00Z'); // 10:00 in Moscow, the same date
        const today = lapseToday(now, MSK);
        // 90 UTC days back at 22:30 UTC is 01:30 the next day in Moscow: 89 days ago there.
        const lastAt = new Date('2025-12-01T22:30:00Z');
        const days = [chainDay(lastAt, MSK), chainDay(lastAt, MSK) - 30, chainDay(lastAt, MSK) - 60];
        const rule = { lapseAfterDays: 90, minPurchases: 3, kPct: 150 };
        expect(lapseVerdict(days, today, rule)).toMatchObject({ lapsed: false, daysSinceLast: 89 });
        expect(lapseVerdict(days, today + 1, rule)).toMatchObject({ lapsed: true, daysSinceLast: 90 });
        // The range the SQL reads holds exactly the rows whose last purchase day is far enough back.
        const window = lapseScanWindow(rule, today, MSK);
        expect(window.lastBefore).toEqual(new Date('2025-12-01T21:00:00Z')); // midnight in Moscow
        expect(lastAt >= window.lastBefore).toBe(true);
        expect(lapseScanWindow(rule, today + 1, MSK).lastBefore > lastAt).toBe(true);
        expect(window.lastFrom).toEqual(new Date('2025-03-01T21:00:00Z'));
    });
});
