import { randomUUID } from 'node:crypto';
import Joi from 'joi';
import type { RefillConfig } from '../../../config/refill-options.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import { MS_PER_DAY } from '../../../kernel/units/time.js';
import { CHANNEL_CONTACTS, CHANNELS, type Channel } from '../../../kernel/vocabulary/channels.js';
import type { AuditLogQuery, AuditRepository } from '../../admin/index.js';
import { maskEmail, maskPhone, normalisePhone } from '../../customers/index.js';
import type { MessageLogQuery } from '../repositories/message-log.query.js';
import { countSegments } from '../sms/sms-segments.js';
import { ChannelError, type ChannelProvider } from './channel-provider.js';

/** How a channel is doing, from its answered messages of the last 7 days. */
export type ChannelState = 'healthy' | 'failing' | 'idle';

/** One channel as the channels page shows it. */
export interface ChannelView {
    channel: Channel;
    /** The provider's id: `outbox` (nothing leaves the machine), `smtp`, `http-sms`, `telegram`, `webhook`, or a host's own. */
    provider: string;
    /** False while the channel writes to the outbox (no provider configured). */
    configured: boolean;
    state: ChannelState;
    /** The provider's price, minor units, per message or per SMS segment (null: not configured). */
    price: { amount: number; per: 'message' | 'segment' } | null;
    /** The cost the cascades plan with (`messaging.costs`), minor units per message. */
    plannedCost: number;
    /** The sender name or address messages go out under, where the provider has one. */
    sender: string | null;
    /** The last 7 days: messages answered by the provider and failures by reason. */
    answered: number;
    failed: number;
    failures: Array<{ reason: string; count: number; lastAt: Date }>;
}

/** What a test send did. */
export type TestSendResult =
    | {
          outcome: 'sent';
          provider: string;
          providerMessageId: string;
          status: string;
          cost: number;
          segments: number | null;
      }
    | { outcome: 'failed'; provider: string; code: string; retryable: boolean };

/** Test sends one person may make per hour (counted from the audit log, so on every instance). */
export const TEST_SENDS_PER_HOUR = 10;
/** How many of a channel's latest answers decide whether it is failing. */
const HEALTH_WINDOW = 20;
const email = Joi.string().email({ tlds: false }).max(254);

/**
 * The channels page: each channel's provider, whether it is configured,
 * its state from the answers of the last 7 days (failing when more than
 * half of its latest 20 answers, or its latest 3, failed), its price and
 * sender, and its failures by reason; and a test send through the real
 * provider to an address a person types, audited (recipient masked) and
 * limited to {@link TEST_SENDS_PER_HOUR} per person and hour.
 */
export class ChannelStatusService {
    constructor(
        private readonly db: Database,
        private readonly providers: Map<Channel, ChannelProvider>,
        private readonly log: MessageLogQuery,
        private readonly audit: AuditRepository,
        private readonly auditLog: AuditLogQuery,
        private readonly config: RefillConfig,
        private readonly clock: Clock,
    ) {}

    /** Every channel with its provider, state, price, sender and recent failures. */
    async list(): Promise<ChannelView[]> {
        const since = new Date(this.clock().getTime() - 7 * MS_PER_DAY);
        const results = await this.log.recentResults(since);
        const out: ChannelView[] = [];
        for (const channel of CHANNELS) {
            const mine = results.filter((r) => r.channel === channel);
            const failed = mine.filter((r) => r.status === 'failed');
            const byReason = new Map<string, { count: number; lastAt: Date }>();
            for (const f of failed) {
                const reason = f.reason ?? 'unknown';
                const seen = byReason.get(reason);
                byReason.set(reason, {
                    count: (seen?.count ?? 0) + f.n,
                    lastAt: seen && seen.lastAt > f.last ? seen.lastAt : f.last,
                });
            }
            const answered = mine.reduce((n, r) => n + r.n, 0);
            const latest = answered ? await this.log.latestAnswers(channel, since, HEALTH_WINDOW) : [];
            const failing =
                latest.filter(Boolean).length * 2 > latest.length ||
                (latest.length >= 3 && latest.slice(0, 3).every(Boolean));
            const provider = this.providers.get(channel);
            const settings = this.settingsOf(channel);
            out.push({
                channel,
                provider: provider?.id ?? 'outbox',
                configured: (provider?.id ?? 'outbox') !== 'outbox',
                state: !answered ? 'idle' : failing ? 'failing' : 'healthy',
                price: priceOf(settings),
                plannedCost: this.config.messaging.costs[channel] ?? 0,
                sender: senderOf(settings),
                answered,
                failed: failed.reduce((n, r) => n + r.n, 0),
                failures: [...byReason]
                    .map(([reason, v]) => ({ reason, ...v }))
                    .sort((a, b) => b.count - a.count),
            });
        }
        return out;
    }

    /** Sends `text` to `to` through the channel's provider; audited, rate-limited per person. */
    async testSend(
        channel: Channel,
        to: string,
        text: string | undefined,
        actor: string,
    ): Promise<TestSendResult> {
        const address = this.address(channel, to);
        const now = this.clock();
        const recent = await this.auditLog.page(
            { actor, action: 'channel.test_send', from: new Date(now.getTime() - 3_600_000) },
            undefined,
            TEST_SENDS_PER_HOUR,
        );
        if (recent.length >= TEST_SENDS_PER_HOUR) {
            const oldest = recent[recent.length - 1].createdAt.getTime();
            throw new RefillError('REFILL_RATE_LIMITED', 'Too many test sends; try again later', {
                retryAfterSeconds: Math.max(1, Math.ceil((oldest + 3_600_000 - now.getTime()) / 1000)),
            });
        }
        const provider = this.providers.get(channel) as ChannelProvider;
        const body = text?.trim() || `${this.config.messaging.chain.name}: test message (Refill)`;
        const segments = channel === 'sms' ? countSegments(body).segments : null;
        let result: TestSendResult;
        try {
            const r = await provider.send({
                key: `test:${randomUUID()}`,
                channel,
                to: address,
                text: body,
                subject:
                    channel === 'email' ? `${this.config.messaging.chain.name}: test message` : undefined,
                segments: segments ?? undefined,
            });
            result = {
                outcome: 'sent',
                provider: provider.id,
                providerMessageId: r.providerMessageId,
                status: r.status,
                cost: r.cost,
                segments,
            };
        } catch (error) {
            const e =
                error instanceof ChannelError
                    ? error
                    : new ChannelError('CHANNEL_UNAVAILABLE', 'The provider failed unexpectedly', true);
            result = { outcome: 'failed', provider: provider.id, code: e.code, retryable: e.retryable };
        }
        await this.db.transaction((tx) =>
            this.audit.append(
                tx,
                {
                    actor,
                    action: 'channel.test_send',
                    entityType: 'channel',
                    entityId: channel,
                    details: {
                        provider: provider.id,
                        recipient: masked(channel, address),
                        outcome: result.outcome,
                        ...(result.outcome === 'failed' ? { code: result.code } : { cost: result.cost }),
                    },
                },
                this.clock(),
            ),
        );
        return result;
    }

    /** The address a test goes to, checked for its channel (a 400 on `to` otherwise). */
    private address(channel: Channel, to: string): string {
        const bad = (message: string) =>
            new RefillError('REFILL_VALIDATION', 'Invalid request', [{ path: 'to', message }]);
        const field = CHANNEL_CONTACTS[channel];
        if (field === 'phone') {
            const phone = normalisePhone(to, this.config.defaultCountry);
            if (!phone) throw bad('must be a valid phone number');
            return phone;
        }
        if (field === 'email') {
            if (email.validate(to).error) throw bad('must be a valid e-mail address');
            return to;
        }
        if (field === 'telegramChatId' && !/^-?\d{1,20}$/.test(to))
            throw bad('must be a Telegram chat id (digits)');
        return to;
    }

    /** The channel's provider settings as configured (never shown whole: they hold secrets). */
    private settingsOf(channel: Channel): Record<string, unknown> {
        return ((this.config.messaging.channels as Record<string, unknown> | undefined)?.[channel] ?? {
            type: 'outbox',
        }) as Record<string, unknown>;
    }
}

function priceOf(s: Record<string, unknown>): ChannelView['price'] {
    if (typeof s.pricePerSegment === 'number') return { amount: s.pricePerSegment, per: 'segment' };
    if (s.type === 'outbox' || s.type === 'custom') return null;
    return { amount: typeof s.costPerMessage === 'number' ? s.costPerMessage : 0, per: 'message' };
}

function senderOf(s: Record<string, unknown>): string | null {
    if (s.type === 'smtp' && typeof s.from === 'string') return s.from;
    if (s.type === 'http-sms' && typeof s.sender === 'string') return s.sender;
    return null;
}

/** A test recipient as the audit log keeps it. */
function masked(channel: Channel, address: string): string {
    const field = CHANNEL_CONTACTS[channel];
    if (field === 'phone') return maskPhone(address);
    if (field === 'email') return maskEmail(address);
    return '***';
}
