/**
 * The segments module's door: built-in lifecycle segments and saved custom
 * segments. See README.md.
 */
export type { SegmentAudience, SegmentMembersReader } from './rules/segment-audience.js';
/** Entity: saved custom segments (`refill_segments`). */
export { type CustomSegment, CustomSegmentEntity } from './entities/custom-segment.entity.js';
/** Entity: each customer's home store (`refill_customer_home_stores`). */
export { type HomeStore, HomeStoreEntity } from './entities/home-store.entity.js';
