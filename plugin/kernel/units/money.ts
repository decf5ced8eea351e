/*
 * Integer arithmetic for amounts in minor currency units and bonuses. Every
 * division rounds down explicitly; nothing here ever produces a fraction.
 */

import { BASIS_POINTS_PER_WHOLE } from './shares.js';

/** `amount × bp / 10000`, rounded down (bp = basis points, 300 = 3%). */
export function applyBasisPoints(amount: number, bp: number): number {
    return Math.floor((amount * bp) / BASIS_POINTS_PER_WHOLE);
}

/** Rounds a non-negative value down to a multiple of `unit`. */
export function roundDownTo(value: number, unit: number): number {
    return unit <= 1 ? Math.floor(value) : Math.floor(value / unit) * unit;
}

/** `total × part / whole`, rounded down; 0 when `whole` is 0. */
export function proportionalShare(total: number, part: number, whole: number): number {
    if (whole <= 0) return 0;
    return Math.floor((total * part) / whole);
}

/**
 * Splits `total` into integer parts proportional to `weights` (largest
 * remainder method): the parts add up to exactly `total`, each within 1 of
 * its exact share, ties going to the earlier weight.
 */
export function splitProportionally(total: number, weights: readonly number[]): number[] {
    const whole = weights.reduce((sum, w) => sum + w, 0);
    if (total === 0 || whole === 0) return weights.map(() => 0);
    const parts = weights.map((w) => Math.floor((total * w) / whole));
    let left = total - parts.reduce((sum, p) => sum + p, 0);
    const order = weights
        .map((w, i) => ({ i, rest: (total * w) % whole }))
        .filter(({ i }) => weights[i] > 0)
        .sort((a, b) => b.rest - a.rest || a.i - b.i);
    for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k].i] += 1;
    return parts;
}
