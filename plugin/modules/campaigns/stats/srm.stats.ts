/*
 * Sample ratio mismatch (SRM) check: Pearson's χ² goodness of fit of the
 * observed test/control split against the configured control share
 * (reference §2.1). A failed check means the effect numbers are not
 * trustworthy until the cause is found.
 */
import { chiSquaredSurvival } from './distributions.js';

/** p-value below which the split is flagged (GrowthBook's default). */
export const SRM_THRESHOLD = 0.001;

/** Outcome of the SRM check, printed first in the report. */
export interface SrmResult {
    /** Assigned customers in both groups. */
    total: number;
    /** The configured control share q (0..1). */
    expectedControlShare: number;
    /** n_C / (n_T + n_C); null when nobody is assigned yet. */
    observedControlShare: number | null;
    /** Pearson's X² with one degree of freedom; null when no test is possible. */
    chiSquared: number | null;
    /** P(χ²₁ ≥ X²); null when no test is possible (nobody assigned, or q is 0 or 1). */
    pValue: number | null;
    /** True when pValue < SRM_THRESHOLD. */
    flagged: boolean;
}

/**
 * Checks the observed split against the configured control share (0..1).
 * With no customers, or a share of 0 or 1 (one expected group is empty), there
 * is no χ² test: pValue is null and the check is not flagged.
 */
export function srmCheck(counts: { test: number; control: number }, controlShare: number): SrmResult {
    for (const [name, value] of Object.entries(counts))
        if (!Number.isInteger(value) || value < 0)
            throw new RangeError(`the ${name} count must be a non-negative integer, got ${value}`);
    if (!(controlShare >= 0 && controlShare <= 1))
        throw new RangeError(`controlShare must be in [0, 1], got ${controlShare}`);
    const total = counts.test + counts.control;
    const observedControlShare = total === 0 ? null : counts.control / total;
    const base = { total, expectedControlShare: controlShare, observedControlShare };
    if (total === 0 || controlShare === 0 || controlShare === 1)
        return { ...base, chiSquared: null, pValue: null, flagged: false };
    const expectedControl = controlShare * total;
    const expectedTest = (1 - controlShare) * total;
    const chiSquared =
        (counts.test - expectedTest) ** 2 / expectedTest +
        (counts.control - expectedControl) ** 2 / expectedControl;
    const pValue = chiSquaredSurvival(chiSquared, 1);
    return { ...base, chiSquared, pValue, flagged: pValue < SRM_THRESHOLD };
}
