import { hashBucket } from '../stats/assignment.rules.js';
import { BASIS_POINTS_PER_WHOLE } from '../../../kernel/units/shares.js';

/**
 * The program's global control group: a small share of all customers who get
 * no marketing at all (no campaign offers, no marketing messages, no
 * marketing chains), so the whole CRM program's incremental revenue can be
 * measured against them. Membership is a hash of the customer id under the
 * installation's own seed (hash v2, as campaign groups), so it is stable,
 * needs no table, and raising the share only moves more customers in.
 */
export interface GlobalControl {
    /** Share of all customers held out, basis points (0 turns it off). */
    shareBp: number;
    /** Fixed when the group is first switched on; never changed (a new seed would reshuffle it). */
    seed: string;
}

/** The `refill_settings` row that stores the {@link GlobalControl} as JSON. */
export const GLOBAL_CONTROL_SETTING = 'program.global_control';

/** The largest share the program may hold out: 20 % (beyond that it is no longer a control group). */
export const GLOBAL_CONTROL_MAX_BP = 2000;

/** Whether a customer is in the global control group (never, when it is off). */
export function inGlobalControl(control: GlobalControl | null, customerId: number): boolean {
    if (!control || control.shareBp <= 0) return false;
    return (
        hashBucket(`global:${control.seed}`, customerId) < Math.min(control.shareBp, BASIS_POINTS_PER_WHOLE)
    );
}

/** Reads a stored {@link GlobalControl} (NULL or unreadable: off). */
export function parseGlobalControl(stored: string | null): GlobalControl | null {
    if (!stored) return null;
    try {
        const value = JSON.parse(stored) as Partial<GlobalControl>;
        if (typeof value.seed !== 'string' || !Number.isInteger(value.shareBp)) return null;
        return { seed: value.seed, shareBp: value.shareBp as number };
    } catch {
        return null;
    }
}
