/*
 * The worked example of the campaign-statistics reference (§6) and two
 * assertions for printed figures: "equals to N significant digits" and "no
 * NaN or infinity anywhere".
 */
import { expect } from 'vitest';
import { proportionSums, sumsFromMeanSd } from '../../../../../plugin/modules/campaigns/stats/group-sums.js';
import {
    compareMeans,
    compareProportions,
    type UpliftResult,
} from '../../../../../plugin/modules/campaigns/stats/uplift.stats.js';

/** Conversion of the worked example: 3,000 of 20,000 test vs 200 of 2,000 control customers. */
export function exampleConversion(): UpliftResult {
    return compareProportions(proportionSums(20_000, 3_000), proportionSums(2_000, 200));
}

/** Revenue per assigned customer of the worked example: 390 (sd 1,210) vs 300 (sd 1,140), in currency units. */
export function exampleRevenue(): UpliftResult {
    return compareMeans(sumsFromMeanSd(20_000, 390, 1210), sumsFromMeanSd(2_000, 300, 1140));
}

/** Rounds to `digits` significant digits, as the reference prints its figures. */
export function roundSig(value: number, digits: number): number {
    return Number(value.toPrecision(digits));
}

/** Asserts that `actual`, printed with `digits` significant digits, is `expected`. */
export function expectFigure(actual: number | null | undefined, expected: number, digits: number): void {
    expect(actual).toBeTypeOf('number');
    expect(roundSig(actual as number, digits)).toBe(expected);
}

/** Asserts that every number anywhere in `value` is finite (JSON would hide a NaN as null). */
export function expectAllFinite(value: unknown, path = '$'): void {
    if (typeof value === 'number') {
        expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
    } else if (value !== null && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) expectAllFinite(inner, `${path}.${key}`);
    }
}
