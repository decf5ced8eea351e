/**
 * The chains module's door: trigger chains (automatic scenarios) and their
 * runs. See README.md.
 */
export type {
    ChainTrigger,
    ChainStep,
    ChainBranchCondition,
    ChainEvent,
    ChainReentry,
    ChainDesign,
} from './rules/chain-definition.js';
export {
    CHAIN_TRIGGER_TYPES,
    CHAIN_BRANCH_CONDITIONS,
    CHAIN_EVENTS,
    CHAIN_STEP_TYPES,
} from './rules/chain-definition.js';
export { ChainEntity, type Chain, type ChainStatus } from './entities/chain.entity.js';
export {
    ChainRunEntity,
    type ChainRun,
    type ChainRunGroup,
    type ChainRunStatus,
} from './entities/chain-run.entity.js';
export { ChainStepLogEntity, type ChainStepLog } from './entities/chain-step-log.entity.js';
/** The design's joi schemas and checks, and the traffic of a chain. */
export { chainDesignBody, updateChainBody } from './rules/chain-design.schema.js';
export {
    CHAIN_SENDABLE_KINDS,
    chainSendKinds,
    chainTraffic,
    checkChainDesign,
} from './rules/chain-design.rules.js';
/** Repository: the chains (`refill_chains`) and the parse of their JSON columns. */
export { ChainRepository, type ChainFields, chainDesignOf } from './repositories/chain.repository.js';
/** Queries: a chain's report sums, and the program's revenue per customer. */
export { ChainReportQuery } from './repositories/chain-report.query.js';
export { ProgramRevenueQuery } from './repositories/chain-report-program.query.js';
/** Service: chains for marketers (list, edit with a version, activate, pause, archive; audited). */
export { ChainAdminService, type SavedSegmentIds } from './services/chain-admin.service.js';
export type { ChainStepCount, ChainSummary, ChainView } from './services/chain-admin.view.js';
/** Service: a chain's report against its holdout. */
export { type ChainReport, ChainReportService } from './services/chain-report.service.js';
/** Service: the program's global control group (share, audited; report). */
export { GlobalControlService } from './services/global-control.service.js';
/** Admin API: the chain routes and the global control routes, with their tables. */
export { adminChainRoutes, adminChainRouteTable, type ChainApiServices } from './routes/chains.routes.js';
export {
    adminGlobalControlRoutes,
    adminGlobalControlRouteTable,
    type GlobalControlApiServices,
} from './routes/global-control.routes.js';
/** The shipped chains (seeded as drafts on start) and messaging's ChainOwnedKinds port, answered by chains. */
export { SHIPPED_CHAINS, SHIPPED_CHAIN_KEYS, type ShippedChainKey } from './rules/shipped-chains.js';
export { ShippedChainsService } from './services/shipped-chains.service.js';
export { ChainOwnedKindsReader } from './services/shipped-chains.owned-kinds.js';
