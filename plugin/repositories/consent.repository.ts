import type { Database } from '../db/database.js';
import { toDbTime } from '../db/db-time.js';
import { sqlDialect } from '../db/sql-dialect.js';
import type { SqlExecutor } from '../db/sql-executor.js';
import { CUSTOMER_OPT_OUT_SOURCES } from '../domain/consent.rules.js';
import type { CustomerConsent } from '../entities/customer-consent.entity.js';
import { bool } from './row-mappers.js';

/** Reads and writes consents (current state and the append-only history). */
export class ConsentRepository {
    constructor(private readonly db: Database) {}

    /** A customer's current consents. */
    async findForCustomer(exec: SqlExecutor | Database, customerId: number): Promise<CustomerConsent[]> {
        const rows = await exec.all(
            `SELECT customer_id, channel, granted, changed_at, source FROM refill_customer_consents WHERE customer_id = ? ORDER BY channel`,
            [customerId],
        );
        return rows.map((r) => ({
            customerId: Number(r.customer_id),
            channel: String(r.channel),
            granted: bool(r.granted),
            changedAt: this.db.time(r.changed_at),
            source: (r.source as string) ?? null,
        }));
    }

    /**
     * What tills and hosts last said about each of these channels (the latest
     * history entry not made by the customer's own STOP reply or unsubscribe link).
     */
    async lastTillActs(
        exec: SqlExecutor | Database,
        customerId: number,
        channels: readonly string[],
    ): Promise<Map<string, { granted: boolean }>> {
        const out = new Map<string, { granted: boolean }>();
        if (!channels.length) return out;
        const rows = await exec.all(
            `SELECT channel, granted FROM refill_consent_events WHERE customer_id = ? AND channel IN (${sqlDialect.inList(channels.length)}) AND (source IS NULL OR source NOT IN (${sqlDialect.inList(CUSTOMER_OPT_OUT_SOURCES.length)})) ORDER BY id DESC`,
            [customerId, ...channels, ...CUSTOMER_OPT_OUT_SOURCES],
        );
        for (const r of rows)
            if (!out.has(String(r.channel))) out.set(String(r.channel), { granted: bool(r.granted) });
        return out;
    }

    /** The current consents of several customers, grouped by customer id (imports). */
    async findForCustomers(
        exec: SqlExecutor | Database,
        customerIds: readonly number[],
    ): Promise<Map<number, CustomerConsent[]>> {
        const out = new Map<number, CustomerConsent[]>();
        for (const chunk of sqlDialect.chunks(customerIds)) {
            const rows = await exec.all(
                `SELECT customer_id, channel, granted, changed_at, source FROM refill_customer_consents WHERE customer_id IN (${sqlDialect.inList(chunk.length)})`,
                chunk,
            );
            for (const r of rows) {
                const consent: CustomerConsent = {
                    customerId: Number(r.customer_id),
                    channel: String(r.channel),
                    granted: bool(r.granted),
                    changedAt: this.db.time(r.changed_at),
                    source: (r.source as string) ?? null,
                };
                const list = out.get(consent.customerId);
                if (list) list.push(consent);
                else out.set(consent.customerId, [consent]);
            }
        }
        return out;
    }

    /** Sets the current consents given and appends them to the history. */
    async record(tx: SqlExecutor, consents: readonly CustomerConsent[], now: Date): Promise<void> {
        if (!consents.length) return;
        const ins = (c: string) => sqlDialect.inserted(tx.dialect, c);
        await tx.run(
            `INSERT INTO refill_customer_consents (customer_id, channel, granted, changed_at, source) VALUES ${sqlDialect.valuesPlaceholders(consents.length, 5)}` +
                sqlDialect.onConflictUpdate(tx.dialect, ['customer_id', 'channel'], {
                    granted: ins('granted'),
                    changed_at: ins('changed_at'),
                    source: ins('source'),
                }),
            consents.flatMap((c) => [c.customerId, c.channel, c.granted, toDbTime(c.changedAt), c.source]),
        );
        await tx.run(
            `INSERT INTO refill_consent_events (customer_id, channel, granted, changed_at, source, recorded_at) VALUES ${sqlDialect.valuesPlaceholders(consents.length, 6)}`,
            consents.flatMap((c) => [
                c.customerId,
                c.channel,
                c.granted,
                toDbTime(c.changedAt),
                c.source,
                toDbTime(now),
            ]),
        );
    }
}
