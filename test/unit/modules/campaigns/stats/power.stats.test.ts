import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    minimumDetectableEffect,
    powerMultiplier,
    proportionMde,
    proportionSampleSize,
    requiredSampleSize,
    splitVariancePenalty,
} from '../../../../../plugin/modules/campaigns/stats/power.stats.js';
import { expectFigure } from './stats-fixtures.js';

describe('minimum detectable effect (worked example, N = 22,000, q = 1/11)', () => {
    it('uses k = 2.8016 for α = 0.05 and 80% power', () => {
        expectFigure(powerMultiplier(), 2.8016, 5);
        expectFigure(powerMultiplier(0.05, 0.9), 3.2415, 5);
    });

    it('gives 1.97 pp for conversion at the 10% baseline (≈ 19.7% relative)', () => {
        const mde = proportionMde(22_000, 1 / 11, 0.1);
        expectFigure(mde.absolute, 0.0197, 3);
        expectFigure(mde.relative!, 0.197, 3);
    });

    it('gives 2.01 pp when the test group is expected at 15%', () => {
        expectFigure(proportionMde(22_000, 1 / 11, 0.1, 0.05, 0.8, 0.15).absolute, 0.0201, 3);
    });

    it('gives 74.9 for revenue with σ = 1,140 (≈ 25.0% of 300)', () => {
        const mde = minimumDetectableEffect({
            total: 22_000,
            controlShare: 1 / 11,
            variance: 1140 ** 2,
            baseline: 300,
        });
        expectFigure(mde.absolute, 74.9, 3);
        expectFigure(mde.relative!, 0.25, 3);
    });

    it('has no relative MDE at a zero baseline', () => {
        const mde = proportionMde(10_000, 0.1, 0);
        expect(mde.absolute).toBe(0);
        expect(mde.relative).toBeNull();
    });

    it('rejects impossible plans', () => {
        expect(() => proportionMde(0, 0.1, 0.1)).toThrow(RangeError);
        expect(() => proportionMde(1000, 0, 0.1)).toThrow(RangeError);
        expect(() => proportionMde(1000, 1, 0.1)).toThrow(RangeError);
        expect(() => proportionMde(1000, 0.1, 1.2)).toThrow(RangeError);
        expect(() => proportionMde(1000, 0.1, 0.1, 0.05, 1)).toThrow(RangeError);
        expect(() =>
            minimumDetectableEffect({ total: 1000, controlShare: 0.1, variance: -1, baseline: 1 }),
        ).toThrow(RangeError);
        expect(() => requiredSampleSize({ controlShare: 0.1, effect: 0, variance: 1 })).toThrow(RangeError);
    });
});

describe('required sample size (reference §5 table)', () => {
    const table = [
        { q: 0.05, conversion: 37_501, revenue: 242_810 },
        { q: 0.1, conversion: 19_962, revenue: 128_150 },
        { q: 0.2, conversion: 11_420, revenue: 72_084 },
        { q: 0.5, conversion: 7_676, revenue: 46_134 },
    ];

    it.each(table)('control share $q', ({ q, conversion, revenue }) => {
        expect(Math.round(proportionSampleSize(q, 0.1, 0.12))).toBe(conversion);
        expect(Math.round(requiredSampleSize({ controlShare: q, effect: 30, variance: 1150 ** 2 }))).toBe(
            revenue,
        );
    });

    it('needs the same number for a drop as for a rise of the same size and variance', () => {
        const up = requiredSampleSize({ controlShare: 0.1, effect: 30, variance: 1150 ** 2 });
        expect(requiredSampleSize({ controlShare: 0.1, effect: -30, variance: 1150 ** 2 })).toBeCloseTo(
            up,
            9,
        );
    });

    it('prices an unbalanced split', () => {
        expectFigure(splitVariancePenalty(0.05), 5.26, 3);
        expectFigure(splitVariancePenalty(0.1), 2.78, 3);
        expectFigure(splitVariancePenalty(0.2), 1.56, 3);
        expect(splitVariancePenalty(0.5)).toBe(1);
    });

    it('is the inverse of the MDE', () => {
        fc.assert(
            fc.property(
                fc.integer({ min: 100, max: 10_000_000 }),
                fc.double({ min: 0.01, max: 0.99, noNaN: true }),
                fc.double({ min: 0.01, max: 1e8, noNaN: true }),
                (total, controlShare, variance) => {
                    const mde = minimumDetectableEffect({ total, controlShare, variance, baseline: 1 });
                    const n = requiredSampleSize({ controlShare, effect: mde.absolute, variance });
                    expect(n / total).toBeCloseTo(1, 9);
                },
            ),
        );
    });
});
