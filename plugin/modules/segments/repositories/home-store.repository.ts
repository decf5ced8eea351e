import type { Database } from '../../../kernel/db/database.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';

/**
 * Writes `refill_customer_home_stores` set-based, one range of customer ids
 * at a time: the store with most receipts since a moment (ties to the
 * store of the latest receipt, then the higher store id), one statement on
 * both engines (window functions: MariaDB ≥ 10.2, SQLite ≥ 3.25).
 */
export class HomeStoreRepository {
    /** Up to `limit` customer ids above `afterId`, ascending (the job's pages). */
    async customerIds(exec: SqlExecutor | Database, afterId: number, limit: number): Promise<number[]> {
        const rows = await exec.all<{ id: number | string }>(
            'SELECT id FROM refill_customers WHERE id > ? ORDER BY id LIMIT ?',
            [afterId, limit],
        );
        return rows.map((r) => Number(r.id));
    }

    /**
     * Rewrites the home stores of customers with ids in (`afterId`, `upToId`]
     * (no upper bound when null) from their receipts since `since`; those
     * without one lose their row. Safe to repeat.
     */
    async rewriteRange(
        tx: SqlExecutor,
        afterId: number,
        upToId: number | null,
        since: Date,
        day: string,
    ): Promise<number> {
        const range = upToId === null ? 'customer_id > ?' : 'customer_id > ? AND customer_id <= ?';
        const bounds = upToId === null ? [afterId] : [afterId, upToId];
        await tx.run(`DELETE FROM refill_customer_home_stores WHERE ${range}`, bounds);
        const { affected } = await tx.run(
            `INSERT INTO refill_customer_home_stores (customer_id, store_id, purchases, last_purchase_at, computed_day)
             SELECT r.customer_id, r.store_id, r.n, r.last_at, ? FROM (
                 SELECT g.customer_id, g.store_id, g.n, g.last_at,
                        ROW_NUMBER() OVER (PARTITION BY g.customer_id ORDER BY g.n DESC, g.last_at DESC, g.store_id DESC) AS rk
                   FROM (SELECT p.customer_id, p.store_id, COUNT(*) AS n, MAX(p.purchased_at) AS last_at
                           FROM refill_purchases p
                          WHERE p.${range} AND p.purchased_at >= ?
                          GROUP BY p.customer_id, p.store_id) g
             ) r WHERE r.rk = ?`,
            [day, ...bounds, since, 1],
        );
        return affected;
    }
}
