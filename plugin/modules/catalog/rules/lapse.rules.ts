import { chainDay, chainDayStart } from './category-stats.rules.js';

/**
 * Lapse detection for one customer in one chronic category, from the
 * purchase days kept in their statistics row. A customer is lapsed when they
 * bought the category on at least `minPurchases` days in the last year, not
 * for `lapseAfterDays`, and — beyond that threshold — not for longer than
 * k × their own median interval, so someone who buys every 90 days is not
 * flagged on day 60. Brand switches within the category (same ATC group)
 * land in the same row, so they are never a lapse.
 *
 * This is the one rule: the daily selection and the category's "lapsed
 * buyers today" both call it. Days are whole days in the chain's timezone
 * ({@link chainDay}), as campaign days are.
 */

/** k of the rhythm test when no campaign sets its own (`lapseKPct`), percent. */
export const DEFAULT_LAPSE_K_PCT = 150;
/** Purchase days before this many days ago do not count (the look-back window). */
export const LAPSE_LOOKBACK_DAYS = 365;
/** Purchase days in the look-back window that make a regular buyer when the category sets none. */
export const DEFAULT_MIN_PURCHASES = 3;

/** The rule a campaign applies. */
export interface LapseRule {
    /** Days without a purchase before anyone counts as lapsed. */
    lapseAfterDays: number;
    /** Purchase days in the look-back window that make a regular buyer. */
    minPurchases: number;
    /** k in percent: 150 means 1.5 × the customer's median interval. */
    kPct: number;
    /** Look-back window, days (365). */
    lookbackDays?: number;
}

/** What a category says about lapses (its own settings; null where it leaves the default). */
export interface CategoryLapseSettings {
    refillIntervalDays: number | null;
    lapseAfterDays: number | null;
    minPurchases: number | null;
}

/**
 * The rule of a category: its `lapseAfterDays`, else twice its refill
 * interval but at least 30 days; its `minPurchases`, else 3; k of the
 * campaign, else {@link DEFAULT_LAPSE_K_PCT}.
 */
export function categoryLapseRule(category: CategoryLapseSettings, kPct = DEFAULT_LAPSE_K_PCT): LapseRule {
    return {
        lapseAfterDays: category.lapseAfterDays ?? Math.max(30, 2 * (category.refillIntervalDays ?? 30)),
        minPurchases: category.minPurchases ?? DEFAULT_MIN_PURCHASES,
        kPct,
    };
}

/**
 * The statistics rows worth judging on chain day `today`: those whose last
 * purchase fell on a day in (today − look-back, today − lapseAfterDays], as
 * moments [lastFrom, lastBefore) for a range scan on `last_at`, and with at
 * least `minPurchases` purchase days ever. Every row the rule can call lapsed
 * is inside it; the rule still judges each one.
 */
export function lapseScanWindow(
    rule: LapseRule,
    today: number,
    timezone: string,
): { lastFrom: Date; lastBefore: Date; minPurchases: number } {
    const lookback = rule.lookbackDays ?? LAPSE_LOOKBACK_DAYS;
    return {
        lastFrom: chainDayStart(today - lookback + 1, timezone),
        lastBefore: chainDayStart(today - rule.lapseAfterDays + 1, timezone),
        minPurchases: rule.minPurchases,
    };
}

/** The chain day of `now`, the `today` of {@link lapseVerdict}. */
export function lapseToday(now: Date, timezone: string): number {
    return chainDay(now, timezone);
}

/** Why a candidate is or is not lapsed. */
export type LapseReason = 'lapsed' | 'too_few_purchases' | 'within_threshold' | 'within_rhythm';

/** The verdict with the figures it rests on (kept on the member row for audits). */
export interface LapseVerdict {
    lapsed: boolean;
    reason: LapseReason;
    daysSinceLast: number | null;
    purchasesInWindow: number;
    medianIntervalDays: number | null;
}

/** The median of the gaps between consecutive purchase days (newest first or any order); null below two days. */
export function medianInterval(days: readonly number[]): number | null {
    if (days.length < 2) return null;
    const sorted = [...days].sort((a, b) => a - b);
    const gaps: number[] = [];
    for (let i = 1; i < sorted.length; i++) gaps.push(sorted[i] - sorted[i - 1]);
    gaps.sort((a, b) => a - b);
    const mid = gaps.length >> 1;
    return gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}

/**
 * Judges one customer. `recentDays` are the chain days of their latest
 * purchase days in the category (newest first), `today` the chain day of the
 * run ({@link lapseToday}).
 */
export function lapseVerdict(recentDays: readonly number[], today: number, rule: LapseRule): LapseVerdict {
    const lookback = rule.lookbackDays ?? LAPSE_LOOKBACK_DAYS;
    const inWindow = recentDays.filter((d) => d > today - lookback && d <= today);
    const last = inWindow.length ? Math.max(...inWindow) : null;
    const daysSinceLast = last === null ? null : today - last;
    const median = medianInterval(inWindow);
    const verdict = (reason: LapseReason): LapseVerdict => ({
        lapsed: reason === 'lapsed',
        reason,
        daysSinceLast,
        purchasesInWindow: inWindow.length,
        medianIntervalDays: median,
    });
    if (inWindow.length < rule.minPurchases || daysSinceLast === null) return verdict('too_few_purchases');
    if (daysSinceLast < rule.lapseAfterDays) return verdict('within_threshold');
    if (median !== null && daysSinceLast * 100 <= median * rule.kPct) return verdict('within_rhythm');
    return verdict('lapsed');
}

/** Whether a category is out of season in a month (1–12). */
export function isSeasonalMonth(seasonalMonths: readonly number[], month: number): boolean {
    return seasonalMonths.includes(month);
}
