import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';

/** A customer whose active bonuses start burning soon. */
export interface BurningBonuses {
    customerId: number;
    /** The first burning lot's expiry: the run's deadline. */
    firstExpiry: Date;
    /** What burns then and before the scan's horizon, minor units. */
    amount: number;
}

/** How long a column's existence is remembered, ms (a migration may add it while Refill runs). */
const SCHEMA_TTL_MS = 5 * 60_000;

/**
 * The reads behind the triggers: who has bonuses burning soon, whose
 * birthday it is, whether a purchase is a customer's first, and whether a
 * table or column that another part of the release adds exists yet
 * (`refill_customers.birth_date`, `refill_lifecycle_transitions`).
 */
export class ChainTriggerQuery {
    private readonly schema = new Map<string, { exists: boolean; at: number }>();

    constructor(private readonly db: Database) {}

    /** Customers above `afterId` with active bonuses expiring in (now, until], by id, a page. */
    async burning(now: Date, until: Date, afterId: number, limit: number): Promise<BurningBonuses[]> {
        const rows = await this.db.all(
            `SELECT customer_id, MIN(expires_at) AS first_expiry, SUM(remaining) AS amount FROM refill_bonus_lots WHERE state = 'active' AND remaining > 0 AND expires_at > ? AND expires_at <= ? AND customer_id > ? GROUP BY customer_id ORDER BY customer_id LIMIT ${Math.floor(limit)}`,
            [toDbTime(now), toDbTime(until), afterId],
        );
        return rows.map((r) => ({
            customerId: Number(r.customer_id),
            firstExpiry: this.db.time(r.first_expiry),
            amount: Number(r.amount),
        }));
    }

    /**
     * Customers above `afterId` whose `birth_date` ('YYYY-MM-DD') falls on
     * `monthDay` ('MM-DD'), by id, a page; none while the column does not exist.
     */
    async birthdays(monthDay: string, afterId: number, limit: number): Promise<number[]> {
        if (!(await this.hasColumn('refill_customers', 'birth_date'))) return [];
        const rows = await this.db.all(
            `SELECT id FROM refill_customers WHERE birth_date IS NOT NULL AND SUBSTR(birth_date, 6, 5) = ? AND id > ? ORDER BY id LIMIT ${Math.floor(limit)}`,
            [monthDay, afterId],
        );
        return rows.map((r) => Number(r.id));
    }

    /** Which of `customerIds` had no purchase before `purchaseId` (the sale is their first). */
    async firstPurchasers(
        tx: SqlExecutor,
        purchaseId: number,
        customerIds: readonly number[],
    ): Promise<Set<number>> {
        const out = new Set(customerIds);
        if (!customerIds.length) return out;
        const rows = await tx.all(
            `SELECT DISTINCT customer_id FROM refill_purchases WHERE customer_id IN (${sqlDialect.inList(customerIds.length)}) AND id <> ?`,
            [...customerIds, purchaseId],
        );
        for (const r of rows) out.delete(Number(r.customer_id));
        return out;
    }

    /** Whether `table` has `column` (`column` null: whether the table exists), remembered a few minutes. */
    async hasColumn(table: string, column: string | null): Promise<boolean> {
        const key = `${table}.${column ?? ''}`;
        const known = this.schema.get(key);
        const now = Date.now();
        if (known && now - known.at < SCHEMA_TTL_MS) return known.exists;
        let exists: boolean;
        if (this.db.dialect === 'mysql') {
            const rows = await this.db.all(
                column === null
                    ? 'SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?'
                    : 'SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?',
                column === null ? [table] : [table, column],
            );
            exists = rows.length > 0;
        } else {
            const rows = await this.db.all<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, [
                table,
            ]);
            exists = column === null ? rows.length > 0 : rows.some((r) => r.name === column);
        }
        this.schema.set(key, { exists, at: now });
        return exists;
    }
}
