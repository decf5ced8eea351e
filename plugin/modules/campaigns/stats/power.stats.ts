/*
 * Pre-launch planning (reference §5): the minimum detectable effect (MDE) at a
 * given number of assigned customers and control share, and the number of
 * customers needed for a given effect. Two-sided, fixed horizon, normal
 * approximation: k = z(1 − α/2) + z(power).
 */
import { normalQuantile } from './distributions.js';

/** The smallest effect the campaign can detect with the chosen power. */
export interface Mde {
    /** In the metric's unit (a rate difference for conversion). */
    absolute: number;
    /** absolute / |baseline|; null when the baseline is 0. */
    relative: number | null;
}

/** Inputs of {@link minimumDetectableEffect}. */
export interface MdeInput {
    /** Assigned customers in both groups, N. */
    total: number;
    /** Control share q, strictly between 0 and 1. */
    controlShare: number;
    /** Per-customer variance σ² of the metric, used for both groups unless `testVariance` is given. */
    variance: number;
    /** Per-customer variance in the test group, when it is expected to differ. */
    testVariance?: number;
    /** Control mean or conversion rate, for the relative MDE. */
    baseline: number;
    /** Significance level, two-sided (default 0.05). */
    alpha?: number;
    /** Power, 1 − β (default 0.8). */
    power?: number;
}

/** Inputs of {@link requiredSampleSize}. */
export interface SampleSizeInput {
    /** Control share q, strictly between 0 and 1. */
    controlShare: number;
    /** The absolute effect to detect, Δ (non-zero). */
    effect: number;
    /** Per-customer variance in the control group, σ²_C (and the test group unless `testVariance` is given). */
    variance: number;
    /** Per-customer variance in the test group, σ²_T. */
    testVariance?: number;
    /** Significance level, two-sided (default 0.05). */
    alpha?: number;
    /** Power, 1 − β (default 0.8). */
    power?: number;
}

/** k = z(1 − α/2) + z(power): 2.8016 for α = 0.05 and 80% power. */
export function powerMultiplier(alpha = 0.05, power = 0.8): number {
    if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
    if (!(power > 0 && power < 1)) throw new RangeError(`power must be in (0, 1), got ${power}`);
    return normalQuantile(1 - alpha / 2) + normalQuantile(power);
}

/**
 * MDE_a = k·sqrt(σ²_C/(qN) + σ²_T/((1 − q)N)), with σ²_T = σ²_C unless a test
 * variance is given. With the worked example's revenue (σ = 1,140, N = 22,000,
 * q = 1/11) it is 74.9.
 */
export function minimumDetectableEffect(input: MdeInput): Mde {
    const { total, controlShare: q, variance, baseline } = input;
    const testVariance = input.testVariance ?? variance;
    const k = powerMultiplier(input.alpha, input.power);
    if (!(total > 0)) throw new RangeError(`total must be positive, got ${total}`);
    checkShare(q);
    checkVariance(variance);
    checkVariance(testVariance);
    const absolute = k * Math.sqrt(variance / (q * total) + testVariance / ((1 - q) * total));
    return { absolute, relative: baseline === 0 ? null : absolute / Math.abs(baseline) };
}

/**
 * MDE of a conversion rate. By default both groups use the baseline variance
 * p_C(1 − p_C) (the usual "MDE at the baseline rate"; the worked example's
 * 1.97 pp at p_C = 10%, N = 22,000, q = 1/11 is this figure). Given the
 * expected test rate p_T, the test group uses p_T(1 − p_T) instead (2.01 pp
 * with p_T = 15% in the same example).
 */
export function proportionMde(
    total: number,
    controlShare: number,
    baselineRate: number,
    alpha = 0.05,
    power = 0.8,
    testRate?: number,
): Mde {
    checkRate(baselineRate);
    if (testRate !== undefined) checkRate(testRate);
    return minimumDetectableEffect({
        total,
        controlShare,
        variance: baselineRate * (1 - baselineRate),
        testVariance: testRate === undefined ? undefined : testRate * (1 - testRate),
        baseline: baselineRate,
        alpha,
        power,
    });
}

/**
 * Total assigned customers N = k²·(σ²_C/q + σ²_T/(1 − q))/Δ² needed to detect
 * the effect Δ. The result is not rounded: plan with `Math.ceil` of it (the
 * reference table prints the nearest integer, e.g. 19,962 for q = 0.10).
 */
export function requiredSampleSize(input: SampleSizeInput): number {
    const { controlShare: q, effect, variance } = input;
    const testVariance = input.testVariance ?? variance;
    const k = powerMultiplier(input.alpha, input.power);
    checkShare(q);
    checkVariance(variance);
    checkVariance(testVariance);
    if (!(effect !== 0 && Number.isFinite(effect)))
        throw new RangeError(`effect must be non-zero, got ${effect}`);
    return (k * k * (variance / q + testVariance / (1 - q))) / (effect * effect);
}

/**
 * Total assigned customers needed to detect a conversion change from
 * `baselineRate` to `testRate`, with σ²_C = p_C(1 − p_C) and σ²_T = p_T(1 − p_T)
 * (reference §5: 10% → 12% at q = 0.10 needs 19,962). Not rounded.
 */
export function proportionSampleSize(
    controlShare: number,
    baselineRate: number,
    testRate: number,
    alpha = 0.05,
    power = 0.8,
): number {
    checkRate(baselineRate);
    checkRate(testRate);
    return requiredSampleSize({
        controlShare,
        effect: testRate - baselineRate,
        variance: baselineRate * (1 - baselineRate),
        testVariance: testRate * (1 - testRate),
        alpha,
        power,
    });
}

/**
 * How many times more variance a q / (1 − q) split has than a 50/50 split of
 * the same N: (1/q + 1/(1 − q))/4. 2.78 for q = 0.10; the MDE grows by its
 * square root.
 */
export function splitVariancePenalty(controlShare: number): number {
    checkShare(controlShare);
    return (1 / controlShare + 1 / (1 - controlShare)) / 4;
}

function checkShare(q: number): void {
    if (!(q > 0 && q < 1)) throw new RangeError(`controlShare must be strictly between 0 and 1, got ${q}`);
}

function checkVariance(v: number): void {
    if (!(v >= 0 && Number.isFinite(v))) throw new RangeError(`variance must be non-negative, got ${v}`);
}

function checkRate(p: number): void {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`a rate must be in [0, 1], got ${p}`);
}
