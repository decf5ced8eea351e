import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { numOrNull } from '../../../kernel/db/row-mappers.js';
import type { Row } from '../../../kernel/db/sql-executor.js';

/** What the message log is filtered by; every filter is optional. */
export interface MessageLogFilter {
    cardNumber?: string;
    campaignId?: number;
    channel?: string;
    status?: string;
    kind?: string;
    /** Created at or after. */
    from?: Date;
    /** Created before. */
    to?: Date;
    /** Keyset: ids below this one (the cursor). */
    beforeId?: number;
}

/** One row of the message log with its customer's card and contacts (masked by the caller). */
export interface MessageLogRow {
    id: number;
    key: string;
    customerId: number;
    cardNumber: string;
    customerTimezone: string | null;
    contacts: { phone: string | null; email: string | null; telegram: string | null; push: string | null };
    campaignId: number | null;
    kind: string;
    step: number;
    channel: string;
    traffic: string;
    status: string;
    verdict: string | null;
    provider: string | null;
    segments: number | null;
    cost: number;
    failureReason: string | null;
    attempts: number;
    createdAt: Date;
    handedAt: Date | null;
    sentAt: Date | null;
    statusAt: Date | null;
}

const COLUMNS = `m.id, m.message_key, m.customer_id, c.card_number, c.timezone, c.phone, c.email, c.telegram_chat_id, c.push_token,
 m.campaign_id, m.kind, m.step, m.channel, m.traffic, m.status, m.verdict, m.provider, m.segments, m.cost,
 m.failure_reason, m.attempts, m.created_at, m.handed_at, m.sent_at, m.status_at`;

/**
 * Reads the message log: `refill_messages` newest first by id (keyset), by
 * customer card, campaign, channel, status, kind and creation time, each
 * filter on an index (customer, campaign, status + id, channel + id,
 * creation time); one message by id; the other records of its cascade; and
 * the failures per channel and reason since a moment.
 */
export class MessageLogQuery {
    constructor(private readonly db: Database) {}

    /** Up to `limit` messages matching `filter`, newest first. */
    async page(filter: MessageLogFilter, limit: number): Promise<MessageLogRow[]> {
        const where: string[] = [];
        const params: unknown[] = [];
        const add = (sql: string, value: unknown) => {
            where.push(sql);
            params.push(value);
        };
        if (filter.cardNumber !== undefined)
            add('m.customer_id = (SELECT id FROM refill_customers WHERE card_number = ?)', filter.cardNumber);
        if (filter.campaignId !== undefined) add('m.campaign_id = ?', filter.campaignId);
        if (filter.channel !== undefined) add('m.channel = ?', filter.channel);
        if (filter.status !== undefined) add('m.status = ?', filter.status);
        if (filter.kind !== undefined) add('m.kind = ?', filter.kind);
        if (filter.from !== undefined) add('m.created_at >= ?', toDbTime(filter.from));
        if (filter.to !== undefined) add('m.created_at < ?', toDbTime(filter.to));
        if (filter.beforeId !== undefined) add('m.id < ?', filter.beforeId);
        // Hand-written: a filtered join read in keyset order.
        const rows = await this.db.all(
            `SELECT ${COLUMNS} FROM refill_messages m JOIN refill_customers c ON c.id = m.customer_id${
                where.length ? ` WHERE ${where.join(' AND ')}` : ''
            } ORDER BY m.id DESC LIMIT ${Math.floor(limit)}`,
            params,
        );
        return rows.map((r) => this.row(r));
    }

    /** One message by id, or null. */
    async one(id: number): Promise<MessageLogRow | null> {
        const [row] = await this.db.all(
            `SELECT ${COLUMNS} FROM refill_messages m JOIN refill_customers c ON c.id = m.customer_id WHERE m.id = ?`,
            [id],
        );
        return row ? this.row(row) : null;
    }

    /**
     * The customer's records of one cascade (every step and skipped channel,
     * their keys start with `cascadeKey:`), oldest first.
     */
    async cascadeRecords(customerId: number, cascadeKey: string): Promise<MessageLogRow[]> {
        const rows = await this.db.all(
            `SELECT ${COLUMNS} FROM refill_messages m JOIN refill_customers c ON c.id = m.customer_id WHERE m.customer_id = ? AND SUBSTR(m.message_key, 1, ?) = ? ORDER BY m.id LIMIT 50`,
            // The key's start compared as a string: no LIKE pattern to escape, no collation order to trust.
            [customerId, cascadeKey.length + 1, `${cascadeKey}:`],
        );
        return rows.map((r) => this.row(r));
    }

    /** Per channel since `since`: messages answered (sent or failed) and failures by reason. */
    async recentResults(
        since: Date,
    ): Promise<Array<{ channel: string; status: string; reason: string | null; n: number; last: Date }>> {
        // Hand-written: an aggregate over the creation-time index.
        const rows = await this.db.all(
            `SELECT channel, status, failure_reason, COUNT(*) AS n, MAX(created_at) AS last FROM refill_messages
             WHERE created_at >= ? AND status IN ('sent', 'delivered', 'read', 'failed')
             GROUP BY channel, status, failure_reason`,
            [toDbTime(since)],
        );
        return rows.map((r) => ({
            channel: String(r.channel),
            status: String(r.status),
            reason: (r.failure_reason as string | null) ?? null,
            n: Number(r.n),
            last: this.db.time(r.last),
        }));
    }

    /** Whether the latest answered messages of each channel (up to `n`) failed, newest first. */
    async latestAnswers(channel: string, since: Date, n: number): Promise<boolean[]> {
        const rows = await this.db.all<{ status: string }>(
            `SELECT status FROM refill_messages WHERE channel = ? AND created_at >= ? AND status IN ('sent', 'delivered', 'read', 'failed') ORDER BY id DESC LIMIT ${Math.floor(n)}`,
            [channel, toDbTime(since)],
        );
        return rows.map((r) => r.status === 'failed');
    }

    private row(r: Row): MessageLogRow {
        const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
        return {
            id: Number(r.id),
            key: String(r.message_key),
            customerId: Number(r.customer_id),
            cardNumber: String(r.card_number),
            customerTimezone: text(r.timezone),
            contacts: {
                phone: text(r.phone),
                email: text(r.email),
                telegram: text(r.telegram_chat_id),
                push: text(r.push_token),
            },
            campaignId: numOrNull(r.campaign_id),
            kind: String(r.kind),
            step: Number(r.step),
            channel: String(r.channel),
            traffic: String(r.traffic),
            status: String(r.status),
            verdict: text(r.verdict),
            provider: text(r.provider),
            segments: numOrNull(r.segments),
            cost: Number(r.cost),
            failureReason: text(r.failure_reason),
            attempts: Number(r.attempts),
            createdAt: this.db.time(r.created_at),
            handedAt: this.db.timeOrNull(r.handed_at),
            sentAt: this.db.timeOrNull(r.sent_at),
            statusAt: this.db.timeOrNull(r.status_at),
        };
    }
}
