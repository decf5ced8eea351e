import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSeasonalMonth, lapseVerdict, medianInterval } from '../../../plugin/domain/lapse.rules.js';

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
