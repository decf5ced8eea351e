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
