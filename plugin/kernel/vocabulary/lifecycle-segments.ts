/**
 * The built-in lifecycle segments, a customer's place in the funnel by
 * purchase count and recency, in funnel order. Every customer is in exactly
 * one. `enrolled`: a card without a purchase; `new`: one purchase;
 * `developing`: 2–3; `regular`: 4 or more and within the chain's usual
 * interval; `sleeping`: no purchase for N days; `churned`: none for M days;
 * `won_back`: bought again after sleeping or churned. The thresholds are
 * settings of the segments module.
 */
export const LIFECYCLE_SEGMENTS = [
    'enrolled',
    'new',
    'developing',
    'regular',
    'sleeping',
    'churned',
    'won_back',
] as const;

/** One of {@link LIFECYCLE_SEGMENTS}. */
export type LifecycleSegment = (typeof LIFECYCLE_SEGMENTS)[number];

/** Whether a string (a stored column, a route parameter) names a lifecycle segment. */
export function isLifecycleSegment(value: unknown): value is LifecycleSegment {
    return typeof value === 'string' && (LIFECYCLE_SEGMENTS as readonly string[]).includes(value);
}
