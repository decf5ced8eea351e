import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import { type SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { formatRecentDays, parseRecentDays, type CategoryStat } from '../rules/category-stats.rules.js';

/** A statistics row with its key. */
export interface KeyedCategoryStat extends CategoryStat {
    customerId: number;
    categoryId: number;
}

const COLUMNS = [
    'customer_id',
    'category_id',
    'first_at',
    'last_at',
    'purchase_count',
    'total_amount',
    'recent_days',
];

/** The statistics columns, for queries that read them beside others. */
export const STAT_COLUMNS = COLUMNS;

/** Maps a statistics row (its columns optionally aliased with `prefix`). */
export function mapStatRow(
    db: Pick<Database, 'time'>,
    r: Record<string, unknown>,
    prefix = '',
): KeyedCategoryStat {
    return {
        customerId: Number(r[`${prefix}customer_id`]),
        categoryId: Number(r[`${prefix}category_id`]),
        firstAt: db.time(r[`${prefix}first_at`]),
        lastAt: db.time(r[`${prefix}last_at`]),
        purchaseCount: Number(r[`${prefix}purchase_count`]),
        totalAmount: Number(r[`${prefix}total_amount`]),
        recentDays: parseRecentDays(String(r[`${prefix}recent_days`])),
    };
}

/** The statistics rows as the customers' locking read joins them (`lockByCardWithStats`). */
export const CATEGORY_STATS_JOIN = {
    table: 'refill_customer_category_stats',
    columns: STAT_COLUMNS,
    map: mapStatRow,
};

/** Reads and upserts `refill_customer_category_stats`. Callers hold the customers' row locks. */
export class CategoryStatsRepository {
    constructor(private readonly db: Database) {}

    /** Rows for the given (customer, category) pairs. */
    async find(
        exec: SqlExecutor | Database,
        pairs: ReadonlyArray<[number, number]>,
    ): Promise<KeyedCategoryStat[]> {
        if (!pairs.length) return [];
        const where = pairs.map(() => '(customer_id = ? AND category_id = ?)').join(' OR ');
        const rows = await exec.all(
            `SELECT ${COLUMNS.join(', ')} FROM refill_customer_category_stats WHERE ${where}`,
            pairs.flat(),
        );
        return rows.map((r) => mapStatRow(this.db, r));
    }

    /** Every row of these customers, all categories (imports: one range scan of the key per customer). */
    async findForCustomers(
        exec: SqlExecutor | Database,
        customerIds: readonly number[],
    ): Promise<KeyedCategoryStat[]> {
        const out: KeyedCategoryStat[] = [];
        for (const chunk of sqlDialect.chunks(customerIds)) {
            const rows = await exec.all(
                `SELECT ${COLUMNS.join(', ')} FROM refill_customer_category_stats WHERE customer_id IN (${sqlDialect.inList(chunk.length)})`,
                chunk,
            );
            for (const r of rows) out.push(mapStatRow(this.db, r));
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
                `SELECT ${COLUMNS.join(', ')} FROM refill_customer_category_stats WHERE category_id = ? AND customer_id IN (${sqlDialect.inList(chunk.length)})`,
                [categoryId, ...chunk],
            );
            for (const r of rows) out.push(mapStatRow(this.db, r));
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
        const ins = (c: string) => sqlDialect.inserted(tx.dialect, c);
        await tx.run(
            `INSERT INTO refill_customer_category_stats (${COLUMNS.join(', ')}) VALUES ${sqlDialect.valuesPlaceholders(stats.length, COLUMNS.length)}` +
                sqlDialect.onConflictUpdate(tx.dialect, ['customer_id', 'category_id'], {
                    first_at: ins('first_at'),
                    last_at: ins('last_at'),
                    purchase_count: ins('purchase_count'),
                    total_amount: ins('total_amount'),
                    recent_days: ins('recent_days'),
                }),
            stats.flatMap((s) => [
                s.customerId,
                s.categoryId,
                toDbTime(s.firstAt),
                toDbTime(s.lastAt),
                s.purchaseCount,
                s.totalAmount,
                formatRecentDays(s.recentDays),
            ]),
        );
    }
}
