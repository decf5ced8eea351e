/*
 * Shares (a control group's share, margins, conversion rates, uplifts) are
 * kept in whole basis points everywhere in the code and the database
 * (10,000 bp = 100% = 1). The admin API speaks percent: convert at its edge
 * with these helpers; statistics that need a probability convert with
 * {@link basisPointsToFraction} where they are called.
 */

/** Basis points in a whole (100%). */
export const BASIS_POINTS_PER_WHOLE = 10_000;

/** Basis points in one percent. */
export const BASIS_POINTS_PER_PERCENT = 100;

/** A percent (up to two decimals, as the admin API takes it) in whole basis points: 12.5 → 1250. */
export function percentToBasisPoints(percent: number): number {
    return Math.round(percent * BASIS_POINTS_PER_PERCENT);
}

/** Basis points as the percent the admin API shows: 1250 → 12.5. */
export function basisPointsToPercent(bp: number): number {
    return bp / BASIS_POINTS_PER_PERCENT;
}

/** Basis points as a fraction of one, for statistics: 1250 → 0.125. */
export function basisPointsToFraction(bp: number): number {
    return bp / BASIS_POINTS_PER_WHOLE;
}

/** A fraction of one in whole basis points: 0.28 → 2800 (rounded, so 0.28 × 10,000 = 2800.0000000000005 is 2800). */
export function fractionToBasisPoints(fraction: number): number {
    return Math.round(fraction * BASIS_POINTS_PER_WHOLE);
}

/** A fraction of one as a percent, for figures computed as fractions (an observed rate): 0.125 → 12.5. */
export function fractionToPercent(fraction: number): number {
    return fraction * 100;
}
