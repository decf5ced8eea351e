import type { Database } from '../../../kernel/db/database.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { numOrNull } from '../../../kernel/db/row-mappers.js';

/** A stored purchase line as the category rules see it. */
export interface MappedLine {
    id: number;
    sku: string;
    atc: string | null;
    categoryId: number | null;
}

/** One stored purchase of a category by a customer: when, and the line's amount. */
export interface CategoryPurchase {
    customerId: number;
    at: Date;
    amount: number;
}

/**
 * The reads and writes of a category rebuild over the stored history:
 * purchase lines in id order (keyset pages) and their category, customers in
 * id order, and one category's purchases per customer.
 */
export class CategoryHistoryQuery {
    constructor(private readonly db: Database) {}

    /** Whether any purchase line is stored at all. */
    async hasLines(): Promise<boolean> {
        return (await this.db.all(`SELECT id FROM refill_purchase_lines ORDER BY id LIMIT 1`)).length > 0;
    }

    /** Whether any statistics row of the category is stored. */
    async hasStats(categoryId: number): Promise<boolean> {
        const rows = await this.db.all(
            `SELECT customer_id FROM refill_customer_category_stats WHERE category_id = ? LIMIT 1`,
            [categoryId],
        );
        return rows.length > 0;
    }

    /** The categories that have statistics rows. */
    async categoriesWithStats(): Promise<number[]> {
        const rows = await this.db.all(`SELECT DISTINCT category_id FROM refill_customer_category_stats`);
        return rows.map((r) => Number(r.category_id));
    }

    /** How many lines and customers are stored (the totals of a rebuild's progress). */
    async count(table: 'lines' | 'customers'): Promise<number> {
        const name = table === 'lines' ? 'refill_purchase_lines' : 'refill_customers';
        const [row] = await this.db.all(`SELECT COUNT(*) AS n FROM ${name}`);
        return Number(row?.n ?? 0);
    }

    /** The next `limit` lines after id `afterId`, in id order. */
    async linesAfter(afterId: number, limit: number): Promise<MappedLine[]> {
        // Hand-written: a keyset page of the ledger's lines (a projection the catalog maps itself).
        const rows = await this.db.all(
            `SELECT id, sku, atc, category_id FROM refill_purchase_lines WHERE id > ? ORDER BY id LIMIT ${Math.floor(limit)}`,
            [afterId],
        );
        return rows.map((r) => ({
            id: Number(r.id),
            sku: String(r.sku),
            atc: (r.atc as string | null) ?? null,
            categoryId: numOrNull(r.category_id),
        }));
    }

    /** Sets the category of these lines. */
    async setLineCategory(
        tx: SqlExecutor,
        categoryId: number | null,
        lineIds: readonly number[],
    ): Promise<void> {
        for (const chunk of sqlDialect.chunks(lineIds))
            await tx.run(
                `UPDATE refill_purchase_lines SET category_id = ? WHERE id IN (${sqlDialect.inList(chunk.length)})`,
                [categoryId, ...chunk],
            );
    }

    /** The next `limit` customer ids after `afterId`, in id order. */
    async customerIdsAfter(afterId: number, limit: number): Promise<number[]> {
        const rows = await this.db.all(
            `SELECT id FROM refill_customers WHERE id > ? ORDER BY id LIMIT ${Math.floor(limit)}`,
            [afterId],
        );
        return rows.map((r) => Number(r.id));
    }

    /**
     * Customers with ids in [fromId, toId] that have lines of the category or
     * a statistics row of it (a plain read before the batch takes its locks).
     */
    async customersWithCategory(categoryId: number, fromId: number, toId: number): Promise<number[]> {
        const withLines = await this.db.all(
            `SELECT DISTINCT p.customer_id FROM refill_purchases p JOIN refill_purchase_lines l ON l.purchase_id = p.id
             WHERE p.customer_id BETWEEN ? AND ? AND l.category_id = ?`,
            [fromId, toId, categoryId],
        );
        const withRows = await this.db.all(
            `SELECT customer_id FROM refill_customer_category_stats WHERE customer_id BETWEEN ? AND ? AND category_id = ?`,
            [fromId, toId, categoryId],
        );
        const ids = new Set([...withLines, ...withRows].map((r) => Number(r.customer_id)));
        return [...ids].sort((a, b) => a - b);
    }

    /** Every stored purchase line of the category by these customers, with the receipt's time. */
    async purchasesOf(
        tx: SqlExecutor,
        categoryId: number,
        customerIds: readonly number[],
    ): Promise<CategoryPurchase[]> {
        const out: CategoryPurchase[] = [];
        for (const chunk of sqlDialect.chunks(customerIds, 500)) {
            // Hand-written: a join, mapped to its own projection.
            const rows = await tx.all(
                `SELECT p.customer_id, p.purchased_at, l.amount FROM refill_purchases p JOIN refill_purchase_lines l ON l.purchase_id = p.id
                 WHERE p.customer_id IN (${sqlDialect.inList(chunk.length)}) AND l.category_id = ?`,
                [...chunk, categoryId],
            );
            for (const r of rows)
                out.push({
                    customerId: Number(r.customer_id),
                    at: this.db.time(r.purchased_at),
                    amount: Number(r.amount),
                });
        }
        return out;
    }
}
