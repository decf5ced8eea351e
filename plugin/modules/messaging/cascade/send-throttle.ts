import type { Channel } from '../../../kernel/vocabulary/channels.js';
import type { SendRateLimit } from '../../../kernel/vocabulary/channel-providers.js';
import type { Clock } from '../../../kernel/clock.js';
import { ChannelError, type ChannelProvider, type OutgoingMessage } from '../channels/channel-provider.js';
import type { SendRateRepository } from '../repositories/send-rate.repository.js';
import type { SendRequest } from '../message-sender.js';

/** One item of a dispatch page: a request and the provider it goes to. */
export interface ThrottleItem {
    request: SendRequest;
    provider: ChannelProvider;
}

/** A provider's pause when its limit answer names no time (ms). */
const DEFAULT_PAUSE_MS = 10_000;

/** The key of a channel's provider in `refill_send_rates`. */
export function providerKey(provider: Pick<ChannelProvider, 'channel' | 'id'>): string {
    return `${provider.channel}:${provider.id}`.slice(0, 64);
}

/**
 * The send-rate gate of the dispatcher, shared by every instance through
 * `refill_send_rates`. Before a page is handed over, `admit` takes each
 * provider's tokens for its `send` items in page order (one per message, or
 * one per SMS segment) and says which items must wait and until when
 * (the window's end, or the provider's pause): those are re-planned, not
 * attempts and not failures. `guard` wraps a provider for one page: its
 * first limit answer (429, Telegram's `retry_after`, the gateway's own code)
 * pauses the provider for every instance until the retry time, and the
 * page's later messages to it fail as rate-limited without a call.
 */
export class SendThrottle {
    constructor(
        private readonly rates: SendRateRepository,
        private readonly limits: ReadonlyMap<Channel, SendRateLimit>,
        private readonly clock: Clock,
    ) {}

    /** The items (by index) that may not go now, with when they may ask again. */
    async admit(items: readonly ThrottleItem[], now: Date): Promise<Map<number, Date>> {
        const byProvider = new Map<string, { provider: ChannelProvider; indexes: number[] }>();
        items.forEach(({ request, provider }, i) => {
            if (request.verdict.decision !== 'send') return;
            const key = providerKey(provider);
            const group = byProvider.get(key) ?? { provider, indexes: [] };
            group.indexes.push(i);
            byProvider.set(key, group);
        });
        const deferred = new Map<number, Date>();
        for (const [key, { provider, indexes }] of byProvider) {
            const limit = this.limits.get(provider.channel);
            if (!limit) {
                // Not limited, but a limit answer may have paused it.
                const until = await this.rates.pausedUntil(key, now);
                if (until) for (const i of indexes) deferred.set(i, until);
                continue;
            }
            const sizes = indexes.map((i) =>
                limit.unit === 'segments' ? Math.max(1, items[i].request.message.segments ?? 1) : 1,
            );
            const grant = await this.rates.take(key, limit, sizes, now);
            if (grant.retryAt) for (const i of indexes.slice(grant.granted)) deferred.set(i, grant.retryAt);
        }
        return deferred;
    }

    /** `provider` for one page: pauses it on its first limit answer and fails the page's later calls fast. */
    guard(provider: ChannelProvider, page: Map<string, Date>): ChannelProvider {
        const key = providerKey(provider);
        const send = async (message: OutgoingMessage, signal?: AbortSignal) => {
            const pausedUntil = page.get(key);
            const now = this.clock();
            if (pausedUntil && pausedUntil > now)
                throw new ChannelError(
                    'CHANNEL_RATE_LIMITED',
                    'The provider is paused after a limit answer',
                    true,
                    pausedUntil.getTime() - now.getTime(),
                );
            try {
                return await provider.send(message, signal);
            } catch (error) {
                if (error instanceof ChannelError && error.code === 'CHANNEL_RATE_LIMITED') {
                    const until = new Date(now.getTime() + (error.retryAfterMs ?? DEFAULT_PAUSE_MS));
                    if (!page.has(key) || page.get(key)! < until) page.set(key, until);
                    await this.rates.pause(key, until, now);
                    if (error.retryAfterMs === undefined)
                        throw new ChannelError(error.code, error.message, true, DEFAULT_PAUSE_MS);
                }
                throw error;
            }
        };
        return Object.assign(Object.create(provider) as ChannelProvider, { send });
    }
}
