import type { Channel } from '../../../kernel/vocabulary/channels.js';

/** Channels Refill sends through (the vocabulary's; re-exported for providers). */
export type { Channel };

/** A message ready for a provider. */
export interface OutgoingMessage {
    /** Stable idempotency key (the message row's unique key): a provider that supports it dedupes on it. */
    key: string;
    channel: Channel;
    /** Phone (E.164), email address, chat id or device token. */
    to: string;
    /** SMS and messenger text, or the email's plain-text part. */
    text: string;
    subject?: string;
    html?: string;
    /** Marketing messages carry unsubscribe headers where the channel has them. */
    marketing?: boolean;
    unsubscribeUrl?: string;
    /** SMS segments, for per-segment pricing. */
    segments?: number;
}

/** What a provider answered. */
export interface SendResult {
    providerMessageId: string;
    /** What the message cost, integer minor units. */
    cost: number;
    status: 'accepted' | 'sent' | 'delivered';
}

/** A delivery report parsed from a provider's webhook. */
export interface StatusUpdate {
    providerMessageId: string;
    status: 'delivered' | 'read' | 'failed';
    reason?: string;
    at: Date;
}

/**
 * One interface for every provider: send returns the provider's message id
 * and the cost; a provider with delivery webhooks parses them into
 * delivered / read / failed with a reason.
 */
export interface ChannelProvider {
    readonly id: string;
    readonly channel: Channel;
    send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendResult>;
    parseStatusCallback?(request: { headers: Record<string, unknown>; body: unknown }): StatusUpdate[];
}

/** Why a send failed: `retryable` ones may succeed later; the cascade moves on from the others. */
export class ChannelError extends Error {
    constructor(
        readonly code:
            | 'CHANNEL_TIMEOUT'
            | 'CHANNEL_UNAVAILABLE'
            | 'CHANNEL_RATE_LIMITED'
            | 'CHANNEL_REJECTED'
            | 'CHANNEL_BLOCKED'
            | 'CHANNEL_AUTH',
        message: string,
        readonly retryable: boolean,
        readonly retryAfterMs?: number,
    ) {
        super(message);
        this.name = 'ChannelError';
    }
}
