import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import { MS_PER_DAY } from '../../../kernel/units/time.js';
import type { SentMessage } from '../policy/contact-caps.js';

/**
 * Statuses of a message that reached (or is being handed to) a provider:
 * what the contact policy's caps count. Held, dropped and failed messages
 * never reached the customer.
 */
export const COUNTED_STATUSES = ['claimed', 'sending', 'sent', 'delivered', 'read'] as const;

/** How far back a message row may have been created and still be sent in the window (a long hold). */
const CREATED_SLACK_MS = 62 * MS_PER_DAY;

/** What customers were sent lately: the history the contact policy's caps and gap are checked against. */
export class ContactHistoryQuery {
    constructor(private readonly db: Database) {}

    /**
     * The messages sent to these customers since `since`, by customer, each
     * dated when the provider took it (`sent_at`), else when it was handed
     * over (`handed_at`), else, while a run holds its claim, when it was
     * claimed (`status_at`). A message held for weeks is dated by its send,
     * not by its first decision. Reads the (customer, created_at) index.
     */
    async sentSince(customerIds: readonly number[], since: Date): Promise<Map<number, SentMessage[]>> {
        const out = new Map<number, SentMessage[]>();
        const statuses = sqlDialect.inList(COUNTED_STATUSES.length);
        for (const chunk of sqlDialect.chunks(customerIds)) {
            if (!chunk.length) continue;
            // Hand-written: a projection (the time a message counts from).
            const rows = await this.db.all(
                `SELECT customer_id, message_key, channel, traffic, COALESCE(sent_at, handed_at, status_at, created_at) AS at FROM refill_messages WHERE customer_id IN (${sqlDialect.inList(chunk.length)}) AND created_at >= ? AND status IN (${statuses})`,
                [...chunk, toDbTime(new Date(since.getTime() - CREATED_SLACK_MS)), ...COUNTED_STATUSES],
            );
            for (const r of rows) {
                const at = this.db.time(r.at);
                if (at < since) continue;
                const id = Number(r.customer_id);
                const list = out.get(id) ?? [];
                list.push({
                    channel: String(r.channel),
                    traffic: String(r.traffic),
                    at,
                    key: String(r.message_key),
                });
                out.set(id, list);
            }
        }
        return out;
    }
}
