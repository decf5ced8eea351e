import { randomBytes } from 'node:crypto';
import type { Database } from '../../kernel/db/database.js';
import type { MessageRepository, SendResultRow, SendState } from './repositories/message.repository.js';
import type { Clock } from '../../kernel/clock.js';
import type { TrafficClass } from '../../kernel/vocabulary/traffic-classes.js';
import { ChannelError, type ChannelProvider, type OutgoingMessage } from './channels/channel-provider.js';
import type { ContactVerdict } from './policy/contact-policy.js';
import { SendLedger } from './send-ledger.js';

/** How long a claim holds its messages when the caller names no lease (ms). */
export const SEND_LEASE_MS = 5 * 60_000;
/** Provider calls are cut off this long before the lease ends, so their answers are recorded in time. */
const ANSWER_MARGIN_MS = 30_000;

/** One message to send (or to record as held or dropped). */
export interface SendRequest {
    /**
     * Unique per reminder (or customer), kind and cascade step: the row's key
     * and the provider's idempotency key, the same on every retry.
     */
    key: string;
    customerId: number;
    campaignId: number | null;
    /** The trigger chain the message is sent for (its cascade's), if any. */
    chainId?: number | null;
    kind: string;
    step: number;
    traffic: TrafficClass;
    verdict: ContactVerdict;
    message: Omit<OutgoingMessage, 'key'>;
    /**
     * Times the caller knows this message was handed to a provider (the
     * cascade's attempt, default 0): a failed message is retried only while
     * its row agrees, so two callers that read one failure retry it once.
     */
    attempts?: number;
}

/** What happened to a request. */
export type SendOutcome =
    | {
          outcome: 'sent';
          providerMessageId: string;
          cost: number;
          status: 'sent' | 'delivered';
          /** Hand-overs of this message so far, this one included. */
          attempts: number;
      }
    /** The message was settled before (answered, failed, dropped): nothing was sent now. */
    | { outcome: 'duplicate'; status: string | null }
    /** Another claim holds the message (or this one ran out of time before handing it over) until `until`. */
    | { outcome: 'busy'; until: Date }
    | { outcome: 'held' | 'dropped' }
    | {
          outcome: 'failed';
          code: string;
          retryable: boolean;
          retryAfterMs?: number;
          attempts: number;
      };

/** Options of {@link MessageSender.sendMany}. */
export interface SendManyOptions {
    /** Provider calls in flight. Default 16. */
    concurrency?: number;
    /** Until when the claim holds the messages. Default now + 5 minutes. */
    leaseUntil?: Date;
}

const ANSWERED = new Set(['sent', 'delivered', 'read']);

/**
 * Sends each message at most once per hand-over and loses none, whatever
 * stops the process. The row's state says what happened: a call claims its
 * messages under a token with a lease (`claimed`), marks each one handed
 * over just before its provider call (`sending`, durably, in small group
 * commits: a worker's next message while it sends the current one) and
 * records the answers as they come. A run that dies leaves
 * claimed rows that the next run sends once the lease has run out, and
 * handed-over rows without an answer that it sends again under the same
 * key (a provider that dedupes on it sends once); neither counts as sent
 * without an answer. Held and dropped decisions are recorded with their
 * verdict, so anyone can ask why a customer did or did not get a message.
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

    /** {@link send} for many requests (keys unique): outcomes in the same order. */
    async sendMany(
        items: ReadonlyArray<{ request: SendRequest; provider: ChannelProvider }>,
        options: SendManyOptions = {},
    ): Promise<SendOutcome[]> {
        if (!items.length) return [];
        const now = this.clock();
        const leaseUntil = options.leaseUntil ?? new Date(now.getTime() + SEND_LEASE_MS);
        const token = randomBytes(12).toString('hex');
        const sends = items.filter(({ request: r }) => r.verdict.decision === 'send');
        const decisions = items.filter(({ request: r }) => r.verdict.decision !== 'send');
        const row = (r: SendRequest) => ({
            messageKey: r.key,
            customerId: r.customerId,
            campaignId: r.campaignId,
            chainId: r.chainId ?? null,
            kind: r.kind,
            step: r.step,
            channel: r.message.channel,
            traffic: r.traffic,
            verdict: JSON.stringify(r.verdict),
        });
        if (sends.length)
            await this.messages.claim(
                this.db,
                sends.map(({ request: r, provider }) => ({
                    ...row(r),
                    provider: provider.id,
                    attempts: r.attempts ?? 0,
                })),
                token,
                now,
                leaseUntil,
            );
        if (decisions.length)
            await this.messages.recordDecisions(
                this.db,
                decisions.map(({ request: r }) => ({
                    ...row(r),
                    status: r.verdict.decision === 'hold' ? 'held' : 'dropped',
                })),
                now,
            );
        const states = await this.messages.sendStates(
            this.db,
            items.map(({ request }) => request.key),
        );
        const outcomes: SendOutcome[] = new Array(items.length);
        const queue: number[] = [];
        items.forEach(({ request }, i) => {
            const state = states.get(request.key);
            if (
                request.verdict.decision === 'send' &&
                state?.claimToken === token &&
                state.status === 'claimed'
            )
                queue.push(i);
            else outcomes[i] = settled(request, state, now);
        });
        if (queue.length)
            await this.deliver(items, queue, outcomes, states, token, leaseUntil, options.concurrency ?? 16);
        return outcomes;
    }

    /** Hands the claimed messages to their providers, `concurrency` at a time, recording as it goes. */
    private async deliver(
        items: ReadonlyArray<{ request: SendRequest; provider: ChannelProvider }>,
        queue: number[],
        outcomes: SendOutcome[],
        states: Map<string, SendState>,
        token: string,
        leaseUntil: Date,
        concurrency: number,
    ): Promise<void> {
        const ledger = new SendLedger(this.db, this.messages, token, this.clock);
        // No provider call outlives the claim: past this moment another run may take the messages over.
        const stop = new AbortController();
        const timer = setTimeout(
            () => stop.abort(),
            Math.max(0, leaseUntil.getTime() - this.clock().getTime() - ANSWER_MARGIN_MS),
        );
        let failure: { error: unknown } | null = null;
        /** The next message off the queue, with its hand-over under way (none once the lease is nearly out). */
        const take = (): { i: number; mine: Promise<boolean> } | null => {
            const i = queue.shift();
            if (i === undefined) return null;
            if (stop.signal.aborted) {
                outcomes[i] = { outcome: 'busy', until: leaseUntil };
                return take();
            }
            const mine = ledger.handOver(items[i].request.key);
            mine.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
            return { i, mine };
        };
        // Each worker marks its next message while it sends the current one, so a provider call never
        // waits for a commit: at most one marked message per worker has not reached its provider yet.
        const worker = async () => {
            for (let next = take(); next && !failure;) {
                const { i, mine } = next;
                try {
                    if (!(await mine)) {
                        outcomes[i] = { outcome: 'busy', until: leaseUntil };
                        next = take();
                        continue;
                    }
                } catch (error) {
                    failure ??= { error };
                    return;
                }
                next = take();
                const { request, provider } = items[i];
                const attempts = (states.get(request.key)?.attempts ?? 0) + 1;
                const message = {
                    ...request.message,
                    key: request.key,
                    traffic: request.message.traffic ?? request.traffic,
                };
                const answer = await call(provider, message, stop.signal);
                ledger.answer(resultRow(request, answer));
                outcomes[i] = answer.ok
                    ? { outcome: 'sent', ...answer.result, attempts }
                    : {
                          outcome: 'failed',
                          code: answer.error.code,
                          retryable: answer.error.retryable,
                          retryAfterMs: answer.error.retryAfterMs,
                          attempts,
                      };
            }
        };
        try {
            await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
        } finally {
            clearTimeout(timer);
        }
        await ledger.flush();
        if (failure) throw (failure as { error: unknown }).error;
    }
}

type Answer =
    | { ok: true; result: { providerMessageId: string; cost: number; status: 'sent' | 'delivered' } }
    | { ok: false; error: ChannelError };

/** One provider call; any error becomes a {@link ChannelError} (unknown ones retryable). */
async function call(
    provider: ChannelProvider,
    message: OutgoingMessage,
    signal: AbortSignal,
): Promise<Answer> {
    try {
        const r = await provider.send(message, signal);
        return {
            ok: true,
            result: {
                providerMessageId: r.providerMessageId,
                cost: r.cost,
                status: r.status === 'delivered' ? 'delivered' : 'sent',
            },
        };
    } catch (error) {
        return {
            ok: false,
            error:
                error instanceof ChannelError
                    ? error
                    : new ChannelError('CHANNEL_UNAVAILABLE', 'The provider failed unexpectedly', true),
        };
    }
}

function resultRow(request: SendRequest, answer: Answer): SendResultRow {
    return {
        key: request.key,
        customerId: request.customerId,
        kind: request.kind,
        channel: request.message.channel,
        traffic: request.traffic,
        status: answer.ok ? answer.result.status : 'failed',
        providerMessageId: answer.ok ? answer.result.providerMessageId : null,
        cost: answer.ok ? answer.result.cost : 0,
        segments: request.message.segments ?? null,
        failureReason: answer.ok ? null : answer.error.code,
    };
}

/**
 * The outcome of a request this call does not send: the row's answer when
 * it has one, `busy` while another claim holds it, otherwise the decision
 * (held or dropped) as recorded.
 */
function settled(request: SendRequest, state: SendState | undefined, now: Date): SendOutcome {
    if (!state) return { outcome: 'duplicate', status: null };
    if (ANSWERED.has(state.status)) return { outcome: 'duplicate', status: state.status };
    const inFlight = state.status === 'claimed' || state.status === 'sending';
    const until = state.leaseUntil ?? now;
    if (inFlight && until > now) return { outcome: 'busy', until };
    if (request.verdict.decision === 'hold') return { outcome: 'held' };
    if (request.verdict.decision === 'drop') return { outcome: 'dropped' };
    // A send whose expired claim another call took over first.
    if (inFlight) return { outcome: 'busy', until };
    return { outcome: 'duplicate', status: state.status };
}
