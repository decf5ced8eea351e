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
