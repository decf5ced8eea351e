/*
 * Test-versus-control effect of one metric: the absolute uplift with a Welch t
 * interval and the relative uplift by the delta method (the formulas of
 * GrowthBook's frequentist engine, reference §2.2–2.3). Fixed horizon,
 * two-sided.
 */
import { studentTQuantile, twoSidedPValue } from './distributions.js';
import { type GroupSums, groupMean, proportionVariance, sampleVariance } from './group-sums.js';

/**
 * One effect with its uncertainty. The interval and p-value are null when
 * they do not exist: a group with fewer than 2 customers, or no variance at all
 * (every customer has the same value), where a t interval would be 0/0.
 */
export interface Estimate {
    /** The point estimate (difference of means, or ratio − 1 for a relative effect). */
    estimate: number;
    /** Its standard error; null when a group has fewer than 2 customers. */
    standardError: number | null;
    /** Lower bound of the two-sided (1 − α) interval. */
    ciLow: number | null;
    /** Upper bound of the two-sided (1 − α) interval. */
    ciHigh: number | null;
    /** Two-sided p-value of "no effect". */
    pValue: number | null;
}

/** What the report prints for one group. */
export interface GroupSummary {
    /** Assigned customers. */
    n: number;
    /** Conversion rate or mean value per assigned customer. */
    mean: number;
    /** Per-customer variance; null when it does not exist (a mean metric with n < 2). */
    variance: number | null;
}

/** Test-versus-control comparison of one metric. */
export interface UpliftResult {
    /** The control group (holdout). */
    control: GroupSummary;
    /** The test group (offer sent). */
    test: GroupSummary;
    /** Test mean − control mean, in the metric's unit (a rate difference for conversion). */
    absolute: Estimate;
    /** (test mean − control mean) / control mean; null when the control mean is 0. */
    relative: Estimate | null;
    /** Welch–Satterthwaite degrees of freedom, shared by both intervals; null when undefined. */
    df: number | null;
    /** The significance level the intervals were built with. */
    alpha: number;
}

type VarianceOf = (g: GroupSums) => number | null;

/**
 * Compares the conversion rate of the test group with the control group.
 * Per-group variance is p(1 − p) (no n − 1 correction), as in GrowthBook.
 * Throws a RangeError when a group is empty: there is no rate to compare.
 */
export function compareProportions(test: GroupSums, control: GroupSums, alpha = 0.05): UpliftResult {
    return compare(test, control, proportionVariance, alpha);
}

/**
 * Compares a mean metric (revenue per assigned customer, zeros included) of
 * the test group with the control group. Per-group variance is the sample
 * variance with n − 1. Throws a RangeError when a group is empty.
 */
export function compareMeans(test: GroupSums, control: GroupSums, alpha = 0.05): UpliftResult {
    return compare(test, control, sampleVariance, alpha);
}

/** Welch–Satterthwaite degrees of freedom from each group's variance of the mean (σ²/n) and size. */
function welchDf(varOfMeanTest: number, nTest: number, varOfMeanControl: number, nControl: number): number {
    const total = varOfMeanTest + varOfMeanControl;
    return (
        (total * total) /
        ((varOfMeanTest * varOfMeanTest) / (nTest - 1) +
            (varOfMeanControl * varOfMeanControl) / (nControl - 1))
    );
}

function compare(test: GroupSums, control: GroupSums, varianceOf: VarianceOf, alpha: number): UpliftResult {
    if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
    for (const [name, g] of [
        ['test', test],
        ['control', control],
    ] as const) {
        if (!Number.isInteger(g.n) || g.n < 1)
            throw new RangeError(`the ${name} group needs at least one customer, got n = ${g.n}`);
        if (!Number.isFinite(g.sum) || !Number.isFinite(g.sumSquares))
            throw new RangeError(`the ${name} group's sums must be finite numbers`);
    }
    const testSummary: GroupSummary = { n: test.n, mean: groupMean(test), variance: varianceOf(test) };
    const controlSummary: GroupSummary = {
        n: control.n,
        mean: groupMean(control),
        variance: varianceOf(control),
    };
    const mT = testSummary.mean;
    const mC = controlSummary.mean;
    const vT = testSummary.variance;
    const vC = controlSummary.variance;

    const comparable = vT !== null && vC !== null && test.n >= 2 && control.n >= 2;
    const varMeanT = comparable ? vT / test.n : 0;
    const varMeanC = comparable ? vC / control.n : 0;
    const seAbsolute = comparable ? Math.sqrt(varMeanT + varMeanC) : null;
    const df = seAbsolute !== null && seAbsolute > 0 ? welchDf(varMeanT, test.n, varMeanC, control.n) : null;
    const critical = df === null ? null : studentTQuantile(1 - alpha / 2, df);

    const absolute = withInterval(mT - mC, seAbsolute, df, critical);
    let relative: Estimate | null = null;
    if (mC !== 0) {
        const seRelative = comparable
            ? Math.sqrt(vT / (test.n * mC * mC) + (vC * mT * mT) / (control.n * mC ** 4))
            : null;
        relative = withInterval((mT - mC) / mC, seRelative, df, critical);
    }
    return { control: controlSummary, test: testSummary, absolute, relative, df, alpha };
}

function withInterval(
    estimate: number,
    standardError: number | null,
    df: number | null,
    critical: number | null,
): Estimate {
    if (standardError === null || standardError === 0 || df === null || critical === null)
        return { estimate, standardError, ciLow: null, ciHigh: null, pValue: null };
    return {
        estimate,
        standardError,
        ciLow: estimate - critical * standardError,
        ciHigh: estimate + critical * standardError,
        pValue: twoSidedPValue(estimate / standardError, df),
    };
}
