import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    applyBasisPoints,
    proportionalShare,
    roundDownTo,
    splitProportionally,
} from '../../../../plugin/kernel/units/money.js';

describe('money', () => {
    it('applies basis points rounding down', () => {
        expect(applyBasisPoints(45000, 300)).toBe(1350);
        expect(applyBasisPoints(999, 300)).toBe(29);
        expect(applyBasisPoints(0, 300)).toBe(0);
    });

    it('rounds down to a unit', () => {
        expect(roundDownTo(1399, 100)).toBe(1300);
        expect(roundDownTo(1399, 1)).toBe(1399);
    });

    it('shares proportionally, rounding down', () => {
        expect(proportionalShare(100, 1, 3)).toBe(33);
        expect(proportionalShare(100, 3, 3)).toBe(100);
        expect(proportionalShare(100, 1, 0)).toBe(0);
    });

    it('splits exactly, each part within 1 of its exact share', () => {
        fc.assert(
            fc.property(
                fc.integer({ min: 0, max: 1_000_000 }),
                fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 20 }),
                (total, weights) => {
                    const parts = splitProportionally(total, weights);
                    const whole = weights.reduce((s, w) => s + w, 0);
                    if (whole === 0) return parts.every((p) => p === 0);
                    expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
                    parts.forEach((p, i) => {
                        expect(Math.abs(p - (total * weights[i]) / whole)).toBeLessThan(1);
                        if (weights[i] === 0) expect(p).toBe(0);
                    });
                },
            ),
        );
    });
});
