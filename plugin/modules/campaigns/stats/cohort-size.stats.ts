/*
 * How many customers a campaign will reach, estimated before launch from the
 * lapses of the last days (reference §5, "days to run": N = eligible
 * customers per day × days). On its first day a campaign takes everyone
 * lapsed and eligible today (the dry run); on each later day it takes those
 * who lapsed that day. The daily inflow is measured on the history: the
 * customers who became lapsed on each of the last days, by the same rule the
 * selection applies.
 */
import { type LapseRule, lapseVerdict } from '../../catalog/index.js';

/**
 * The days in [fromDay, toDay] (epoch days) on which a customer became
 * lapsed: lapsed that day by `rule`, not the day before. `recentDays` are the
 * customer's purchase days (any order); the rule only sees those up to each
 * day, so a customer who lapsed and came back since still counts.
 */
export function newlyLapsedDays(
    recentDays: readonly number[],
    fromDay: number,
    toDay: number,
    rule: LapseRule,
): number[] {
    if (!Number.isInteger(fromDay) || !Number.isInteger(toDay) || toDay < fromDay)
        throw new RangeError(`the days must be integers with fromDay ≤ toDay, got ${fromDay}..${toDay}`);
    const out: number[] = [];
    let before = lapseVerdict(recentDays, fromDay - 1, rule).lapsed;
    for (let day = fromDay; day <= toDay; day++) {
        const now = lapseVerdict(recentDays, day, rule).lapsed;
        if (now && !before) out.push(day);
        before = now;
    }
    return out;
}

/** Inputs of {@link expectedCohortSize}. */
export interface CohortSizeInput {
    /** Customers the campaign would assign today (the dry run's eligible count). */
    today: number;
    /** Customers who became lapsed per day, on average over the measured days. */
    lapsesPerDay: number;
    /** Share of lapsed newcomers that pass eligibility (consents, cards, filters), in [0, 1]. */
    eligibleShare: number;
    /** Days the campaign selects (at least 1). */
    days: number;
    /** The campaign's daily cap, or null. */
    dailyCap: number | null;
}

/**
 * Expected members over the campaign: today's eligible customers on the
 * first day, then lapses per day × eligible share on each later day, at most
 * the daily cap × days. Rounded to a whole customer.
 */
export function expectedCohortSize(input: CohortSizeInput): number {
    const { today, lapsesPerDay, eligibleShare, days, dailyCap } = input;
    if (!(today >= 0) || !(lapsesPerDay >= 0))
        throw new RangeError(`counts must be non-negative, got ${today} and ${lapsesPerDay}`);
    if (!(eligibleShare >= 0 && eligibleShare <= 1))
        throw new RangeError(`eligibleShare must be in [0, 1], got ${eligibleShare}`);
    if (!Number.isInteger(days) || days < 1)
        throw new RangeError(`days must be a positive integer, got ${days}`);
    if (dailyCap !== null && !(dailyCap >= 0))
        throw new RangeError(`dailyCap must be non-negative, got ${dailyCap}`);
    const uncapped = today + lapsesPerDay * eligibleShare * (days - 1);
    return Math.round(dailyCap === null ? uncapped : Math.min(uncapped, dailyCap * days));
}
