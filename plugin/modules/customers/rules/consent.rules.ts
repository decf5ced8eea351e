/** Sources of consent changes the customer makes through messages themselves (not a till or a host). */
export const CUSTOMER_OPT_OUT_SOURCES = ['stop-reply', 'unsubscribe-link'] as const;

/**
 * What a consent is for. `marketing`: offers and reminders of them (STOP
 * replies and unsubscribe links withdraw it). `service`: bonus-expiry
 * notices, balances and welcomes, which follow their own consent: a
 * customer who stopped offers still hears before their bonuses burn.
 */
export const CONSENT_PURPOSES = ['marketing', 'service'] as const;
/** One of {@link CONSENT_PURPOSES}. */
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** The purpose a message of this traffic class needs consent for (the two share their names). */
export function consentPurposeOf(traffic: string): ConsentPurpose {
    return traffic === 'service' ? 'service' : 'marketing';
}

/** A channel's current consent. */
export interface ConsentState {
    granted: boolean;
    changedAt: Date;
}

/** What a till or host says about a channel: granted or withdrawn, at a time it knows, or now. */
export interface ConsentAct {
    granted: boolean;
    /** When the customer gave or withdrew it; absent when the till only restates what it holds. */
    at?: Date;
}

/** What a till or host last said about the channel (from the consent history), when it matters. */
export type LastTillAct = { granted: boolean } | null;

/** The consent to record, or null when the act changes nothing. */
export type ConsentDecision = ConsentState | null;

/**
 * Decides what a till's consent act does. The latest explicit act wins, and
 * nothing a till restates can undo an opt-out:
 *
 * - A withdrawal always takes effect (unless the channel is already
 *   withdrawn), whatever times the stored grant carries: a till whose clock
 *   once ran years ahead cannot keep a customer subscribed.
 * - A grant with a time takes effect when it is later than the current state.
 * - A grant without a time is the till restating what it holds. It takes
 *   effect only as a new act: when no till or host has granted the channel
 *   since it last withdrew it. So a till that re-sends `granted: true` on
 *   every profile update never re-subscribes a customer who opted out by a
 *   STOP reply or an unsubscribe link; a new consent at the till is sent with
 *   its time.
 * - A repeated, unchanged state is no new act.
 *
 * `lastTillAct` is only consulted for a timeless grant on a withdrawn channel
 * (see {@link needsLastTillAct}).
 */
export function decideConsent(
    current: ConsentState | null,
    act: ConsentAct,
    now: Date,
    lastTillAct: LastTillAct,
): ConsentDecision {
    const at = act.at ?? now;
    if (!act.granted) return current && !current.granted ? null : { granted: false, changedAt: at };
    if (current?.granted) return null;
    if (!current) return { granted: true, changedAt: at };
    if (act.at) return act.at > current.changedAt ? { granted: true, changedAt: act.at } : null;
    return lastTillAct?.granted ? null : { granted: true, changedAt: now };
}

/** Whether {@link decideConsent} needs what a till last said about the channel. */
export function needsLastTillAct(current: ConsentState | null, act: ConsentAct): boolean {
    return act.granted && act.at === undefined && current !== null && !current.granted;
}
