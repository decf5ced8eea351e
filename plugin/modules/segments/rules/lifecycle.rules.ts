import type { LifecycleSegment } from '../../../kernel/vocabulary/lifecycle-segments.js';

/**
 * The editable thresholds of the lifecycle segments, in whole chain-local
 * days. Saved as the `segments.lifecycle` setting; the daily job reads them
 * at the start of each run.
 */
export interface LifecycleThresholds {
    /** No purchase for this many days or more: `sleeping` (N). */
    sleepingAfterDays: number;
    /** No purchase for this many days or more: `churned` (M, more than N). */
    churnedAfterDays: number;
    /** The chain's usual interval: 4+ purchases and the last one at most this many days ago is `regular` (less than N). */
    regularWithinDays: number;
    /** How many days `won_back` lasts from the day the returning purchase was classified. */
    wonBackDays: number;
}

/**
 * The defaults: a grocery or pharmacy chain whose regulars come back at
 * least monthly; two months without a purchase is sleeping, six churned,
 * and a won-back customer is followed for a month.
 */
export const DEFAULT_LIFECYCLE_THRESHOLDS: Readonly<LifecycleThresholds> = Object.freeze({
    sleepingAfterDays: 60,
    churnedAfterDays: 180,
    regularWithinDays: 30,
    wonBackDays: 30,
});

/** What the classification knows of a customer on a day (days as {@link dayNumber}s). */
export interface LifecycleFacts {
    /** Lifetime receipts (`refill_customers.purchase_count`). */
    purchaseCount: number;
    /** The chain-local day of the last purchase, or null when none. */
    lastPurchaseDay: number | null;
    /** The chain-local day being classified. */
    today: number;
}

/** The customer's classification before this one (null: never classified). */
export interface PreviousLifecycle {
    segment: LifecycleSegment;
    /** The day they entered it. */
    sinceDay: number;
}

/** The segments a returning purchase wins a customer back from. */
const LAPSED: ReadonlySet<LifecycleSegment> = new Set(['sleeping', 'churned']);

/**
 * The one lifecycle segment of a customer on `facts.today`, with
 * `d = today − lastPurchaseDay` (0: bought today), checked in this order:
 *
 * 1. no purchase (count 0 or no last purchase): `enrolled`;
 * 2. `d ≥ churnedAfterDays`: `churned`;
 * 3. `d ≥ sleepingAfterDays`: `sleeping`;
 * 4. previously `sleeping` or `churned` (and so bought again): `won_back`;
 * 5. previously `won_back` since fewer than `wonBackDays` days: `won_back`;
 * 6. one purchase: `new`;
 * 7. 4+ purchases and `d ≤ regularWithinDays`: `regular`;
 * 8. otherwise (2–3 purchases, or 4+ bought longer ago than the usual interval): `developing`.
 */
export function classifyLifecycle(
    facts: LifecycleFacts,
    thresholds: LifecycleThresholds,
    previous: PreviousLifecycle | null,
): LifecycleSegment {
    if (facts.purchaseCount <= 0 || facts.lastPurchaseDay === null) return 'enrolled';
    const d = facts.today - facts.lastPurchaseDay;
    if (d >= thresholds.churnedAfterDays) return 'churned';
    if (d >= thresholds.sleepingAfterDays) return 'sleeping';
    if (previous && LAPSED.has(previous.segment)) return 'won_back';
    if (previous?.segment === 'won_back' && facts.today - previous.sinceDay < thresholds.wonBackDays)
        return 'won_back';
    if (facts.purchaseCount === 1) return 'new';
    if (facts.purchaseCount >= 4 && d <= thresholds.regularWithinDays) return 'regular';
    return 'developing';
}

/** A customer's lifecycle after a classification, and whether it moved. */
export interface LifecycleStep {
    segment: LifecycleSegment;
    sinceDay: number;
    /** Whether this is a transition to record (first classification or a new segment). */
    moved: boolean;
}

/** Classifies and keeps `sinceDay` when the segment did not change. */
export function stepLifecycle(
    facts: LifecycleFacts,
    thresholds: LifecycleThresholds,
    previous: PreviousLifecycle | null,
): LifecycleStep {
    const segment = classifyLifecycle(facts, thresholds, previous);
    if (previous && previous.segment === segment)
        return { segment, sinceDay: previous.sinceDay, moved: false };
    return { segment, sinceDay: facts.today, moved: true };
}
