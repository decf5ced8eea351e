import { describe, expect, it } from 'vitest';
import {
    groupMean,
    proportionSums,
    proportionVariance,
    sampleVariance,
    sumsFromMeanSd,
} from '../../../../../plugin/modules/campaigns/stats/group-sums.js';

describe('group sums', () => {
    it('builds the sums of a conversion metric', () => {
        const g = proportionSums(2000, 200);
        expect(g).toEqual({ n: 2000, sum: 200, sumSquares: 200 });
        expect(groupMean(g)).toBe(0.1);
        expect(proportionVariance(g)).toBeCloseTo(0.09, 12);
    });

    it('rebuilds the sums of a mean metric from its mean and sd', () => {
        const g = sumsFromMeanSd(20_000, 390, 1210);
        expect(g.sum).toBe(7_800_000);
        expect(groupMean(g)).toBe(390);
        expect(Math.sqrt(sampleVariance(g)!)).toBeCloseTo(1210, 8);
    });

    it('matches the sample variance of raw values', () => {
        const values = [0, 0, 120, 0, 450, 80];
        const n = values.length;
        const sum = values.reduce((a, b) => a + b, 0);
        const sumSquares = values.reduce((a, b) => a + b * b, 0);
        const mean = sum / n;
        const expected = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
        expect(sampleVariance({ n, sum, sumSquares })).toBeCloseTo(expected, 9);
        const rebuilt = sumsFromMeanSd(n, mean, Math.sqrt(expected));
        expect(rebuilt.sum).toBeCloseTo(sum, 9);
        expect(rebuilt.sumSquares).toBeCloseTo(sumSquares, 6);
    });

    it('handles tiny and empty groups', () => {
        expect(sampleVariance({ n: 1, sum: 5, sumSquares: 25 })).toBeNull();
        expect(sampleVariance({ n: 0, sum: 0, sumSquares: 0 })).toBeNull();
        expect(sampleVariance({ n: 3, sum: 30, sumSquares: 300 })).toBe(0);
        expect(sumsFromMeanSd(0, 0, 0)).toEqual({ n: 0, sum: 0, sumSquares: 0 });
        expect(sumsFromMeanSd(1, 7, 0)).toEqual({ n: 1, sum: 7, sumSquares: 49 });
        expect(proportionVariance(proportionSums(5, 5))).toBe(0);
        expect(() => groupMean({ n: 0, sum: 0, sumSquares: 0 })).toThrow(RangeError);
    });

    it('rejects impossible inputs', () => {
        expect(() => proportionSums(10, 11)).toThrow(RangeError);
        expect(() => proportionSums(10, -1)).toThrow(RangeError);
        expect(() => proportionSums(2.5, 1)).toThrow(RangeError);
        expect(() => sumsFromMeanSd(10, 1, -1)).toThrow(RangeError);
    });
});
