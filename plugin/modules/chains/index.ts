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
/** Query: the live (active, paused) chains with their designs parsed; marks a reached budget. */
export { ActiveChainsQuery, type LiveChain } from './repositories/active-chains.query.js';
/** Repository: chain runs (entry, claims, steps, events). */
export {
    ChainRunRepository,
    OPEN_RUN_STATUSES,
    type ChainRunPatch,
    type NewChainRun,
} from './repositories/chain-run.repository.js';
/** Repository: the step log (the report's step funnel counts it). */
export { ChainStepLogRepository } from './repositories/chain-step-log.repository.js';
/** Builds the engine: entry, triggers, goals, the step runner. */
export {
    createChainEngine,
    type ChainEngine,
    type ChainEngineDeps,
} from './services/chain-engine.factory.js';
/** Service: the step runner (claims due runs, one step per run per transaction). */
export {
    ChainEngineService,
    type ChainEngineOptions,
    type ChainStepCounts,
} from './services/chain-engine.service.js';
/** Service: entry of candidates into a chain (re-entry, cap, global control, holdout). */
export {
    ChainEntryService,
    type EntryCandidate,
    type EntryCounts,
    type EntryVerdict,
} from './services/chain-entry.service.js';
/** Service: the triggers (sale, lifecycle moves, the periodic scan). */
export { ChainTriggersService } from './services/chain-triggers.service.js';
/** Service: goals, stop events and waits ended by events. */
export { ChainGoalsService } from './services/chain-engine.goals.js';
/** The cached live chains and global control setting. */
export { LiveChainsCache } from './services/chain-engine.cache.js';
/** One step of one run in one transaction; the crash-injection hook tests use. */
export { ChainStepExecutor, type AfterEffectHook, type StepOutcome } from './services/chain-step.executor.js';
/** Job definitions: `chain-steps` (+ `chain-steps-more`) and `chain-triggers`. */
export {
    CHAIN_STEPS_MORE_TASK,
    chainStepsJob,
    chainStepsMoreTask,
    chainTriggersJob,
    type ChainJobDeps,
} from './jobs/chain-jobs.js';
/** Event subscriptions (sale, lifecycle moves). */
export { subscribeChains } from './events/subscribe-chains.js';
/** Pure rules: the walk, re-entry and assignment. */
export { chainGroup, chainSeed } from './rules/chain-assignment.rules.js';
export { entryKey, mayEnter, underCap } from './rules/chain-reentry.rules.js';
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
/** The segments module's usage check: which live chains address a saved segment. */
export { ChainSegmentUsageReader } from './services/chain-segment-usage.reader.js';
