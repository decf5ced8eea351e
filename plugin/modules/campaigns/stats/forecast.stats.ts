/*
 * Forecast of a campaign's uplift before launch, from the uplifts measured in
 * past campaigns of the same kind (product brief: pessimistic, neutral and
 * optimistic = minimum, mean and maximum), or from a stated prior when there
 * is no past campaign yet. A random-effects mean (reference §5) is offered
 * beside it as the statistically sounder summary.
 */

/** The measured uplift of one past campaign (test vs control). */
export interface PastUplift {
    /** Absolute uplift per assigned customer (rate difference or money per customer). */
    absoluteUplift: number;
    /** Relative uplift (0.3 = +30%); null when the control mean was 0. */
    relativeUplift: number | null;
}

/** An uplift assumed when there is no past campaign. */
export interface ForecastPrior {
    /** The expected absolute uplift per assigned customer. */
    absoluteUplift: number;
    /** How far the pessimistic and optimistic cases lie from it (non-negative). */
    spread: number;
}

/** One forecast scenario. */
export interface ForecastScenario {
    /** Absolute uplift per assigned customer. */
    absoluteUplift: number;
    /** Relative uplift; null when unknown (a prior, or no past relative uplift). */
    relativeUplift: number | null;
}

/** Three scenarios for the next campaign. */
export interface Forecast {
    /** Whether the scenarios come from past campaigns or from the stated prior. */
    basis: 'past' | 'prior';
    /** Past campaigns used (0 for a prior). */
    count: number;
    /** The lowest past uplift, or prior − spread. */
    pessimistic: ForecastScenario;
    /** The mean past uplift, or the prior. */
    neutral: ForecastScenario;
    /** The highest past uplift, or prior + spread. */
    optimistic: ForecastScenario;
}

/**
 * Pessimistic, neutral and optimistic uplift: the minimum, mean and maximum of
 * the past campaigns' measured uplifts (absolute and, separately, relative),
 * or prior ∓ spread when there are none. Null with neither past campaigns nor
 * a prior. Note that measured uplifts carry their own noise, so the minimum
 * and maximum spread wider as campaigns accumulate; see
 * {@link randomEffectsMean} for a summary that separates noise from real
 * variation between campaigns.
 */
export function forecastFromPast(past: readonly PastUplift[], prior?: ForecastPrior): Forecast | null {
    for (const p of past) {
        if (
            !Number.isFinite(p.absoluteUplift) ||
            (p.relativeUplift !== null && !Number.isFinite(p.relativeUplift))
        )
            throw new RangeError('past uplifts must be finite numbers');
    }
    if (past.length > 0) {
        const absolute = summarise(past.map((p) => p.absoluteUplift));
        const relative = summarise(
            past.flatMap((p) => (p.relativeUplift === null ? [] : [p.relativeUplift])),
        );
        const scenario = (key: 'min' | 'mean' | 'max'): ForecastScenario => ({
            absoluteUplift: absolute[key],
            relativeUplift: relative.count === 0 ? null : relative[key],
        });
        return {
            basis: 'past',
            count: past.length,
            pessimistic: scenario('min'),
            neutral: scenario('mean'),
            optimistic: scenario('max'),
        };
    }
    if (!prior) return null;
    if (!Number.isFinite(prior.absoluteUplift) || !(prior.spread >= 0 && Number.isFinite(prior.spread)))
        throw new RangeError('the prior needs a finite uplift and a non-negative spread');
    const at = (absoluteUplift: number): ForecastScenario => ({ absoluteUplift, relativeUplift: null });
    return {
        basis: 'prior',
        count: 0,
        pessimistic: at(prior.absoluteUplift - prior.spread),
        neutral: at(prior.absoluteUplift),
        optimistic: at(prior.absoluteUplift + prior.spread),
    };
}

/** A random-effects summary of several campaigns' uplifts. */
export interface RandomEffects {
    /** Campaigns pooled. */
    count: number;
    /** μ̂: the mean uplift across campaigns, weighted by 1/(SE² + τ̂²). */
    mean: number;
    /** Standard error of μ̂. */
    standardError: number;
    /** τ̂²: the variance of the true uplift between campaigns (0 when the spread is all noise). */
    tauSquared: number;
    /** Cochran's Q heterogeneity statistic. */
    q: number;
}

/**
 * DerSimonian–Laird random-effects mean of past uplift estimates, each with
 * its standard error (which must be positive). The neutral forecast is then
 * μ̂, and N(μ̂, τ̂² + SE²_planned) gives honest pessimistic and optimistic
 * percentiles. Null for an empty list.
 */
export function randomEffectsMean(
    estimates: ReadonlyArray<{ estimate: number; standardError: number }>,
): RandomEffects | null {
    if (estimates.length === 0) return null;
    for (const e of estimates) {
        if (!Number.isFinite(e.estimate) || !(e.standardError > 0 && Number.isFinite(e.standardError)))
            throw new RangeError('each estimate needs a finite value and a positive standard error');
    }
    const w = estimates.map((e) => 1 / e.standardError ** 2);
    const sumW = sum(w);
    const fixedMean = sum(estimates.map((e, i) => w[i] * e.estimate)) / sumW;
    const q = sum(estimates.map((e, i) => w[i] * (e.estimate - fixedMean) ** 2));
    const c = sumW - sum(w.map((x) => x * x)) / sumW;
    const tauSquared = c > 0 ? Math.max(0, (q - (estimates.length - 1)) / c) : 0;
    const wStar = estimates.map((e) => 1 / (e.standardError ** 2 + tauSquared));
    const sumWStar = sum(wStar);
    return {
        count: estimates.length,
        mean: sum(estimates.map((e, i) => wStar[i] * e.estimate)) / sumWStar,
        standardError: Math.sqrt(1 / sumWStar),
        tauSquared,
        q,
    };
}

function summarise(values: readonly number[]): { count: number; min: number; mean: number; max: number } {
    if (values.length === 0) return { count: 0, min: 0, mean: 0, max: 0 };
    return {
        count: values.length,
        min: values.reduce((a, b) => Math.min(a, b)),
        mean: sum(values) / values.length,
        max: values.reduce((a, b) => Math.max(a, b)),
    };
}

function sum(values: readonly number[]): number {
    return values.reduce((acc, v) => acc + v, 0);
}
