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
