import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { Dialect, SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { OffsetSegment } from '../rules/figure-days.rules.js';

/** A table the daily figures are counted from, with the columns that place its rows in time and store. */
export interface FigureSource {
    /** Watermark name. */
    name: 'purchases' | 'returns' | 'ledger' | 'customers';
    table: string;
    /** When the counted event happened (its day). */
    at: string;
    /** When the row was written (for the settle lag). */
    writtenAt: string;
    /** The store expression (0: none). */
    store: string;
    /** The figure columns it adds to, each with its SQL expression. */
    sums: Readonly<Partial<Record<FigureColumn, string>>>;
    /** Extra row filter. */
    where?: string;
}

/** The additive columns of `refill_daily_figures`. */
export const FIGURE_COLUMNS = [
    'receipts',
    'revenue',
    'accrued',
    'redeemed',
    'returns',
    'returned_amount',
    'reversed',
    'refunded',
    'expired',
    'credited',
    'debited',
    'new_members',
] as const;

/** One additive column of `refill_daily_figures`. */
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];

/** One (day, store) cell of figures to add. */
export interface FigureCell {
    day: string;
    storeId: number;
    /** Source rows counted into it. */
    rows: number;
    sums: Partial<Record<FigureColumn, number>>;
}

/** The four sources, in the order the job counts them. */
export const FIGURE_SOURCES: readonly FigureSource[] = [
    {
        name: 'purchases',
        table: 'refill_purchases',
        at: 'purchased_at',
        writtenAt: 'created_at',
        store: 'store_id',
        sums: {
            receipts: 'COUNT(*)',
            revenue: 'SUM(total_amount)',
            accrued: 'SUM(earned)',
            redeemed: 'SUM(redeemed)',
        },
    },
    {
        name: 'returns',
        table: 'refill_returns',
        at: 'returned_at',
        writtenAt: 'created_at',
        store: 'store_id',
        sums: {
            returns: 'COUNT(*)',
            returned_amount: 'SUM(amount)',
            reversed: 'SUM(reversed)',
            refunded: 'SUM(refunded)',
        },
    },
    {
        name: 'ledger',
        table: 'refill_ledger_entries',
        at: 'created_at',
        writtenAt: 'created_at',
        store: '0',
        sums: {
            expired: `SUM(CASE WHEN kind = 'expiry' THEN -amount ELSE 0 END)`,
            credited: `SUM(CASE WHEN kind = 'manual_credit' THEN amount ELSE 0 END)`,
            debited: `SUM(CASE WHEN kind = 'manual_debit' THEN -amount ELSE 0 END)`,
        },
        where: `kind IN ('expiry', 'manual_credit', 'manual_debit')`,
    },
    {
        name: 'customers',
        table: 'refill_customers',
        at: 'enrolled_at',
        writtenAt: 'enrolled_at',
        store: 'COALESCE(home_store_id, 0)',
        sums: { new_members: 'COUNT(*)' },
    },
];

/** The local day of a time column, shifted by a constant offset (one {@link OffsetSegment}). */
function dayOf(dialect: Dialect, column: string, offsetMinutes: number): string {
    const minutes = Math.trunc(offsetMinutes);
    return dialect === 'mysql'
        ? `DATE_FORMAT(${column} + INTERVAL ${minutes} MINUTE, '%Y-%m-%d')`
        : `date(${column}, '${minutes >= 0 ? '+' : ''}${minutes} minutes')`;
}

/** One home store's part of the members snapshot (store 0: none). */
export interface MemberCell {
    storeId: number;
    members: number;
    active30d: number;
    balance: number;
    pending: number;
    burns30d: number;
}

/** A members snapshot summed over stores. */
export interface MemberTotals {
    members: number;
    active30d: number;
    balance: number;
    pending: number;
    burns30d: number;
    takenAt: Date | null;
}

const num = (v: unknown) => Number(v ?? 0);

/**
 * Reads and writes the dashboard's figures: `refill_daily_figures`,
 * `refill_member_figures` and `refill_figure_watermarks`, and counts them
 * from the ledger's and customers' tables (reads only, by primary key
 * ranges and the lots' expiry index).
 */
export class DailyFiguresRepository {
    constructor(private readonly db: Database) {}

    /** The last id of `source` counted so far (0 before the first run). */
    async watermark(exec: SqlExecutor | Database, source: string, lock = false): Promise<number> {
        const [row] = await exec.all<{ last_id: unknown }>(
            `SELECT last_id FROM refill_figure_watermarks WHERE source = ?${lock ? sqlDialect.forUpdate(exec.dialect) : ''}`,
            [source],
        );
        return num(row?.last_id);
    }

    /** The highest id after `after` whose row was written at or before `before` (null: none). */
    async settledMax(source: FigureSource, after: number, before: Date): Promise<number | null> {
        const [row] = await this.db.all<{ hi: unknown }>(
            `SELECT MAX(id) AS hi FROM ${source.table} WHERE id > ? AND ${source.writtenAt} <= ?`,
            [after, toDbTime(before)],
        );
        return row?.hi === null || row?.hi === undefined ? null : num(row.hi);
    }

    /** When the events of rows (lo, hi] happened: earliest and latest (null: no rows). */
    async timeBounds(source: FigureSource, lo: number, hi: number): Promise<{ from: Date; to: Date } | null> {
        const [row] = await this.db.all<{ a: unknown; b: unknown }>(
            `SELECT MIN(${source.at}) AS a, MAX(${source.at}) AS b FROM ${source.table} WHERE id > ? AND id <= ?`,
            [lo, hi],
        );
        if (row?.a === null || row?.a === undefined) return null;
        return { from: this.db.time(row.a), to: this.db.time(row.b) };
    }

    /** The figures rows (lo, hi] of `source` add, per local day (one offset segment) and store. */
    async count(source: FigureSource, lo: number, hi: number, segment: OffsetSegment): Promise<FigureCell[]> {
        const day = dayOf(this.db.dialect, source.at, segment.offsetMinutes);
        const columns = Object.entries(source.sums) as Array<[FigureColumn, string]>;
        const rows = await this.db.all<Record<string, unknown>>(
            `SELECT ${source.store} AS store_id, ${day} AS day, COUNT(*) AS row_count, ${columns.map(([c, e]) => `${e} AS ${c}`).join(', ')}
             FROM ${source.table}
             WHERE id > ? AND id <= ? AND ${source.at} >= ? AND ${source.at} < ?${source.where ? ` AND ${source.where}` : ''}
             GROUP BY store_id, day`,
            [lo, hi, toDbTime(segment.from), toDbTime(segment.to)],
        );
        return rows.map((r) => ({
            day: String(r.day),
            storeId: num(r.store_id),
            rows: num(r.row_count),
            sums: Object.fromEntries(columns.map(([c]) => [c, num(r[c])])),
        }));
    }

    /** Adds cells to the figures and moves the source's watermark, in one transaction. */
    async add(
        tx: SqlExecutor,
        source: string,
        cells: readonly FigureCell[],
        lastId: number,
        now: Date,
    ): Promise<void> {
        const d = tx.dialect;
        const columns = ['day', 'store_id', ...FIGURE_COLUMNS, 'updated_at'];
        const assignments: Record<string, string> = { updated_at: sqlDialect.inserted(d, 'updated_at') };
        for (const c of FIGURE_COLUMNS)
            assignments[c] =
                `${d === 'mysql' ? c : `refill_daily_figures.${c}`} + ${sqlDialect.inserted(d, c)}`;
        for (const chunk of sqlDialect.chunks(cells, 200))
            await tx.run(
                `INSERT INTO refill_daily_figures (${columns.join(', ')}) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, columns.length)}` +
                    sqlDialect.onConflictUpdate(d, ['day', 'store_id'], assignments),
                chunk.flatMap((cell) => [
                    cell.day,
                    cell.storeId,
                    ...FIGURE_COLUMNS.map((c) => cell.sums[c] ?? 0),
                    toDbTime(now),
                ]),
            );
        await tx.run(
            `INSERT INTO refill_figure_watermarks (source, last_id, updated_at) VALUES (?, ?, ?)` +
                sqlDialect.onConflictUpdate(d, ['source'], {
                    last_id: sqlDialect.inserted(d, 'last_id'),
                    updated_at: sqlDialect.inserted(d, 'updated_at'),
                }),
            [source, lastId, toDbTime(now)],
        );
    }

    /** Deletes every daily figure and watermark (a rebuild counts from the start). */
    async reset(tx: SqlExecutor): Promise<void> {
        await tx.run(`DELETE FROM refill_daily_figures`);
        await tx.run(`DELETE FROM refill_figure_watermarks`);
    }

    /** The highest customer id (0: none). */
    async lastCustomerId(): Promise<number> {
        const [row] = await this.db.all<{ hi: unknown }>(`SELECT MAX(id) AS hi FROM refill_customers`);
        return num(row?.hi);
    }

    /**
     * Per home store, over customers (lo, hi]: members, those who bought at
     * or after `activeSince`, available and pending bonuses (a primary-key range).
     */
    async memberSums(lo: number, hi: number, activeSince: Date): Promise<MemberCell[]> {
        const rows = await this.db.all<Record<string, unknown>>(
            `SELECT COALESCE(home_store_id, 0) AS store_id, COUNT(*) AS members,
                    SUM(CASE WHEN last_purchase_at >= ? THEN 1 ELSE 0 END) AS active,
                    SUM(balance) AS balance, SUM(pending) AS pending
             FROM refill_customers WHERE id > ? AND id <= ? GROUP BY store_id`,
            [toDbTime(activeSince), lo, hi],
        );
        return rows.map((r) => ({
            storeId: num(r.store_id),
            members: num(r.members),
            active30d: num(r.active),
            balance: num(r.balance),
            pending: num(r.pending),
            burns30d: 0,
        }));
    }

    /** Per home store, the remaining bonuses of open lots expiring in [from, to) (the lots' expiry index). */
    async burnSums(from: Date, to: Date): Promise<Array<{ storeId: number; burns: number }>> {
        const rows = await this.db.all<Record<string, unknown>>(
            `SELECT COALESCE(c.home_store_id, 0) AS store_id, SUM(l.remaining) AS burns
             FROM refill_bonus_lots l JOIN refill_customers c ON c.id = l.customer_id
             WHERE l.state IN ('pending', 'active') AND l.expires_at >= ? AND l.expires_at < ?
             GROUP BY store_id`,
            [toDbTime(from), toDbTime(to)],
        );
        return rows.map((r) => ({ storeId: num(r.store_id), burns: num(r.burns) }));
    }

    /** Replaces the members snapshot with `cells`, taken at `now`, in one transaction. */
    async replaceMembers(cells: readonly MemberCell[], now: Date): Promise<void> {
        const rows = cells.map((c) => [
            c.storeId,
            c.members,
            c.active30d,
            c.balance,
            c.pending,
            c.burns30d,
            toDbTime(now),
        ]);
        await this.db.transaction(async (tx) => {
            await tx.run(`DELETE FROM refill_member_figures`);
            for (const chunk of sqlDialect.chunks(rows, 200))
                await tx.run(
                    `INSERT INTO refill_member_figures (store_id, members, active_30d, balance, pending, burns_30d, taken_at) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, 7)}`,
                    chunk.flat(),
                );
        });
    }

    /** The members snapshot summed over `storeIds` (every store and none: null). */
    async memberTotals(storeIds: readonly number[] | null): Promise<MemberTotals> {
        const [row] = await this.db.all<Record<string, unknown>>(
            `SELECT SUM(members) AS members, SUM(active_30d) AS active, SUM(balance) AS balance,
                    SUM(pending) AS pending, SUM(burns_30d) AS burns, MIN(taken_at) AS taken_at
             FROM refill_member_figures${storeFilter('WHERE', storeIds)}`,
            storeIds ?? [],
        );
        return {
            members: num(row?.members),
            active30d: num(row?.active),
            balance: num(row?.balance),
            pending: num(row?.pending),
            burns30d: num(row?.burns),
            takenAt: this.db.timeOrNull(row?.taken_at ?? null),
        };
    }

    /** Bonuses accrued and redeemed per day in [from, to] (days), over `storeIds` (all: null). */
    async bonusFlow(
        from: string,
        to: string,
        storeIds: readonly number[] | null,
    ): Promise<Array<{ day: string; accrued: number; redeemed: number }>> {
        const rows = await this.db.all<Record<string, unknown>>(
            `SELECT day, SUM(accrued) AS accrued, SUM(redeemed) AS redeemed FROM refill_daily_figures
             WHERE day >= ? AND day <= ?${storeFilter('AND', storeIds)} GROUP BY day`,
            [from, to, ...(storeIds ?? [])],
        );
        return rows.map((r) => ({ day: String(r.day), accrued: num(r.accrued), redeemed: num(r.redeemed) }));
    }

    /** Receipts and revenue per day and store in [from, to], stores with sales only. */
    async receipts(
        from: string,
        to: string,
        storeIds: readonly number[] | null,
    ): Promise<Array<{ day: string; storeId: number; receipts: number; revenue: number }>> {
        const rows = await this.db.all<Record<string, unknown>>(
            `SELECT day, store_id, receipts, revenue FROM refill_daily_figures
             WHERE day >= ? AND day <= ? AND receipts > 0${storeFilter('AND', storeIds)}
             ORDER BY day, store_id`,
            [from, to, ...(storeIds ?? [])],
        );
        return rows.map((r) => ({
            day: String(r.day),
            storeId: num(r.store_id),
            receipts: num(r.receipts),
            revenue: num(r.revenue),
        }));
    }

    /** New members with a home store among `storeIds` (all: null) enrolled on or after `from`. */
    async newMembers(from: string, storeIds: readonly number[] | null): Promise<number> {
        const [row] = await this.db.all<{ n: unknown }>(
            `SELECT SUM(new_members) AS n FROM refill_daily_figures WHERE day >= ?${storeFilter('AND', storeIds)}`,
            [from, ...(storeIds ?? [])],
        );
        return num(row?.n);
    }
}

/** ` AND store_id IN (?, …)` for a scope, nothing for every store. */
function storeFilter(keyword: 'WHERE' | 'AND', storeIds: readonly number[] | null): string {
    if (storeIds === null) return '';
    return storeIds.length
        ? ` ${keyword} store_id IN (${sqlDialect.inList(storeIds.length)})`
        : ` ${keyword} 1 = 0`;
}
