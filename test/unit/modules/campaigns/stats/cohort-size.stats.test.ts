import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    expectedCohortSize,
    newlyLapsedDays,
} from '../../../../../plugin/modules/campaigns/stats/cohort-size.stats.js';
import { lapseVerdict, type LapseRule } from '../../../../../plugin/modules/catalog/rules/lapse.rules.js';

const rule: LapseRule = { lapseAfterDays: 60, minPurchases: 3, kPct: 150 };
/** Monthly purchase days ending on `last` (newest first). */
const monthly = (last: number, count = 4) => Array.from({ length: count }, (_, i) => last - 30 * i);

describe('expected cohort size from past lapses (pure)', () => {
    it('finds the day a monthly buyer lapsed: 60 days after the last purchase', () => {
        expect(newlyLapsedDays(monthly(1000), 1040, 1070, rule)).toEqual([1060]);
        expect(newlyLapsedDays(monthly(1000), 1061, 1090, rule)).toEqual([]);
    });

    it('counts a customer who lapsed and came back since (the rule sees only the days up to each day)', () => {
        const cameBack = [1075, ...monthly(1000)];
        expect(newlyLapsedDays(cameBack, 1040, 1080, rule)).toEqual([1060]);
        expect(lapseVerdict(cameBack, 1080, rule).lapsed).toBe(false);
    });

    it('follows the personal rhythm: a 90-day buyer lapses after 135 days, not 60', () => {
        expect(
            newlyLapsedDays(
                monthly(1000).map((d, i) => 1000 - 90 * i),
                1050,
                1200,
                rule,
            ),
        ).toEqual([1136]);
    });

    it('plans today’s eligible customers plus the daily lapses × eligible share on the later days, capped', () => {
        expect(
            expectedCohortSize({
                today: 600,
                lapsesPerDay: 100,
                eligibleShare: 0.8,
                days: 30,
                dailyCap: null,
            }),
        ).toBe(600 + 100 * 0.8 * 29);
        expect(
            expectedCohortSize({ today: 600, lapsesPerDay: 100, eligibleShare: 0.8, days: 30, dailyCap: 50 }),
        ).toBe(1500);
        expect(
            expectedCohortSize({ today: 7, lapsesPerDay: 0, eligibleShare: 1, days: 30, dailyCap: null }),
        ).toBe(7);
        expect(() =>
            expectedCohortSize({ today: 1, lapsesPerDay: 1, eligibleShare: 2, days: 30, dailyCap: null }),
        ).toThrow(RangeError);
    });

    it('reports each lapse once: lapsed that day and not the day before', () => {
        fc.assert(
            fc.property(
                fc.uniqueArray(fc.integer({ min: 0, max: 800 }), { maxLength: 24 }),
                fc.integer({ min: 300, max: 900 }),
                (days, from) => {
                    const found = newlyLapsedDays(days, from, from + 30, rule);
                    for (const d of found) {
                        expect(lapseVerdict(days, d, rule).lapsed).toBe(true);
                        expect(lapseVerdict(days, d - 1, rule).lapsed).toBe(false);
                    }
                    for (let d = from; d <= from + 30; d++)
                        if (!found.includes(d))
                            expect(
                                lapseVerdict(days, d, rule).lapsed && !lapseVerdict(days, d - 1, rule).lapsed,
                            ).toBe(false);
                },
            ),
        );
    });
});
