import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { MS_PER_DAY } from '../../../kernel/units/time.js';
import {
    type DailyFiguresRepository,
    FIGURE_SOURCES,
    type FigureCell,
    type FigureSource,
    type MemberCell,
} from '../repositories/daily-figures.repository.js';
import { offsetSegments } from '../rules/figure-days.rules.js';

/** What one run of the figures did. */
export interface FiguresResult {
    /** Transactions committed (one per source and id batch). */
    batches: number;
    /** Source rows counted. */
    rows: number;
    /** (day, store) cells added to. */
    cells: number;
    /** Home stores in the members snapshot (0 when it was not taken). */
    snapshotStores: number;
}

/** Options of one run. */
export interface FiguresOptions {
    /** Source ids per transaction. Default 25 000 (short statements: see {@link DailyFiguresService}). */
    batchIds?: number;
    /**
     * Rows written less than this long ago wait for the next run, ms (default
     * 60 000): on MySQL an id is taken at insert and seen at commit, so a
     * younger row's neighbour with a lower id may not be visible yet.
     */
    settleMs?: number;
    /** Take the members snapshot too (default true). */
    snapshot?: boolean;
    /** Customer ids per snapshot statement. Default 50 000 on SQLite, all at once on MariaDB. */
    snapshotIds?: number;
    /** Called after every committed batch. */
    onBatch?: (result: FiguresResult) => void;
}

/** Days of lot expiry per statement of the members snapshot on SQLite (30 in three). */
const BURN_WINDOW_DAYS = 10;

/**
 * Keeps the dashboard's pre-aggregated figures: counts the rows written to
 * sales, returns, the ledger (expiry, manual adjustments) and customers since
 * each source's watermark into per-day (chain timezone) per-store cells, and
 * takes the members snapshot. The sources are append-only, so the figures of
 * a day touched since the watermark are its old figures plus the new rows'.
 * Each batch adds its cells and moves its watermark in one transaction:
 * a crash rolls back one batch, a rerun counts nothing twice, and the next
 * run resumes from the last committed batch.
 */
export class DailyFiguresService {
    constructor(
        private readonly db: Database,
        private readonly figures: DailyFiguresRepository,
        private readonly timezone: string,
        private readonly clock: Clock,
    ) {}

    /** Counts every source up to its settled rows, then takes the members snapshot. */
    async refresh(options: FiguresOptions = {}): Promise<FiguresResult> {
        const now = this.clock();
        const result: FiguresResult = { batches: 0, rows: 0, cells: 0, snapshotStores: 0 };
        const settled = new Date(now.getTime() - (options.settleMs ?? 60_000));
        for (const source of FIGURE_SOURCES) await this.count(source, settled, options, result);
        if (options.snapshot ?? true) result.snapshotStores = await this.snapshot(now, options);
        return result;
    }

    /**
     * Takes the members snapshot per home store. On SQLite in short
     * statements (customers in ranges of ids, burns ten days of expiry at a
     * time): each one holds the process's only connection, and better-sqlite3
     * the event loop, while it runs. On MariaDB in one statement each, on a
     * pooled connection: chunks only added round trips (bench:dashboard).
     */
    private async snapshot(now: Date, options: FiguresOptions): Promise<number> {
        // MariaDB runs each statement on its own pooled connection: one statement each is cheapest.
        const mysql = this.db.dialect === 'mysql';
        const chunk = options.snapshotIds ?? (mysql ? Number.MAX_SAFE_INTEGER : 50_000);
        const window = mysql ? 30 : BURN_WINDOW_DAYS;
        const cells = new Map<number, MemberCell>();
        const cell = (storeId: number) => {
            let c = cells.get(storeId);
            if (!c) {
                c = { storeId, members: 0, active30d: 0, balance: 0, pending: 0, burns30d: 0 };
                cells.set(storeId, c);
            }
            return c;
        };
        const activeSince = new Date(now.getTime() - 30 * MS_PER_DAY);
        const last = await this.figures.lastCustomerId();
        for (let lo = 0; lo < last; lo += chunk)
            for (const part of await this.figures.memberSums(lo, Math.min(last, lo + chunk), activeSince)) {
                const c = cell(part.storeId);
                c.members += part.members;
                c.active30d += part.active30d;
                c.balance += part.balance;
                c.pending += part.pending;
            }
        for (let day = 0; day < 30; day += window)
            for (const part of await this.figures.burnSums(
                new Date(now.getTime() + day * MS_PER_DAY),
                new Date(now.getTime() + (day + window) * MS_PER_DAY),
            ))
                cell(part.storeId).burns30d += part.burns;
        await this.figures.replaceMembers([...cells.values()], now);
        return cells.size;
    }

    /**
     * Forgets every figure and watermark in one transaction, then counts
     * everything again: after the chain's timezone changed (days are
     * bucketed in the zone at counting time), or to check the figures.
     */
    async rebuild(options: FiguresOptions = {}): Promise<FiguresResult> {
        await this.db.transaction(async (tx) => this.figures.reset(tx));
        return this.refresh(options);
    }

    private async count(
        source: FigureSource,
        settled: Date,
        options: FiguresOptions,
        result: FiguresResult,
    ): Promise<void> {
        const batchIds = options.batchIds ?? 25_000;
        let lo = await this.figures.watermark(this.db, source.name);
        const hi = await this.figures.settledMax(source, lo, settled);
        while (hi !== null && lo < hi) {
            const top = Math.min(hi, lo + batchIds);
            const cells = new Map<string, FigureCell>();
            let rows = 0;
            const bounds = await this.figures.timeBounds(source, lo, top);
            if (bounds)
                for (const segment of offsetSegments(
                    bounds.from,
                    new Date(bounds.to.getTime() + 1),
                    this.timezone,
                ))
                    for (const cell of await this.figures.count(source, lo, top, segment)) {
                        rows += cell.rows;
                        merge(cells, cell);
                    }
            const from = lo;
            await this.db.transaction(async (tx) => {
                // Another worker may have counted this batch meanwhile: count nothing twice.
                if ((await this.figures.watermark(tx, source.name, true)) !== from) return;
                await this.figures.add(tx, source.name, [...cells.values()], top, this.clock());
                result.batches++;
                result.rows += rows;
                result.cells += cells.size;
            });
            lo = top;
            options.onBatch?.(result);
        }
    }
}

/** Adds a cell into the batch's cells (two offset segments may share a day). */
function merge(cells: Map<string, FigureCell>, cell: FigureCell): void {
    const key = `${cell.day}|${cell.storeId}`;
    const known = cells.get(key);
    if (!known) {
        cells.set(key, { ...cell, sums: { ...cell.sums } });
        return;
    }
    known.rows += cell.rows;
    for (const [column, value] of Object.entries(cell.sums) as Array<[keyof FigureCell['sums'], number]>)
        known.sums[column] = (known.sums[column] ?? 0) + value;
}
