import { describe, expect, it } from 'vitest';
import {
    forecastFromPast,
    randomEffectsMean,
} from '../../../../../plugin/modules/campaigns/stats/forecast.stats.js';

describe('forecast from past campaigns', () => {
    it('takes the minimum, mean and maximum of past uplifts', () => {
        const f = forecastFromPast([
            { absoluteUplift: 0.05, relativeUplift: 0.5 },
            { absoluteUplift: 0.02, relativeUplift: null },
            { absoluteUplift: 0.08, relativeUplift: 0.2 },
        ]);
        expect(f).toEqual({
            basis: 'past',
            count: 3,
            pessimistic: { absoluteUplift: 0.02, relativeUplift: 0.2 },
            neutral: { absoluteUplift: expect.closeTo(0.05, 12), relativeUplift: expect.closeTo(0.35, 12) },
            optimistic: { absoluteUplift: 0.08, relativeUplift: 0.5 },
        });
    });

    it('prefers past campaigns to the prior and keeps negative uplifts', () => {
        const f = forecastFromPast([{ absoluteUplift: -12, relativeUplift: null }], {
            absoluteUplift: 30,
            spread: 10,
        });
        expect(f!.basis).toBe('past');
        expect(f!.pessimistic).toEqual({ absoluteUplift: -12, relativeUplift: null });
        expect(f!.optimistic).toEqual({ absoluteUplift: -12, relativeUplift: null });
    });

    it('falls back to the prior ∓ spread without past campaigns', () => {
        expect(forecastFromPast([], { absoluteUplift: 30, spread: 10 })).toEqual({
            basis: 'prior',
            count: 0,
            pessimistic: { absoluteUplift: 20, relativeUplift: null },
            neutral: { absoluteUplift: 30, relativeUplift: null },
            optimistic: { absoluteUplift: 40, relativeUplift: null },
        });
    });

    it('has no forecast without past campaigns or a prior', () => {
        expect(forecastFromPast([])).toBeNull();
    });

    it('rejects non-finite uplifts and a negative spread', () => {
        expect(() => forecastFromPast([{ absoluteUplift: Number.NaN, relativeUplift: null }])).toThrow(
            RangeError,
        );
        expect(() => forecastFromPast([], { absoluteUplift: 1, spread: -1 })).toThrow(RangeError);
    });
});

describe('random-effects mean (DerSimonian–Laird)', () => {
    it('pools consistent campaigns with no between-campaign variance', () => {
        const r = randomEffectsMean([
            { estimate: 1, standardError: 1 },
            { estimate: 2, standardError: 1 },
            { estimate: 3, standardError: 1 },
        ]);
        expect(r).toEqual({ count: 3, mean: 2, standardError: Math.sqrt(1 / 3), tauSquared: 0, q: 2 });
    });

    it('estimates the between-campaign variance of scattered campaigns', () => {
        // w = (1, 0.25): fixed mean 0.8, Q = 3.2, C = 0.4, τ² = (3.2 − 1)/0.4 = 5.5;
        // w* = (1/6.5, 1/9.5): μ = (4/9.5)/(1/6.5 + 1/9.5) = 1.625, SE = 1.9645
        const r = randomEffectsMean([
            { estimate: 0, standardError: 1 },
            { estimate: 4, standardError: 2 },
        ])!;
        expect(r.q).toBeCloseTo(3.2, 12);
        expect(r.tauSquared).toBeCloseTo(5.5, 12);
        expect(r.mean).toBeCloseTo(1.625, 12);
        expect(r.standardError).toBeCloseTo(1.96453, 5);
    });

    it('returns one campaign as it is and nothing for none', () => {
        expect(randomEffectsMean([{ estimate: 0.05, standardError: 0.01 }])).toEqual({
            count: 1,
            mean: 0.05,
            standardError: 0.01,
            tauSquared: 0,
            q: 0,
        });
        expect(randomEffectsMean([])).toBeNull();
    });

    it('rejects a standard error that is not positive', () => {
        expect(() => randomEffectsMean([{ estimate: 1, standardError: 0 }])).toThrow(RangeError);
    });
});
