/**
 * The segments module's door: built-in lifecycle segments and saved custom
 * segments. See README.md.
 */
export type { SegmentAudience, SegmentMembersReader } from './rules/segment-audience.js';

/** Entity: each customer's current lifecycle segment (`refill_customer_lifecycle`). */
export { type CustomerLifecycle, CustomerLifecycleEntity } from './entities/customer-lifecycle.entity.js';
/** Entity: moves between lifecycle segments (`refill_lifecycle_transitions`). */
export {
    type LifecycleTransitionRecord,
    LifecycleTransitionEntity,
} from './entities/lifecycle-transition.entity.js';
/** Entity: daily segment sizes (`refill_segment_sizes`). */
export { type SegmentSize, SegmentSizeEntity } from './entities/segment-size.entity.js';
/** Rule: the lifecycle classification and its thresholds. */
export {
    classifyLifecycle,
    DEFAULT_LIFECYCLE_THRESHOLDS,
    type LifecycleFacts,
    type LifecycleThresholds,
    type PreviousLifecycle,
} from './rules/lifecycle.rules.js';
/** Repository: current lifecycle segments and transitions. */
export { CustomerLifecycleRepository } from './repositories/customer-lifecycle.repository.js';
/** Repository: daily segment sizes. */
export { SegmentSizeRepository } from './repositories/segment-size.repository.js';
/** Query: monthly flows between lifecycle segments. */
export { LifecycleFlowQuery } from './repositories/lifecycle-flow.query.js';
/** Port: sizes of saved custom segments for the daily snapshot. */
export type { SegmentSizeSource } from './services/segment-size.source.js';
/** Service: the daily lifecycle classification. */
export {
    type ClassificationResult,
    LifecycleClassificationService,
} from './services/lifecycle-classification.service.js';
/** Service: the lifecycle thresholds (audited saves). */
export { LifecycleSettingsService } from './services/lifecycle-settings.service.js';
/** Service: the admin API's lifecycle reads. */
export { LifecycleReportService } from './services/lifecycle-report.service.js';
/** Job: `segments-daily`. */
export { segmentsDailyJob } from './jobs/segments-daily.job.js';
/** Routes: the lifecycle segments' admin routes and their table. */
export {
    adminLifecycleRoutes,
    adminLifecycleRouteTable,
    type LifecycleApiServices,
} from './routes/lifecycle.routes.js';
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
export { type CustomSegmentSize, SqlSegmentMembersReader } from './services/segment-members.reader.js';
/** Admin API: the custom segment routes and their table. */
export { adminCustomSegmentRoutes, adminCustomSegmentRouteTable } from './routes/custom-segment.routes.js';
/** Job: `segments-home-stores`, and the refresher it runs. */
export { homeStoresJob } from './jobs/home-store.job.js';
export { type HomeStoreRefresh, HomeStoreRefresher } from './jobs/home-store.refresher.js';
