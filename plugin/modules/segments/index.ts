/**
 * The segments module's door: built-in lifecycle segments and saved custom
 * segments. See README.md.
 */
export type { SegmentAudience, SegmentMembersReader } from './rules/segment-audience.js';
