import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    BASIS_POINTS_PER_WHOLE,
    basisPointsToFraction,
    basisPointsToPercent,
    fractionToBasisPoints,
    fractionToPercent,
    percentToBasisPoints,
} from '../../../../plugin/kernel/units/shares.js';

describe('shares', () => {
    it('converts percent to whole basis points and back', () => {
        expect(percentToBasisPoints(12.5)).toBe(1250);
        expect(percentToBasisPoints(0.07)).toBe(7);
        expect(basisPointsToPercent(1250)).toBe(12.5);
        expect(basisPointsToPercent(7)).toBe(0.07);
    });

    it('round-trips every percent with two decimals exactly', () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: BASIS_POINTS_PER_WHOLE }), (bp) => {
                expect(percentToBasisPoints(basisPointsToPercent(bp))).toBe(bp);
                expect(fractionToBasisPoints(basisPointsToFraction(bp))).toBe(bp);
            }),
        );
    });

    it('gives fractions for statistics and whole basis points from them', () => {
        expect(basisPointsToFraction(1000)).toBe(0.1);
        expect(basisPointsToFraction(BASIS_POINTS_PER_WHOLE)).toBe(1);
        expect(fractionToBasisPoints(0.28)).toBe(2800);
        expect(fractionToPercent(0.125)).toBe(12.5);
    });
});
