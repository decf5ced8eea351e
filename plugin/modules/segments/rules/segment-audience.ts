import type { LifecycleSegment } from '../../../kernel/vocabulary/lifecycle-segments.js';

/**
 * Who a scheduled chain (or any other reader) addresses: the customers now in
 * a built-in lifecycle segment, or those a saved custom segment's rule selects.
 */
export type SegmentAudience = { lifecycle: LifecycleSegment } | { segmentId: number };

/**
 * Reads the members of an audience page by page, in customer-id order, so a
 * caller walks a segment of any size in bounded memory. The segments module
 * implements it; the chains module takes it.
 */
export interface SegmentMembersReader {
    /** Up to `limit` customer ids of `audience` above `afterId`, ascending. */
    membersOf(audience: SegmentAudience, afterId: number, limit: number): Promise<number[]>;
    /** Whether each of `customerIds` is in `audience` now (those that are). */
    whichAreIn(audience: SegmentAudience, customerIds: readonly number[]): Promise<Set<number>>;
}
