import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import { type Row, type SqlExecutor } from '../../../kernel/db/sql-executor.js';
import {
    CustomerCategoryStatEntity,
    type CustomerCategoryStat,
} from '../entities/customer-category-stat.entity.js';
import { formatRecentDays, parseRecentDays, type CategoryStat } from '../rules/category-stats.rules.js';

/** A statistics row with its key. */
export interface KeyedCategoryStat extends CategoryStat {
    customerId: number;
    categoryId: number;
}

/** A stored row as the rules read it: its day list parsed. */
function toStat(row: CustomerCategoryStat): KeyedCategoryStat {
    return { ...row, recentDays: parseRecentDays(row.recentDays) };
}

/** The statistics rows as the customers' locking read joins them (`lockByCardWithStats`). */
export const CATEGORY_STATS_JOIN = {
    table: 'refill_customer_category_stats',
    select: (db: Database, alias: string, prefix: string): string =>
        db.rows(CustomerCategoryStatEntity).select(alias, prefix),
    map: (db: Database, row: Row, prefix: string): KeyedCategoryStat =>
        toStat(db.rows(CustomerCategoryStatEntity).all.reader(prefix)(row)),
};

/** Reads and upserts `refill_customer_category_stats`. Callers hold the customers' row locks. */
export class CategoryStatsRepository {
    private readonly stats: EntityRowMapper<CustomerCategoryStat>;

    constructor(db: Database) {
        this.stats = db.rows(CustomerCategoryStatEntity);
    }

    /** Rows for the given (customer, category) pairs. */
    async find(
        exec: SqlExecutor | Database,
        pairs: ReadonlyArray<[number, number]>,
    ): Promise<KeyedCategoryStat[]> {
        if (!pairs.length) return [];
        const where = pairs.map(() => '(customer_id = ? AND category_id = ?)').join(' OR ');
        const rows = await exec.all(
            `SELECT ${this.stats.columns} FROM refill_customer_category_stats WHERE ${where}`,
            pairs.flat(),
        );
        return rows.map((r) => toStat(this.stats.fromRow(r)));
    }

    /** Every row of these customers, all categories (imports: one range scan of the key per customer). */
    async findForCustomers(
        exec: SqlExecutor | Database,
        customerIds: readonly number[],
    ): Promise<KeyedCategoryStat[]> {
        const out: KeyedCategoryStat[] = [];
        for (const chunk of sqlDialect.chunks(customerIds)) {
            const rows = await exec.all(
                `SELECT ${this.stats.columns} FROM refill_customer_category_stats WHERE customer_id IN (${sqlDialect.inList(chunk.length)})`,
                chunk,
            );
            for (const r of rows) out.push(toStat(this.stats.fromRow(r)));
        }
        return out;
    }

    /** The rows of one category for these customers (a category rebuild, under their locks). */
    async findForCategory(
        exec: SqlExecutor,
        categoryId: number,
        customerIds: readonly number[],
    ): Promise<KeyedCategoryStat[]> {
        const out: KeyedCategoryStat[] = [];
        for (const chunk of sqlDialect.chunks(customerIds)) {
            const rows = await exec.all(
                `SELECT ${this.stats.columns} FROM refill_customer_category_stats WHERE category_id = ? AND customer_id IN (${sqlDialect.inList(chunk.length)})`,
                [categoryId, ...chunk],
            );
            for (const r of rows) out.push(toStat(this.stats.fromRow(r)));
        }
        return out;
    }

    /** Deletes the rows of one category for these customers (no purchase of it left). */
    async deleteForCategory(
        tx: SqlExecutor,
        categoryId: number,
        customerIds: readonly number[],
    ): Promise<void> {
        for (const chunk of sqlDialect.chunks(customerIds))
            await tx.run(
                `DELETE FROM refill_customer_category_stats WHERE category_id = ? AND customer_id IN (${sqlDialect.inList(chunk.length)})`,
                [categoryId, ...chunk],
            );
    }

    /** Inserts or replaces rows in one statement. */
    async upsert(tx: SqlExecutor, stats: readonly KeyedCategoryStat[]): Promise<void> {
        if (!stats.length) return;
        const shape = this.stats.all;
        const ins = (c: string) => sqlDialect.inserted(tx.dialect, c);
        // Hand-written upsert: a row of the key takes every new value.
        const update = sqlDialect.onConflictUpdate(
            tx.dialect,
            ['customer_id', 'category_id'],
            Object.fromEntries(
                shape.columnNames
                    .filter((c) => c !== 'customer_id' && c !== 'category_id')
                    .map((c) => [c, ins(c)]),
            ),
        );
        await tx.run(
            shape.insert(stats.length) + update,
            shape.valuesOf(stats.map((s) => ({ ...s, recentDays: formatRecentDays(s.recentDays) }))),
        );
    }
}
