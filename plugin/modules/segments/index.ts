/**
 * The segments module's door: built-in lifecycle segments and saved custom
 * segments. See README.md.
 */
export type { SegmentAudience, SegmentMembersReader } from './rules/segment-audience.js';
/** Entity: saved custom segments (`refill_segments`). */
export { type CustomSegment, CustomSegmentEntity } from './entities/custom-segment.entity.js';
/** Entity: each customer's home store (`refill_customer_home_stores`). */
export { type HomeStore, HomeStoreEntity } from './entities/home-store.entity.js';
/** Repository: saved segments. */
export {
    type CustomSegmentFields,
    CustomSegmentRepository,
} from './repositories/custom-segment.repository.js';
/** Query: runs compiled segment rules (counts, pages, membership). */
export {
    CustomSegmentMembersQuery,
    type SegmentMemberRow,
} from './repositories/custom-segment-members.query.js';
/** Repository: the home stores' set-based rewrite. */
export { HomeStoreRepository } from './repositories/home-store.repository.js';
/** The custom segment rule language, its schema and compiler. */
export type { SegmentCondition, SegmentConditionType, SegmentRule } from './rules/segment-rule.types.js';
export { segmentRuleSchema } from './rules/segment-rule.schema.js';
export {
    compileSegmentRule,
    type CompiledSegmentRule,
    type SegmentCompileContext,
} from './rules/segment-rule.compiler.js';
/** Pure rules: distances between stores. */
export { haversineKm, storesWithinKm } from './rules/geo.rules.js';
/** Service: saved segments (audited), the editor's live count, members pages. */
export {
    type CustomSegmentInput,
    CustomSegmentService,
    type CustomSegmentView,
} from './services/custom-segment.service.js';
/** Service: compiles rules against the database as it is now. */
export { CustomSegmentRulesService, type StorePlaces } from './services/custom-segment-rules.service.js';
/** Port: which active chains address a segment (the chains module implements it). */
export { type CustomSegmentUsage, NO_SEGMENT_USAGE } from './services/custom-segment-usage.port.js';
/** Reader: audiences' members page by page, and the custom segments' sizes for the daily snapshot. */
export {
    type SegmentSize,
    type SegmentSizeSource,
    SqlSegmentMembersReader,
} from './services/segment-members.reader.js';
/** Admin API: the custom segment routes and their table. */
export { adminCustomSegmentRoutes, adminCustomSegmentRouteTable } from './routes/custom-segment.routes.js';
/** Job: `segments-home-stores`, and the refresher it runs. */
export { homeStoresJob } from './jobs/home-store.job.js';
export { type HomeStoreRefresh, HomeStoreRefresher } from './jobs/home-store.refresher.js';
