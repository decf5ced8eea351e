import type { Database } from '../../../kernel/db/database.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { ZoneSources } from '../policy/customer-zone.js';

/**
 * Where a customer's timezone can be learnt from when they have none of
 * their own: the store of their latest purchase and the store where they
 * enrolled.
 */
export class CustomerZoneQuery {
    constructor(private readonly db: Database) {}

    /**
     * The zone sources of these customers, by customer id. The latest
     * purchase is found per customer through the (customer, purchased_at)
     * index.
     */
    async sources(customerIds: readonly number[]): Promise<Map<number, ZoneSources>> {
        const out = new Map<number, ZoneSources>();
        for (const chunk of sqlDialect.chunks(customerIds)) {
            if (!chunk.length) continue;
            // Hand-written: a join of other modules' tables with a correlated subquery (a projection).
            const rows = await this.db.all(
                `SELECT c.id, c.timezone, c.home_store_id, h.timezone AS home_zone,
                        (SELECT p.store_id FROM refill_purchases p WHERE p.customer_id = c.id
                          ORDER BY p.purchased_at DESC, p.id DESC LIMIT 1) AS last_store_id
                 FROM refill_customers c LEFT JOIN refill_stores h ON h.id = c.home_store_id
                 WHERE c.id IN (${sqlDialect.inList(chunk.length)})`,
                chunk,
            );
            const lastStores = [
                ...new Set(
                    rows
                        .map((r) => r.last_store_id)
                        .filter((id) => id !== null)
                        .map(Number),
                ),
            ];
            const zones = await this.storeZones(lastStores);
            for (const r of rows) {
                const last = r.last_store_id === null ? null : Number(r.last_store_id);
                out.set(Number(r.id), {
                    own: (r.timezone as string | null) ?? null,
                    lastPurchaseStore: last === null ? null : { zone: zones.get(last) ?? null },
                    homeStore:
                        r.home_store_id === null ? null : { zone: (r.home_zone as string | null) ?? null },
                });
            }
        }
        return out;
    }

    private async storeZones(ids: readonly number[]): Promise<Map<number, string | null>> {
        const out = new Map<number, string | null>();
        if (!ids.length) return out;
        const rows = await this.db.all(
            `SELECT id, timezone FROM refill_stores WHERE id IN (${sqlDialect.inList(ids.length)})`,
            ids,
        );
        for (const r of rows) out.set(Number(r.id), (r.timezone as string | null) ?? null);
        return out;
    }
}
