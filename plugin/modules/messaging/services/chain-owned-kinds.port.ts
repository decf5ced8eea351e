import type { MessageKind } from '../../../kernel/vocabulary/message-kinds.js';

/**
 * Which built-in reminders a trigger chain has taken over (the chains
 * module answers; the composition root passes it in). While an active chain
 * sends a kind, messaging's own planner plans none of it, so a customer is
 * never welcomed or warned of burning bonuses twice.
 */
export interface ChainOwnedKinds {
    /** The kinds active chains send in place of the built-in reminders. */
    ownedKinds(): Promise<ReadonlySet<MessageKind>>;
}
