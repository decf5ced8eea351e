/*
 * The probability distributions the campaign report needs, behind Refill's own
 * names. The numerics come from stdlib's single-function packages (CommonJS
 * with bundled typings, imported as ES default imports); nothing else in
 * campaign-stats imports them, so swapping the library touches this file only.
 */
import chiSquaredCdfOf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdfOf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileOf from '@stdlib/stats-base-dists-normal-quantile';
import studentTCdfOf from '@stdlib/stats-base-dists-t-cdf';
import studentTQuantileOf from '@stdlib/stats-base-dists-t-quantile';

/** P(Z ≤ x) for a standard normal Z. */
export function normalCdf(x: number): number {
    return normalCdfOf(x, 0, 1);
}

/** The x with P(Z ≤ x) = p for a standard normal Z (p in (0, 1)). */
export function normalQuantile(p: number): number {
    return normalQuantileOf(p, 0, 1);
}

/**
 * P(T ≤ x) for Student's t with `df` degrees of freedom (any positive real, as
 * Welch–Satterthwaite gives). An infinite `df` is the standard normal.
 */
export function studentTCdf(x: number, df: number): number {
    return df === Infinity ? normalCdf(x) : studentTCdfOf(x, df);
}

/** The x with P(T ≤ x) = p for Student's t with `df` degrees of freedom; infinite `df` is the normal. */
export function studentTQuantile(p: number, df: number): number {
    return df === Infinity ? normalQuantile(p) : studentTQuantileOf(p, df);
}

/**
 * Two-sided p-value of a t statistic: 2·P(T ≤ −|t|). Computed from the lower
 * tail so that tiny p-values (1e-12 and below) keep their precision.
 */
export function twoSidedPValue(t: number, df: number): number {
    return Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
}

/**
 * Upper tail P(X > x) of a chi-squared distribution with `df` degrees of
 * freedom. For one degree of freedom it uses the identity
 * P(χ²₁ > x) = 2·Φ(−√x), which keeps precision where 1 − CDF would round to 0.
 */
export function chiSquaredSurvival(x: number, df: number): number {
    if (x <= 0) return 1;
    if (df === 1) return 2 * normalCdf(-Math.sqrt(x));
    return 1 - chiSquaredCdfOf(x, df);
}
