import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { Channel } from './channel-provider.js';
import type { OutboxEntry, OutboxStore } from './outbox.provider.js';

/** The outbox in `refill_outbox`, readable through the admin API. A repeated key is kept once. */
export class SqlOutboxStore implements OutboxStore {
    constructor(private readonly db: Database) {}

    /** Keeps a message. */
    async append(e: OutboxEntry): Promise<void> {
        await this.db.run(
            `${sqlDialect.insertIgnore(this.db.dialect)} INTO refill_outbox (message_key, channel, recipient, subject, body, html, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
            [e.key, e.channel, e.to, e.subject ?? null, e.text, e.html ?? null, toDbTime(e.at)],
        );
    }

    /** The newest messages, optionally of one channel. */
    async list(filter: { channel?: Channel; limit?: number } = {}): Promise<OutboxEntry[]> {
        // Hand-written: a projection under the provider's names.
        const rows = await this.db.all(
            `SELECT message_key, channel, recipient, subject, body, html, created_at FROM refill_outbox${filter.channel ? ' WHERE channel = ?' : ''} ORDER BY id DESC LIMIT ${Math.min(1000, Math.max(1, filter.limit ?? 100))}`,
            filter.channel ? [filter.channel] : [],
        );
        return rows.map((r) => ({
            id: String(r.message_key),
            key: String(r.message_key),
            channel: r.channel as Channel,
            to: String(r.recipient),
            subject: (r.subject as string) ?? undefined,
            text: String(r.body ?? ''),
            html: (r.html as string) ?? undefined,
            at: this.db.time(r.created_at),
        }));
    }
}
