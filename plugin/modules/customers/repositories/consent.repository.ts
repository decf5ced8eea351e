import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { CUSTOMER_OPT_OUT_SOURCES, type ConsentPurpose } from '../rules/consent.rules.js';
import { ConsentEventEntity, type ConsentEvent } from '../entities/consent-event.entity.js';
import { CustomerConsentEntity, type CustomerConsent } from '../entities/customer-consent.entity.js';
import { CustomerServiceConsentEntity } from '../entities/customer-service-consent.entity.js';
import { bool } from '../../../kernel/db/row-mappers.js';

/** The table of each purpose's current consents. */
const TABLES: Record<ConsentPurpose, string> = {
    marketing: 'refill_customer_consents',
    service: 'refill_customer_service_consents',
};

/**
 * Reads and writes consents (current state and the append-only history),
 * per purpose. Marketing consents are `refill_customer_consents`. A
 * customer's service consent in a channel is their row in
 * `refill_customer_service_consents`, or, until the two purposes part (a
 * STOP reply or an unsubscribe link, or a till setting them apart), the
 * marketing consent: what tills and imports said before the purposes were
 * told apart covers both. {@link separateService} writes the service row
 * before they part. History entries carry their purpose (NULL: recorded
 * before the split, for both).
 */
export class ConsentRepository {
    /** The current consents of each purpose (two tables of one shape). */
    private readonly current: Record<ConsentPurpose, EntityRowMapper<CustomerConsent>>;
    private readonly events: EntityRowMapper<ConsentEvent>;

    constructor(db: Database) {
        this.current = {
            marketing: db.rows(CustomerConsentEntity),
            service: db.rows(CustomerServiceConsentEntity),
        };
        this.events = db.rows(ConsentEventEntity);
    }

    /** A customer's current consents of `purpose`. */
    async findForCustomer(
        exec: SqlExecutor | Database,
        customerId: number,
        purpose: ConsentPurpose = 'marketing',
    ): Promise<CustomerConsent[]> {
        return ((await this.findForCustomers(exec, [customerId], purpose)).get(customerId) ?? []).sort(
            (a, b) => a.channel.localeCompare(b.channel),
        );
    }

    /**
     * What tills and hosts last said about each of these channels (the latest
     * history entry not made by the customer's own STOP reply or unsubscribe
     * link). For marketing, entries of marketing (or both, before the split);
     * for service, every entry: a till's act and an import speak for service
     * too unless a till set service apart.
     */
    async lastTillActs(
        exec: SqlExecutor | Database,
        customerId: number,
        channels: readonly string[],
        purpose: ConsentPurpose = 'marketing',
    ): Promise<Map<string, { granted: boolean }>> {
        const out = new Map<string, { granted: boolean }>();
        if (!channels.length) return out;
        const ofPurpose = purpose === 'marketing' ? ` AND (purpose IS NULL OR purpose = 'marketing')` : '';
        const rows = await exec.all(
            `SELECT channel, granted FROM refill_consent_events WHERE customer_id = ? AND channel IN (${sqlDialect.inList(channels.length)}) AND (source IS NULL OR source NOT IN (${sqlDialect.inList(CUSTOMER_OPT_OUT_SOURCES.length)}))${ofPurpose} ORDER BY id DESC`,
            [customerId, ...channels, ...CUSTOMER_OPT_OUT_SOURCES],
        );
        for (const r of rows)
            if (!out.has(String(r.channel))) out.set(String(r.channel), { granted: bool(r.granted) });
        return out;
    }

    /** The current consents of `purpose` of several customers, grouped by customer id. */
    async findForCustomers(
        exec: SqlExecutor | Database,
        customerIds: readonly number[],
        purpose: ConsentPurpose = 'marketing',
    ): Promise<Map<number, CustomerConsent[]>> {
        const marketing = await this.read(exec, 'marketing', customerIds);
        if (purpose === 'marketing') return group(marketing);
        const service = await this.read(exec, 'service', customerIds);
        const own = new Set(service.map((c) => `${c.customerId}:${c.channel}`));
        return group([...service, ...marketing.filter((c) => !own.has(`${c.customerId}:${c.channel}`))]);
    }

    /** A customer's consent history, newest first (up to `limit` entries). */
    async history(exec: SqlExecutor | Database, customerId: number, limit = 500): Promise<ConsentEvent[]> {
        const rows = await exec.all(
            `SELECT ${this.events.columns} FROM refill_consent_events WHERE customer_id = ? ORDER BY id DESC LIMIT ${Math.floor(limit)}`,
            [customerId],
        );
        return rows.map((r) => this.events.fromRow(r));
    }

    /**
     * Sets the current consents of `purpose` given and appends them to the
     * history; a change made at the store desk names its actor and reason there.
     */
    async record(
        tx: SqlExecutor,
        consents: readonly CustomerConsent[],
        now: Date,
        purpose: ConsentPurpose = 'marketing',
        desk: { actor: string; reason: string } | null = null,
    ): Promise<void> {
        if (!consents.length) return;
        const shape = this.current[purpose].all;
        const ins = (c: string) => sqlDialect.inserted(tx.dialect, c);
        // Hand-written upsert: the channel's current consent takes the new one.
        await tx.run(
            shape.insert(consents.length) +
                sqlDialect.onConflictUpdate(tx.dialect, ['customer_id', 'channel'], {
                    granted: ins('granted'),
                    changed_at: ins('changed_at'),
                    source: ins('source'),
                }),
            shape.valuesOf(consents),
        );
        const history = this.events.insertable;
        await tx.run(
            history.insert(consents.length),
            history.valuesOf(
                consents.map((c) => ({
                    ...c,
                    recordedAt: now,
                    purpose,
                    actor: desk?.actor ?? null,
                    reason: desk?.reason ?? null,
                })),
            ),
        );
    }

    /**
     * Gives these customers' `channels` a service consent of their own where
     * they have none yet: a copy of the marketing consent it followed (no
     * history entry: nothing changed). Call it, under the customers' locks,
     * before marketing and service part.
     */
    async separateService(
        tx: SqlExecutor,
        customerIds: readonly number[],
        channels: readonly string[],
    ): Promise<void> {
        if (!channels.length) return;
        for (const chunk of sqlDialect.chunks(customerIds, 500)) {
            if (!chunk.length) continue;
            await tx.run(
                `INSERT INTO ${TABLES.service} (customer_id, channel, granted, changed_at, source)
                 SELECT m.customer_id, m.channel, m.granted, m.changed_at, m.source FROM ${TABLES.marketing} m
                 WHERE m.customer_id IN (${sqlDialect.inList(chunk.length)}) AND m.channel IN (${sqlDialect.inList(channels.length)})
                   AND NOT EXISTS (SELECT 1 FROM ${TABLES.service} s WHERE s.customer_id = m.customer_id AND s.channel = m.channel)`,
                [...chunk, ...channels],
            );
        }
    }

    private async read(
        exec: SqlExecutor | Database,
        purpose: ConsentPurpose,
        customerIds: readonly number[],
    ): Promise<CustomerConsent[]> {
        const consents = this.current[purpose];
        const out: CustomerConsent[] = [];
        for (const chunk of sqlDialect.chunks(customerIds)) {
            if (!chunk.length) continue;
            const rows = await exec.all(
                `SELECT ${consents.columns} FROM ${TABLES[purpose]} WHERE customer_id IN (${sqlDialect.inList(chunk.length)})`,
                chunk,
            );
            for (const r of rows) out.push(consents.fromRow(r));
        }
        return out;
    }
}

function group(consents: readonly CustomerConsent[]): Map<number, CustomerConsent[]> {
    const out = new Map<number, CustomerConsent[]>();
    for (const c of consents) {
        const list = out.get(c.customerId);
        if (list) list.push(c);
        else out.set(c.customerId, [c]);
    }
    return out;
}
