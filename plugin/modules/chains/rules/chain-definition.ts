import type { Channel } from '../../../kernel/vocabulary/channels.js';
import type { LifecycleSegment } from '../../../kernel/vocabulary/lifecycle-segments.js';
import type { MessageKind } from '../../../kernel/vocabulary/message-kinds.js';
import type { SegmentAudience } from '../../segments/index.js';

/*
 * What a trigger chain is, as data: the shape the admin API accepts (joi
 * validates it), `refill_chains` stores (JSON columns) and the engine walks.
 * Amounts are minor units, shares basis points, durations whole hours or
 * days.
 */

/** What starts a customer's run of a chain. */
export type ChainTrigger =
    /** A card was enrolled (at the till or by import). */
    | { type: 'enrolled' }
    /** A customer's first purchase committed. */
    | { type: 'first-purchase' }
    /** A purchase with a line in the category committed. */
    | { type: 'purchase-in-category'; categoryId: number }
    /** The daily segment job moved the customer into the lifecycle segment. */
    | { type: 'segment-entered'; segment: LifecycleSegment }
    /** Active bonuses of the customer burn within `daysBefore` days. */
    | { type: 'bonuses-burning'; daysBefore: number }
    /** The customer's birthday (chain-local day), where it is known. */
    | { type: 'birthday' }
    /** The available balance rose to `amount` or above (minor units). */
    | { type: 'balance-crossed'; amount: number }
    /** Every day (or every week on `weekday`, 1 = Monday), the members of an audience. */
    | { type: 'schedule'; every: 'day' | 'week'; weekday?: number; audience: SegmentAudience };

/** The trigger types, for joi and the editor. */
export const CHAIN_TRIGGER_TYPES = [
    'enrolled',
    'first-purchase',
    'purchase-in-category',
    'segment-entered',
    'bonuses-burning',
    'birthday',
    'balance-crossed',
    'schedule',
] as const satisfies readonly ChainTrigger['type'][];

/** What a branch step asks about the run so far (within `withinHours` of the step before it). */
export const CHAIN_BRANCH_CONDITIONS = [
    'delivered',
    'opened',
    'clicked',
    'bought',
    'used-points',
    'entered-segment',
] as const;

/** One of {@link CHAIN_BRANCH_CONDITIONS}. */
export type ChainBranchCondition = (typeof CHAIN_BRANCH_CONDITIONS)[number];

/** Events a wait step can wait for, a goal can be, and a run can stop on. */
export const CHAIN_EVENTS = ['purchase', 'points-used', 'unsubscribed', 'segment-left'] as const;

/** One of {@link CHAIN_EVENTS}. */
export type ChainEvent = (typeof CHAIN_EVENTS)[number];

/** One step of a chain. Every step has an `id` unique in its chain; the run moves to the next step in the list unless a branch or exit says otherwise. */
export type ChainStep =
    /** Send a message of `kind`, through `channels` cheapest first (default: the kind's cascade); a deadline-bound step lands before the run's deadline. */
    | { id: string; type: 'send'; kind: MessageKind; channels?: Channel[]; deadlineHours?: number }
    /** Wait `hours`, or until `until` happens (at most `hours`). */
    | { id: string; type: 'wait'; hours: number; until?: ChainEvent }
    /** Go to `then` when `condition` holds, else to `otherwise` (step ids; omitted: the next step). */
    | {
          id: string;
          type: 'branch';
          condition: ChainBranchCondition;
          segment?: LifecycleSegment;
          withinHours?: number;
          then?: string;
          otherwise?: string;
      }
    /** Grant `bonus` minor units through the ledger, burning after `lifetimeDays`. */
    | { id: string; type: 'grant'; bonus: number; lifetimeDays: number }
    /** End the run here. */
    | { id: string; type: 'exit' };

/** The step types, for joi and the editor. */
export const CHAIN_STEP_TYPES = [
    'send',
    'wait',
    'branch',
    'grant',
    'exit',
] as const satisfies readonly ChainStep['type'][];

/** When a customer may enter the same chain again. */
export type ChainReentry = { rule: 'once' } | { rule: 'every'; days: number } | { rule: 'always' };

/** A chain's design: what the admin API takes and returns (with id, status and times beside it). */
export interface ChainDesign {
    /** Stable slug, unique: the shipped chains' keys are `welcome`, `second-purchase`, `burn-7`, `burn-2`, `sleeping-winback`, `wonback-thanks`. */
    key: string;
    name: string;
    trigger: ChainTrigger;
    steps: ChainStep[];
    /** What counts as the run's success, within `goalWindowDays` of entry. */
    goal: 'purchase' | 'points-used' | null;
    goalWindowDays: number;
    /** Events that end a run early (the goal always does). */
    stopOn: ChainEvent[];
    reentry: ChainReentry;
    /** Lower runs first; a customer gets at most one chain's message a day, the highest priority's. */
    priority: number;
    /** Share of entrants held out (no steps), basis points. */
    holdoutBp: number;
    /** Spend cap on its messages and grants, minor units (NULL: none). */
    budgetCap: number | null;
}
