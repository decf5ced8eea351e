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
