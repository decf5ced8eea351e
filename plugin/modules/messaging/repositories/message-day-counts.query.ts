import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';

/** Messages of one channel created since a moment, by outcome. */
export interface ChannelCounts {
    channel: string;
    /** Taken by the provider: sent, delivered or read. */
    sent: number;
    /** Delivered or read. */
    delivered: number;
    failed: number;
}

/** Messages per channel since a moment (today's, for the admin dashboard), over the created_at index. */
export class MessageDayCountsQuery {
    constructor(private readonly db: Database) {}

    /** Counts of the messages created at or after `since`, per channel, channels in name order. */
    async since(since: Date): Promise<ChannelCounts[]> {
        const rows = await this.db.all<Record<string, unknown>>(
            `SELECT channel,
                    SUM(CASE WHEN status IN ('sent', 'delivered', 'read') THEN 1 ELSE 0 END) AS sent,
                    SUM(CASE WHEN status IN ('delivered', 'read') THEN 1 ELSE 0 END) AS delivered,
                    SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed
             FROM refill_messages WHERE created_at >= ? GROUP BY channel ORDER BY channel`,
            [toDbTime(since)],
        );
        return rows.map((r) => ({
            channel: String(r.channel),
            sent: Number(r.sent ?? 0),
            delivered: Number(r.delivered ?? 0),
            failed: Number(r.failed ?? 0),
        }));
    }
}
