import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { numOrNull } from '../../../kernel/db/row-mappers.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
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

const COLUMNS = `id, message_key, customer_id, campaign_id, kind, step, channel, traffic, status, verdict,
 provider, segments, cost, failure_reason, attempts, created_at, handed_at, sent_at, status_at`;

/**
 * The SQL of one page of the log: `refill_messages` alone, so each filter's
 * index (with the id behind it) drives the read in keyset order without a
 * sort; the customers are read afterwards by id.
 */
export function messageLogPageSql(
    filter: MessageLogFilter,
    limit: number,
): { sql: string; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
        where.push(sql);
        params.push(value);
    };
    if (filter.cardNumber !== undefined)
        add('customer_id = (SELECT id FROM refill_customers WHERE card_number = ?)', filter.cardNumber);
    if (filter.campaignId !== undefined) add('campaign_id = ?', filter.campaignId);
    if (filter.channel !== undefined) add('channel = ?', filter.channel);
    if (filter.status !== undefined) add('status = ?', filter.status);
    if (filter.kind !== undefined) add('kind = ?', filter.kind);
    if (filter.from !== undefined) add('created_at >= ?', toDbTime(filter.from));
    if (filter.to !== undefined) add('created_at < ?', toDbTime(filter.to));
    if (filter.beforeId !== undefined) add('id < ?', filter.beforeId);
    return {
        sql: `SELECT ${COLUMNS} FROM refill_messages${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${Math.floor(limit)}`,
        params,
    };
}

/** A customer as the log shows them beside their messages. */
type CustomerPart = Pick<MessageLogRow, 'cardNumber' | 'customerTimezone' | 'contacts'>;

/**
 * Reads the message log: `refill_messages` newest first by id (keyset), by
 * customer card, campaign, channel, status, kind and creation time, each
 * filter on an index (customer, campaign, status + id, channel + id,
 * creation time); one message by id; the other records of its cascade; and
 * the answers per channel and reason since a moment.
 */
export class MessageLogQuery {
    constructor(private readonly db: Database) {}

    /** Up to `limit` messages matching `filter`, newest first. */
    async page(filter: MessageLogFilter, limit: number): Promise<MessageLogRow[]> {
        const { sql, params } = messageLogPageSql(filter, limit);
        // Hand-written: a filtered read in keyset order.
        return this.withCustomers(await this.db.all(sql, params));
    }

    /** One message by id, or null. */
    async one(id: number): Promise<MessageLogRow | null> {
        const rows = await this.db.all(`SELECT ${COLUMNS} FROM refill_messages WHERE id = ?`, [id]);
        return (await this.withCustomers(rows))[0] ?? null;
    }

    /**
     * The customer's records of one cascade (every step and skipped channel,
     * their keys start with `cascadeKey:`), oldest first.
     */
    async cascadeRecords(customerId: number, cascadeKey: string): Promise<MessageLogRow[]> {
        const rows = await this.db.all(
            `SELECT ${COLUMNS} FROM refill_messages WHERE customer_id = ? AND SUBSTR(message_key, 1, ?) = ? ORDER BY id LIMIT 50`,
            // The key's start compared as a string: no LIKE pattern to escape, no collation order to trust.
            [customerId, cascadeKey.length + 1, `${cascadeKey}:`],
        );
        return this.withCustomers(rows);
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

    /** The rows with their customers' cards, timezones and contacts (one read by id). */
    private async withCustomers(rows: Row[]): Promise<MessageLogRow[]> {
        const ids = [...new Set(rows.map((r) => Number(r.customer_id)))];
        const customers = new Map<number, CustomerPart>();
        for (const chunk of sqlDialect.chunks(ids)) {
            if (!chunk.length) continue;
            const found = await this.db.all(
                `SELECT id, card_number, timezone, phone, email, telegram_chat_id, push_token FROM refill_customers WHERE id IN (${sqlDialect.inList(chunk.length)})`,
                chunk,
            );
            for (const c of found)
                customers.set(Number(c.id), {
                    cardNumber: String(c.card_number),
                    customerTimezone: text(c.timezone),
                    contacts: {
                        phone: text(c.phone),
                        email: text(c.email),
                        telegram: text(c.telegram_chat_id),
                        push: text(c.push_token),
                    },
                });
        }
        const none: CustomerPart = {
            cardNumber: '',
            customerTimezone: null,
            contacts: { phone: null, email: null, telegram: null, push: null },
        };
        return rows.map((r) => this.row(r, customers.get(Number(r.customer_id)) ?? none));
    }

    private row(r: Row, customer: CustomerPart): MessageLogRow {
        return {
            id: Number(r.id),
            key: String(r.message_key),
            customerId: Number(r.customer_id),
            ...customer,
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

/** A nullable text column. */
function text(v: unknown): string | null {
    return v === null || v === undefined ? null : String(v);
}
