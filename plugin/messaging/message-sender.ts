import type { Database } from '../db/database.js';
import type { MessageRepository } from '../repositories/message.repository.js';
import type { Clock } from '../services/clock.js';
import { ChannelError, type ChannelProvider, type OutgoingMessage } from './channels/channel-provider.js';
import type { ContactVerdict } from './policy/contact-policy.js';

/** One message to send (or to record as held or dropped). */
export interface SendRequest {
    /** Unique per campaign member (or customer), kind and cascade step. */
    key: string;
    customerId: number;
    campaignId: number | null;
    kind: string;
    step: number;
    traffic: 'marketing' | 'service';
    verdict: ContactVerdict;
    message: Omit<OutgoingMessage, 'key'>;
}

/** What happened to a request. */
export type SendOutcome =
    | { outcome: 'sent'; providerMessageId: string; cost: number; status: 'sent' | 'delivered' }
    | { outcome: 'duplicate'; status: string | null }
    | { outcome: 'held' | 'dropped' }
    | { outcome: 'failed'; code: string; retryable: boolean; retryAfterMs?: number };

/**
 * Sends exactly once: the message row is written under its unique key
 * before the provider is called, so a retried or re-run job finds the row
 * and never calls the provider again (a crash between the two leaves the row
 * `sending`: at most once, never twice). Held and dropped decisions are
 * recorded with their verdict, so anyone can ask why a customer did or did
 * not get a message.
 */
export class MessageSender {
    constructor(
        private readonly db: Database,
        private readonly messages: MessageRepository,
        private readonly clock: Clock,
    ) {}

    /** Records the decision and, when it is `send`, sends through the provider. */
    async send(request: SendRequest, provider: ChannelProvider): Promise<SendOutcome> {
        const now = this.clock();
        const decision = request.verdict.decision;
        const status = decision === 'send' ? 'sending' : decision === 'hold' ? 'held' : 'dropped';
        const claimed = await this.messages.claim(
            this.db,
            {
                messageKey: request.key,
                customerId: request.customerId,
                campaignId: request.campaignId,
                kind: request.kind,
                step: request.step,
                channel: request.message.channel,
                traffic: request.traffic,
                status,
                verdict: JSON.stringify(request.verdict),
            },
            now,
        );
        if (!claimed) return { outcome: 'duplicate', status: await this.messages.status(request.key) };
        if (decision !== 'send') return { outcome: decision === 'hold' ? 'held' : 'dropped' };
        try {
            const result = await provider.send({ ...request.message, key: request.key });
            const status = result.status === 'delivered' ? 'delivered' : 'sent';
            await this.messages.markSent(
                request.key,
                {
                    provider: provider.id,
                    providerMessageId: result.providerMessageId,
                    cost: result.cost,
                    segments: request.message.segments ?? null,
                    status,
                },
                this.clock(),
            );
            return {
                outcome: 'sent',
                providerMessageId: result.providerMessageId,
                cost: result.cost,
                status,
            };
        } catch (error) {
            const e =
                error instanceof ChannelError
                    ? error
                    : new ChannelError('CHANNEL_UNAVAILABLE', 'The provider failed unexpectedly', true);
            await this.messages.markFailed(request.key, provider.id, e.code, this.clock());
            return { outcome: 'failed', code: e.code, retryable: e.retryable, retryAfterMs: e.retryAfterMs };
        }
    }
}
