import { describe, expect, it } from 'vitest';
import {
    chiSquaredSurvival,
    normalCdf,
    normalQuantile,
    studentTCdf,
    studentTQuantile,
    twoSidedPValue,
} from '../../../../../plugin/modules/campaigns/stats/distributions.js';

describe('distributions', () => {
    it('gives the standard normal', () => {
        expect(normalCdf(0)).toBe(0.5);
        expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
        expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
        expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 12);
    });

    it("gives Student's t for whole and fractional degrees of freedom", () => {
        expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 10);
        // one degree of freedom is the Cauchy distribution: quantile tan(π(p − ½))
        expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 8);
        expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
        const q = studentTQuantile(0.975, 2600.29);
        expect(q).toBeGreaterThan(1.96);
        expect(q).toBeLessThan(studentTQuantile(0.975, 2471.64));
        expect(studentTCdf(q, 2600.29)).toBeCloseTo(0.975, 12);
    });

    it('treats infinite degrees of freedom as the normal', () => {
        expect(studentTQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
        expect(studentTCdf(-2, Infinity)).toBe(normalCdf(-2));
    });

    it('keeps tiny two-sided p-values', () => {
        expect(twoSidedPValue(0, 100)).toBe(1);
        expect(twoSidedPValue(-2, 50)).toBe(twoSidedPValue(2, 50));
        expect(twoSidedPValue(10, 1000)).toBeGreaterThan(0);
        expect(twoSidedPValue(10, 1000)).toBeLessThan(1e-20);
    });

    it('gives the chi-squared upper tail', () => {
        expect(chiSquaredSurvival(0, 1)).toBe(1);
        expect(chiSquaredSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
        // two degrees of freedom: P(X > x) = exp(−x/2)
        expect(chiSquaredSurvival(5, 2)).toBeCloseTo(Math.exp(-2.5), 12);
        expect(chiSquaredSurvival(900, 1)).toBeGreaterThan(0);
    });
});
