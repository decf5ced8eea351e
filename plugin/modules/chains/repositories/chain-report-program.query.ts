import type { Database } from '../../../kernel/db/database.js';

/** One customer's revenue in a period, net of returns (minor units; 0 when they bought nothing). */
export interface CustomerRevenue {
    customerId: number;
    revenue: number;
}

/**
 * The program-level report's reads: every regular card (no test or employee
 * cards) enrolled before a moment
 * with their revenue in a period, page by page in id order, so the global
 * control report walks a customer base of any size in bounded memory.
 */
export class ProgramRevenueQuery {
    constructor(private readonly db: Database) {}

    /**
     * Up to `limit` regular customers above `afterId`, enrolled before `enrolledBefore`,
     * with the sum of their purchase lines in [`from`, `to`) less what was returned of them.
     */
    async page(
        afterId: number,
        limit: number,
        enrolledBefore: Date,
        from: Date,
        to: Date,
    ): Promise<CustomerRevenue[]> {
        const rows = await this.db.all<{ id: unknown; revenue: unknown }>(
            `SELECT c.id,
                    COALESCE((SELECT SUM(l.amount - l.returned_amount)
                              FROM refill_purchases p JOIN refill_purchase_lines l ON l.purchase_id = p.id
                              WHERE p.customer_id = c.id AND p.purchased_at >= ? AND p.purchased_at < ?), 0) AS revenue
             FROM refill_customers c
             WHERE c.id > ? AND c.enrolled_at < ? AND c.card_kind = 'regular'
             ORDER BY c.id
             LIMIT ?`,
            [from, to, afterId, enrolledBefore, limit],
        );
        return rows.map((r) => ({ customerId: Number(r.id), revenue: Number(r.revenue ?? 0) }));
    }
}
