import type { Channel } from '../../../kernel/vocabulary/channels.js';

/** Channels Refill sends through (the vocabulary's; re-exported for providers). */
export type { Channel };

/** The provider contract (the kernel's vocabulary; re-exported for providers). */
export type {
    ChannelProvider,
    OutgoingMessage,
    SendResult,
    StatusUpdate,
} from '../../../kernel/vocabulary/channel-providers.js';

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
