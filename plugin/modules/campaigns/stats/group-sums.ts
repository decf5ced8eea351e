/*
 * Sufficient statistics of one campaign group (test or control). A report is
 * computed from these three numbers per group, so it can be reproduced without
 * customer-level rows.
 */

/**
 * Sufficient statistics of one metric in one group: the number of assigned
 * customers, the sum of their values and the sum of their squared values.
 * Customers without a purchase count with value 0 (intention to treat).
 */
export interface GroupSums {
    /** Assigned customers in the group (the denominator, never "delivered" or "opened"). */
    n: number;
    /** Σ yᵢ: conversions for a 0/1 metric, revenue for a money metric. */
    sum: number;
    /** Σ yᵢ²: equals `sum` for a 0/1 metric. */
    sumSquares: number;
}

/**
 * Sums of a conversion (0/1) metric: `conversions` of `n` customers converted.
 * Because 1² = 1, the sum of squares equals the sum.
 */
export function proportionSums(n: number, conversions: number): GroupSums {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
    if (!Number.isInteger(conversions) || conversions < 0 || conversions > n)
        throw new RangeError(`conversions must be an integer in [0, n], got ${conversions} of ${n}`);
    return { n, sum: conversions, sumSquares: conversions };
}

/**
 * Rebuilds the sums of a group from its published mean and sample standard
 * deviation (n − 1 denominator): sum = mean·n, Σy² = sd²·(n − 1) + sum²/n.
 * Used for worked examples and for reports that only kept mean and sd.
 */
export function sumsFromMeanSd(n: number, mean: number, sd: number): GroupSums {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
    if (!(sd >= 0)) throw new RangeError(`sd must be non-negative, got ${sd}`);
    if (n === 0) return { n: 0, sum: 0, sumSquares: 0 };
    const sum = mean * n;
    return { n, sum, sumSquares: sd * sd * Math.max(n - 1, 0) + (sum * sum) / n };
}

/** The group mean Σy/n; requires n > 0. */
export function groupMean(g: GroupSums): number {
    if (g.n <= 0) throw new RangeError('the mean of an empty group is undefined');
    return g.sum / g.n;
}

/**
 * Variance of a 0/1 metric, p(1 − p) with p = Σy/n (no n − 1 correction, as
 * in GrowthBook's proportion statistic); requires n > 0.
 */
export function proportionVariance(g: GroupSums): number {
    const p = groupMean(g);
    return Math.max(0, p * (1 - p));
}

/**
 * Sample variance (Σy² − (Σy)²/n)/(n − 1) of a metric; null when n < 2. Tiny
 * negative results of floating-point cancellation are clamped to 0.
 */
export function sampleVariance(g: GroupSums): number | null {
    if (g.n < 2) return null;
    return Math.max(0, (g.sumSquares - (g.sum * g.sum) / g.n) / (g.n - 1));
}
