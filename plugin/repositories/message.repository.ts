import type { Database } from '../db/database.js';
import { toDbTime } from '../db/db-time.js';
import { sqlDialect } from '../db/sql-dialect.js';
import type { SqlExecutor } from '../db/sql-executor.js';
import type { Message } from '../entities/message.entity.js';
import { numOrNull } from './row-mappers.js';

/** A message row to claim before sending. */
export type NewMessage = Pick<
    Message,
    'messageKey' | 'customerId' | 'campaignId' | 'kind' | 'step' | 'channel' | 'traffic' | 'verdict'
> & { status: 'sending' | 'held' | 'dropped' };

/** A provider's answer to one claimed message. */
export interface SendResultRow {
    key: string;
    customerId: number;
    kind: string;
    channel: string;
    traffic: string;
    status: 'sent' | 'delivered' | 'failed';
    provider: string;
    providerMessageId: string | null;
    cost: number;
    segments: number | null;
    failureReason: string | null;
}

/** One message to a customer as support sees it. */
export type CustomerMessage = Pick<
    Message,
    | 'campaignId'
    | 'kind'
    | 'step'
    | 'channel'
    | 'traffic'
    | 'status'
    | 'verdict'
    | 'segments'
    | 'cost'
    | 'failureReason'
    | 'createdAt'
> & { key: string };

/** Per channel (and campaign) delivery figures. */
export interface ChannelStats {
    channel: string;
    sent: number;
    delivered: number;
    read: number;
    failed: number;
    held: number;
    dropped: number;
    failedByReason: Record<string, number>;
    segments: number;
    cost: number;
}

/** Reads and writes `refill_messages`: the exactly-once ledger of messages. */
export class MessageRepository {
    constructor(private readonly db: Database) {}

    /**
     * Inserts the rows whose keys do not exist yet, marked with `claim` (a
     * token unique to this call, kept in `provider` until the send is
     * recorded), and returns the keys this call created: only those may be
     * sent. A key another worker created first is not returned.
     */
    async claimMany(
        exec: SqlExecutor | Database,
        rows: readonly NewMessage[],
        claim: string,
        now: Date,
    ): Promise<Set<string>> {
        const claimed = new Set<string>();
        const t = toDbTime(now);
        for (const chunk of sqlDialect.chunks(rows, 500)) {
            await exec.run(
                `${sqlDialect.insertIgnore(exec.dialect)} INTO refill_messages (message_key, customer_id, campaign_id, kind, step, channel, traffic, status, verdict, provider, created_at, status_at) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, 12)}`,
                chunk.flatMap((m) => [
                    m.messageKey,
                    m.customerId,
                    m.campaignId,
                    m.kind,
                    m.step,
                    m.channel,
                    m.traffic,
                    m.status,
                    m.verdict,
                    claim,
                    t,
                    t,
                ]),
            );
            const mine = await exec.all<{ message_key: string }>(
                `SELECT message_key FROM refill_messages WHERE provider = ? AND message_key IN (${sqlDialect.inList(chunk.length)})`,
                [claim, ...chunk.map((m) => m.messageKey)],
            );
            for (const r of mine) claimed.add(r.message_key);
        }
        return claimed;
    }

    /** Forgets the claim token on rows that were only recorded (held, dropped). */
    async releaseClaim(exec: SqlExecutor | Database, claim: string): Promise<void> {
        await exec.run(`UPDATE refill_messages SET provider = NULL WHERE provider = ?`, [claim]);
    }

    /**
     * Records many providers' answers in multi-row statements (an upsert on
     * the unique key that always finds the claimed row, so it only updates).
     */
    async recordResults(
        exec: SqlExecutor | Database,
        results: readonly SendResultRow[],
        now: Date,
    ): Promise<void> {
        const t = toDbTime(now);
        const ins = (c: string) => sqlDialect.inserted(exec.dialect, c);
        const updated = [
            'status',
            'provider',
            'provider_message_id',
            'cost',
            'segments',
            'failure_reason',
            'sent_at',
            'status_at',
        ];
        for (const chunk of sqlDialect.chunks(results, 500))
            await exec.run(
                `INSERT INTO refill_messages (message_key, customer_id, kind, channel, traffic, status, provider, provider_message_id, cost, segments, failure_reason, sent_at, status_at, created_at) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, 14)}` +
                    sqlDialect.onConflictUpdate(
                        exec.dialect,
                        ['message_key'],
                        Object.fromEntries(updated.map((c) => [c, ins(c)])),
                    ),
                chunk.flatMap((r) => [
                    r.key,
                    r.customerId,
                    r.kind,
                    r.channel,
                    r.traffic,
                    r.status,
                    r.provider,
                    r.providerMessageId,
                    r.cost,
                    r.segments,
                    r.failureReason === null ? null : r.failureReason.slice(0, 255),
                    r.status === 'failed' ? null : t,
                    t,
                    t,
                ]),
            );
    }

    /** Applies a delivery report; a later status never goes back (read > delivered > sent). */
    async applyStatus(
        provider: string,
        providerMessageId: string,
        status: string,
        reason: string | null,
        at: Date,
    ): Promise<number> {
        const allowed =
            status === 'read'
                ? "('sending','sent','delivered')"
                : status === 'delivered'
                  ? "('sending','sent')"
                  : "('sending','sent','delivered')";
        const result = await this.db.run(
            `UPDATE refill_messages SET status = ?, failure_reason = ?, status_at = ? WHERE provider = ? AND provider_message_id = ? AND status IN ${allowed}`,
            [status, reason, toDbTime(at), provider, providerMessageId],
        );
        return result.affected;
    }

    /** The status of a message by key. */
    async status(key: string): Promise<string | null> {
        const [row] = await this.db.all<{ status: string }>(
            'SELECT status FROM refill_messages WHERE message_key = ?',
            [key],
        );
        return row?.status ?? null;
    }

    /** Statuses of messages by key (the ones cascades wait on). */
    async statuses(keys: readonly string[]): Promise<Map<string, string>> {
        const out = new Map<string, string>();
        for (const chunk of sqlDialect.chunks(keys)) {
            if (!chunk.length) continue;
            const rows = await this.db.all(
                `SELECT message_key, status FROM refill_messages WHERE message_key IN (${sqlDialect.inList(chunk.length)})`,
                chunk,
            );
            for (const r of rows) out.set(String(r.message_key), String(r.status));
        }
        return out;
    }

    /** The key of the message a provider knows by its own id. */
    async keyOf(provider: string, providerMessageId: string): Promise<string | null> {
        const [row] = await this.db.all<{ message_key: string }>(
            'SELECT message_key FROM refill_messages WHERE provider = ? AND provider_message_id = ?',
            [provider, providerMessageId],
        );
        return row?.message_key ?? null;
    }

    /** A customer's latest messages with their verdicts (why they did or did not get one). */
    async forCustomer(customerId: number, limit = 50): Promise<CustomerMessage[]> {
        const rows = await this.db.all(
            `SELECT message_key, campaign_id, kind, step, channel, traffic, status, verdict, segments, cost, failure_reason, created_at FROM refill_messages WHERE customer_id = ? ORDER BY id DESC LIMIT ${Math.floor(limit)}`,
            [customerId],
        );
        return rows.map((r) => ({
            key: String(r.message_key),
            campaignId: numOrNull(r.campaign_id),
            kind: String(r.kind),
            step: Number(r.step),
            channel: String(r.channel),
            traffic: String(r.traffic),
            status: String(r.status),
            verdict: (r.verdict as string) ?? null,
            segments: numOrNull(r.segments),
            cost: Number(r.cost),
            failureReason: (r.failure_reason as string) ?? null,
            createdAt: this.db.time(r.created_at),
        }));
    }

    /** Failed and all sent-or-failed messages of a campaign since a moment (the canary's failure share). */
    async failureShare(campaignId: number, since: Date): Promise<{ failed: number; total: number }> {
        const [row] = await this.db.all(
            `SELECT SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed, COUNT(*) AS total FROM refill_messages WHERE campaign_id = ? AND created_at >= ? AND status IN ('sending', 'sent', 'delivered', 'read', 'failed')`,
            [campaignId, toDbTime(since)],
        );
        return { failed: Number(row?.failed ?? 0), total: Number(row?.total ?? 0) };
    }

    /** What a campaign's messages cost, minor units (the campaign report's message cost). */
    async costForCampaign(exec: SqlExecutor | Database, campaignId: number): Promise<number> {
        const [row] = await exec.all(
            `SELECT COALESCE(SUM(cost), 0) AS cost FROM refill_messages WHERE campaign_id = ?`,
            [campaignId],
        );
        return Number(row?.cost ?? 0);
    }

    /** Sent, delivered, read, failed (by reason), held, dropped, segments and cost per channel. */
    async stats(campaignId?: number): Promise<ChannelStats[]> {
        const where = campaignId === undefined ? '' : ' WHERE campaign_id = ?';
        const rows = await this.db.all(
            `SELECT channel, status, failure_reason, COUNT(*) AS n, COALESCE(SUM(segments), 0) AS segments, COALESCE(SUM(cost), 0) AS cost
             FROM refill_messages${where} GROUP BY channel, status, failure_reason ORDER BY channel`,
            campaignId === undefined ? [] : [campaignId],
        );
        const out = new Map<string, ChannelStats>();
        for (const r of rows) {
            const channel = String(r.channel);
            const s = out.get(channel) ?? {
                channel,
                sent: 0,
                delivered: 0,
                read: 0,
                failed: 0,
                held: 0,
                dropped: 0,
                failedByReason: {},
                segments: 0,
                cost: 0,
            };
            const n = Number(r.n);
            const status = String(r.status);
            // Delivered and read messages were sent too.
            if (['sent', 'delivered', 'read'].includes(status)) s.sent += n;
            if (status === 'delivered' || status === 'read') s.delivered += n;
            if (status === 'read') s.read += n;
            if (status === 'failed') {
                s.failed += n;
                const reason = String(r.failure_reason ?? 'unknown');
                s.failedByReason[reason] = (s.failedByReason[reason] ?? 0) + n;
            }
            if (status === 'held') s.held += n;
            if (status === 'dropped') s.dropped += n;
            s.segments += numOrNull(r.segments) ?? 0;
            s.cost += Number(r.cost);
            out.set(channel, s);
        }
        return [...out.values()];
    }
}
