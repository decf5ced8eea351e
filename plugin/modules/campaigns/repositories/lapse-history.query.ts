import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { Row } from '../../../kernel/db/sql-executor.js';
import { parseRecentDays } from '../../catalog/index.js';

/** A customer's purchase days in a category, as the statistics row keeps them. */
export interface PurchaseDays {
    customerId: number;
    /** Chain days of the latest purchase days, newest first. */
    recentDays: number[];
}

/**
 * The category history the pre-launch plan reads: the per-customer
 * statistics rows that the lapse rule judges (to count past lapses) and the
 * category revenue per customer in a past window (for its variance). Reads
 * only; pages by keyset so memory stays flat.
 */
export class LapseHistoryQuery {
    constructor(private readonly db: Database) {}

    /** Statistics rows of the category with a purchase at or after `lastFrom` and at least `minPurchases` purchase days. */
    async *purchaseDays(
        categoryId: number,
        lastFrom: Date,
        minPurchases: number,
        pageSize = 5000,
    ): AsyncGenerator<PurchaseDays[]> {
        let after: { lastAt: string; id: number } | null = null;
        for (;;) {
            const keyset: string = after ? ' AND (last_at > ? OR (last_at = ? AND customer_id > ?))' : '';
            // Hand-written: a keyset page of one index range (a projection).
            const rows: Row[] = await this.db.all(
                `SELECT customer_id, last_at, recent_days FROM refill_customer_category_stats
                 WHERE category_id = ? AND last_at >= ? AND purchase_count >= ?${keyset}
                 ORDER BY last_at, customer_id LIMIT ${Math.floor(pageSize)}`,
                [
                    categoryId,
                    toDbTime(lastFrom),
                    minPurchases,
                    ...(after ? [after.lastAt, after.lastAt, after.id] : []),
                ],
            );
            if (!rows.length) return;
            yield rows.map((r) => ({
                customerId: Number(r.customer_id),
                recentDays: parseRecentDays(String(r.recent_days)),
            }));
            const last: Row = rows[rows.length - 1];
            after = { lastAt: toDbTime(this.db.time(last.last_at)), id: Number(last.customer_id) };
            if (rows.length < pageSize) return;
        }
    }

    /** Net category revenue of each of these customers' purchases in [from, to), minor units (buyers only). */
    async revenueBetween(
        categoryId: number,
        customerIds: readonly number[],
        from: Date,
        to: Date,
    ): Promise<Map<number, number>> {
        const out = new Map<number, number>();
        for (const chunk of sqlDialect.chunks(customerIds)) {
            // Hand-written: an aggregate over a join.
            const rows = await this.db.all(
                `SELECT p.customer_id, SUM(l.amount - l.returned_amount) AS revenue
                 FROM refill_purchases p JOIN refill_purchase_lines l ON l.purchase_id = p.id AND l.category_id = ?
                 WHERE p.customer_id IN (${sqlDialect.inList(chunk.length)}) AND p.purchased_at >= ? AND p.purchased_at < ?
                 GROUP BY p.customer_id`,
                [categoryId, ...chunk, toDbTime(from), toDbTime(to)],
            );
            for (const r of rows) out.set(Number(r.customer_id), Number(r.revenue ?? 0));
        }
        return out;
    }
}
