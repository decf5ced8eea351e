import type { TrafficClass } from './traffic-classes.js';

/**
 * Every kind of message Refill sends, with its traffic class. The order is
 * the order the admin API lists templates in. What each kind's template
 * receives is {@link MessageTemplateData} in `message-data.ts`.
 */
export const MESSAGE_KIND_TRAFFIC = {
    /** A campaign's win-back offer to a lapsed buyer. */
    'lapse-offer': 'marketing',
    /** A reminder that a campaign offer ends soon and is unused. */
    'offer-expiry': 'marketing',
    /** A notice that bonuses are about to burn. */
    'bonus-expiry': 'service',
    /** A welcome to a newly enrolled customer. */
    welcome: 'service',
    /** The balance after a purchase that earned or redeemed bonuses. */
    balance: 'service',
    /** A trigger chain's nudge towards a customer's second purchase. */
    'second-purchase': 'marketing',
    /** A trigger chain's win-back message to a sleeping customer. */
    winback: 'marketing',
    /** A trigger chain's thanks to a customer who came back after sleeping or churning. */
    'wonback-thanks': 'marketing',
} as const satisfies Record<string, TrafficClass>;

/** One of {@link MESSAGE_KINDS}. */
export type MessageKind = keyof typeof MESSAGE_KIND_TRAFFIC;

/** Every message kind, in the order of {@link MESSAGE_KIND_TRAFFIC}. */
export const MESSAGE_KINDS = Object.keys(MESSAGE_KIND_TRAFFIC) as readonly MessageKind[];

/** The traffic class of a kind of message. */
export function trafficOf(kind: MessageKind): TrafficClass {
    return MESSAGE_KIND_TRAFFIC[kind];
}

/** Whether a string (a stored `kind` column, a route parameter) names a message kind. */
export function isMessageKind(value: unknown): value is MessageKind {
    return typeof value === 'string' && Object.hasOwn(MESSAGE_KIND_TRAFFIC, value);
}
