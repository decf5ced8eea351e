import type { Database } from '../db/database.js';
import { toDbTime } from '../db/db-time.js';
import { sqlDialect } from '../db/sql-dialect.js';
import type { SqlExecutor } from '../db/sql-executor.js';
import { numOrNull } from './row-mappers.js';

/** A message row to claim before sending. */
export interface NewMessage {
    messageKey: string;
    customerId: number;
    campaignId: number | null;
    kind: string;
    step: number;
    channel: string;
    traffic: string;
    status: 'sending' | 'held' | 'dropped';
    verdict: string;
}

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

    /** Inserts the row unless its key exists; returns whether this call created it (and may send). */
    async claim(exec: SqlExecutor | Database, m: NewMessage, now: Date): Promise<boolean> {
        const result = await exec.run(
            `${sqlDialect.insertIgnore(exec.dialect)} INTO refill_messages (message_key, customer_id, campaign_id, kind, step, channel, traffic, status, verdict, created_at, status_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [
                m.messageKey,
                m.customerId,
                m.campaignId,
                m.kind,
                m.step,
                m.channel,
                m.traffic,
                m.status,
                m.verdict,
                toDbTime(now),
                toDbTime(now),
            ],
        );
        return result.affected > 0;
    }

    /** Records the provider's answer. */
    async markSent(
        key: string,
        r: {
            provider: string;
            providerMessageId: string;
            cost: number;
            segments: number | null;
            status: string;
        },
        now: Date,
    ): Promise<void> {
        await this.db.run(
            `UPDATE refill_messages SET status = ?, provider = ?, provider_message_id = ?, cost = ?, segments = ?, sent_at = ?, status_at = ? WHERE message_key = ?`,
            [
                r.status,
                r.provider,
                r.providerMessageId,
                r.cost,
                r.segments,
                toDbTime(now),
                toDbTime(now),
                key,
            ],
        );
    }

    /** Records a failed send. */
    async markFailed(key: string, provider: string, reason: string, now: Date): Promise<void> {
        await this.db.run(
            `UPDATE refill_messages SET status = 'failed', provider = ?, failure_reason = ?, status_at = ? WHERE message_key = ?`,
            [provider, reason.slice(0, 255), toDbTime(now), key],
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
