import { RefillError } from '../../../kernel/errors/refill-error.js';
import { CHANNEL_CONTACTS, isChannel } from '../../../kernel/vocabulary/channels.js';
import { toPage, type Page } from '../../../kernel/http/page.js';
import { maskEmail, maskPhone } from '../../customers/index.js';
import { explainVerdict, type ContactVerdict } from '../policy/contact-policy.js';
import type { MessageLogFilter, MessageLogQuery, MessageLogRow } from '../repositories/message-log.query.js';
import type { CascadeRepository } from '../repositories/cascade.repository.js';

/** One message as the log lists it: recipient masked, verdict with its words. */
export interface MessageLogItem {
    id: number;
    cardNumber: string;
    campaignId: number | null;
    kind: string;
    step: number;
    channel: string;
    traffic: string;
    status: string;
    /** The address it went (or would go) to, masked: `+7 916 ***-**-67`, `a***@example.com`, `***`. */
    recipient: string | null;
    verdict: ContactVerdict | null;
    /** The verdict in words, in the customer's timezone (as the customer's messages route says it). */
    explanation: string | null;
    customerTimezone: string;
    segments: number | null;
    cost: number;
    failureReason: string | null;
    createdAt: Date;
    statusAt: Date | null;
}

/** One delivery event of a message: a status it reached and when. */
export interface DeliveryEvent {
    status: string;
    at: Date;
    reason: string | null;
}

/** One message with the trail of decisions of its reminder and its delivery events. */
export interface MessageLogDetail extends MessageLogItem {
    key: string;
    provider: string | null;
    attempts: number;
    /** Every record of the reminder this message belongs to (other steps, channels passed over), oldest first. */
    trail: Array<
        Pick<MessageLogItem, 'id' | 'step' | 'channel' | 'status' | 'verdict' | 'explanation' | 'createdAt'>
    >;
    /** The reminder (cascade) itself: where it stands and how it ended. */
    cascade: { status: string; outcome: string | null; step: number; nextAt: Date } | null;
    events: DeliveryEvent[];
}

/** A validated log request. */
export type MessageLogRequest = Omit<MessageLogFilter, 'beforeId'> & { cursor?: number; limit: number };

/** The message key's reminder: `<cascadeKey>:<step>` or `<cascadeKey>:<step>:skip`. */
export function cascadeKeyOf(messageKey: string): string | null {
    const match = /^(.+):\d+(?::skip)?$/.exec(messageKey);
    return match ? match[1] : null;
}

/**
 * The message log for marketers and support: every message decision,
 * filtered and paged newest first, recipients masked (nothing in the answer
 * or the logs shows a whole phone number or address); one message with the
 * decisions of its whole reminder in words and its delivery events (created,
 * handed to the provider, answered, the last delivery report).
 */
export class MessageLogService {
    constructor(
        private readonly log: MessageLogQuery,
        private readonly cascades: Pick<CascadeRepository, 'findByKey'>,
        private readonly chainTimezone: string,
    ) {}

    /** A page of the log. */
    async list(request: MessageLogRequest): Promise<Page<MessageLogItem>> {
        const { cursor, limit, ...filter } = request;
        const rows = await this.log.page({ ...filter, beforeId: cursor }, limit + 1);
        return toPage(
            rows,
            limit,
            (r) => r.id,
            (r) => this.item(r),
        );
    }

    /** One message with its reminder's trail and its delivery events. */
    async detail(id: number): Promise<MessageLogDetail> {
        const row = await this.log.one(id);
        if (!row) throw new RefillError('REFILL_NOT_FOUND', 'No message with this id');
        const cascadeKey = cascadeKeyOf(row.key);
        const records = cascadeKey ? await this.log.cascadeRecords(row.customerId, cascadeKey) : [row];
        const cascade = cascadeKey ? await this.cascades.findByKey(cascadeKey) : null;
        return {
            ...this.item(row),
            key: row.key,
            provider: row.provider,
            attempts: row.attempts,
            trail: (records.length ? records : [row]).map((r) => {
                const { id, step, channel, status, verdict, explanation, createdAt } = this.item(r);
                return { id, step, channel, status, verdict, explanation, createdAt };
            }),
            cascade: cascade && {
                status: cascade.status,
                outcome: cascade.outcome,
                step: cascade.step,
                nextAt: cascade.nextAt,
            },
            events: deliveryEvents(row),
        };
    }

    private item(r: MessageLogRow): MessageLogItem {
        const timezone = r.customerTimezone ?? this.chainTimezone;
        const verdict = parseVerdict(r.verdict);
        return {
            id: r.id,
            cardNumber: r.cardNumber,
            campaignId: r.campaignId,
            kind: r.kind,
            step: r.step,
            channel: r.channel,
            traffic: r.traffic,
            status: r.status,
            recipient: maskedRecipient(r),
            verdict,
            explanation: verdict
                ? explainVerdict(verdict, { channel: r.channel, timezone }, r.createdAt)
                : null,
            customerTimezone: timezone,
            segments: r.segments,
            cost: r.cost,
            failureReason: r.failureReason,
            createdAt: r.createdAt,
            statusAt: r.statusAt,
        };
    }
}

/** A stored verdict with its moment as a Date (null when absent or unreadable). */
function parseVerdict(raw: string | null): ContactVerdict | null {
    if (!raw) return null;
    try {
        const verdict = JSON.parse(raw) as ContactVerdict;
        if (verdict.decision === 'hold') verdict.nextAllowedAt = new Date(verdict.nextAllowedAt);
        return verdict;
    } catch {
        return null;
    }
}

/** The customer's address in the message's channel, masked; null when they have none. */
function maskedRecipient(r: MessageLogRow): string | null {
    if (!isChannel(r.channel)) return null;
    const field = CHANNEL_CONTACTS[r.channel];
    if (field === 'phone') return r.contacts.phone === null ? null : maskPhone(r.contacts.phone);
    if (field === 'email') return r.contacts.email === null ? null : maskEmail(r.contacts.email);
    const opaque = field === 'telegramChatId' ? r.contacts.telegram : r.contacts.push;
    return opaque === null ? null : '***';
}

/**
 * What the row's times say happened, in order: the decision (held, dropped
 * or claimed) when the row was written, the hand-over to the provider, the
 * provider's answer, and the last delivery report (delivered, read, failed).
 */
export function deliveryEvents(r: MessageLogRow): DeliveryEvent[] {
    const events: DeliveryEvent[] = [];
    const decided = r.status === 'held' || r.status === 'dropped' ? r.status : 'planned';
    events.push({ status: decided, at: r.createdAt, reason: null });
    if (r.handedAt) events.push({ status: 'sending', at: r.handedAt, reason: null });
    if (r.sentAt && r.status !== 'failed') events.push({ status: 'sent', at: r.sentAt, reason: null });
    if (['delivered', 'read', 'failed'].includes(r.status))
        events.push({ status: r.status, at: r.statusAt ?? r.sentAt ?? r.createdAt, reason: r.failureReason });
    return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
