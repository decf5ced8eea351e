import { randomBytes } from 'node:crypto';
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

type Result =
    | { ok: true; providerMessageId: string; cost: number; status: 'sent' | 'delivered' }
    | { ok: false; error: ChannelError };

/**
 * Sends exactly once: message rows are written under their unique keys
 * before any provider is called, and only the rows this call created are
 * sent, so a retried or re-run job (or a second worker) finds the rows and
 * never calls a provider again (a crash between the two leaves the row
 * `sending`: at most once, never twice). Held and dropped decisions are
 * recorded with their verdict, so anyone can ask why a customer did or did
 * not get a message. A batch claims its rows in one statement, sends with
 * bounded concurrency and records the answers in one transaction.
 */
export class MessageSender {
    constructor(
        private readonly db: Database,
        private readonly messages: MessageRepository,
        private readonly clock: Clock,
    ) {}

    /** Records the decision and, when it is `send`, sends through the provider. */
    async send(request: SendRequest, provider: ChannelProvider): Promise<SendOutcome> {
        const [outcome] = await this.sendMany([{ request, provider }]);
        return outcome;
    }

    /** {@link send} for many requests: outcomes in the same order. */
    async sendMany(
        items: ReadonlyArray<{ request: SendRequest; provider: ChannelProvider }>,
        concurrency = 16,
    ): Promise<SendOutcome[]> {
        if (!items.length) return [];
        // Fits the 32-character provider column (MySQL's INSERT IGNORE would silently cut a longer one).
        const claim = `claim:${randomBytes(12).toString('base64url')}`;
        const claimed = await this.messages.claimMany(
            this.db,
            items.map(({ request: r }) => ({
                messageKey: r.key,
                customerId: r.customerId,
                campaignId: r.campaignId,
                kind: r.kind,
                step: r.step,
                channel: r.message.channel,
                traffic: r.traffic,
                status:
                    r.verdict.decision === 'send'
                        ? 'sending'
                        : r.verdict.decision === 'hold'
                          ? 'held'
                          : 'dropped',
                verdict: JSON.stringify(r.verdict),
            })),
            claim,
            this.clock(),
        );
        const others = await this.messages.statuses(
            items.filter(({ request }) => !claimed.has(request.key)).map(({ request }) => request.key),
        );
        const results = new Map<number, Result>();
        const queue = items
            .map((item, i) => ({ ...item, i }))
            .filter(({ request }) => claimed.has(request.key) && request.verdict.decision === 'send');
        const worker = async () => {
            for (let next = queue.shift(); next; next = queue.shift()) {
                const { request, provider, i } = next;
                try {
                    const r = await provider.send({ ...request.message, key: request.key });
                    results.set(i, {
                        ok: true,
                        providerMessageId: r.providerMessageId,
                        cost: r.cost,
                        status: r.status === 'delivered' ? 'delivered' : 'sent',
                    });
                } catch (error) {
                    results.set(i, {
                        ok: false,
                        error:
                            error instanceof ChannelError
                                ? error
                                : new ChannelError(
                                      'CHANNEL_UNAVAILABLE',
                                      'The provider failed unexpectedly',
                                      true,
                                  ),
                    });
                }
            }
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
        const now = this.clock();
        await this.db.transaction(async (tx) => {
            await this.messages.recordResults(
                tx,
                [...results].map(([i, r]) => {
                    const { request, provider } = items[i];
                    return {
                        key: request.key,
                        customerId: request.customerId,
                        kind: request.kind,
                        channel: request.message.channel,
                        traffic: request.traffic,
                        status: r.ok ? r.status : 'failed',
                        provider: provider.id,
                        providerMessageId: r.ok ? r.providerMessageId : null,
                        cost: r.ok ? r.cost : 0,
                        segments: request.message.segments ?? null,
                        failureReason: r.ok ? null : r.error.code,
                    };
                }),
                now,
            );
            await this.messages.releaseClaim(tx, claim);
        });
        return items.map(({ request }, i): SendOutcome => {
            if (!claimed.has(request.key))
                return { outcome: 'duplicate', status: others.get(request.key) ?? null };
            if (request.verdict.decision !== 'send')
                return { outcome: request.verdict.decision === 'hold' ? 'held' : 'dropped' };
            const r = results.get(i) as Result;
            return r.ok
                ? { outcome: 'sent', providerMessageId: r.providerMessageId, cost: r.cost, status: r.status }
                : {
                      outcome: 'failed',
                      code: r.error.code,
                      retryable: r.error.retryable,
                      retryAfterMs: r.error.retryAfterMs,
                  };
        });
    }
}
