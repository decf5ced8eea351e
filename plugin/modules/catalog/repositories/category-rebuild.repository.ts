import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import {
    CategoryRebuildEntity,
    type CategoryRebuild,
    type RebuildPhase,
    type RebuildState,
} from '../entities/category-rebuild.entity.js';

/** Progress fields a batch advances (added to the stored counts). */
export interface RebuildAdvance {
    cursorId: number;
    linesDone?: number;
    linesChanged?: number;
    customersDone?: number;
    rowsWritten?: number;
    followUps?: string | null;
}

/** A step from one phase to the next, or to the end. */
export interface RebuildTransition {
    phase: RebuildPhase;
    state: RebuildState;
    linesTotal?: number;
    customersTotal?: number;
    followUps?: string | null;
    startedAt?: Date;
    finishedAt?: Date | null;
    error?: string | null;
}

/** Where a run expects the row to be: a later generation or another worker's batch makes its write fail. */
export interface RebuildPosition {
    categoryId: number;
    generation: number;
    phase: RebuildPhase;
    cursorId: number;
}

/** What a transition writes when given. */
const TRANSITION_FIELDS = [
    'linesTotal',
    'customersTotal',
    'followUps',
    'startedAt',
    'finishedAt',
    'error',
] as const satisfies ReadonlyArray<keyof RebuildTransition>;

/**
 * Reads and writes `refill_category_rebuilds`. Every write of a running
 * rebuild is a compare-and-set on its position (generation, phase, cursor),
 * so a superseded run or a second worker on the same batch writes nothing.
 */
export class CategoryRebuildRepository {
    private readonly rebuilds: EntityRowMapper<CategoryRebuild>;

    constructor(db: Database) {
        this.rebuilds = db.rows(CategoryRebuildEntity);
    }

    /** The rebuild row of a category, if it was ever rebuilt. */
    async find(exec: SqlExecutor | Database, categoryId: number): Promise<CategoryRebuild | null> {
        const [row] = await exec.all(
            `SELECT ${this.rebuilds.columns} FROM refill_category_rebuilds WHERE category_id = ?`,
            [categoryId],
        );
        return row ? this.rebuilds.fromRow(row) : null;
    }

    /** Every rebuild row (one per category at most). */
    async list(exec: SqlExecutor | Database): Promise<CategoryRebuild[]> {
        const rows = await exec.all(
            `SELECT ${this.rebuilds.columns} FROM refill_category_rebuilds ORDER BY category_id`,
        );
        return rows.map((r) => this.rebuilds.fromRow(r));
    }

    /**
     * Requests a rebuild from the start of `phase`: a new generation, queued,
     * counts reset. A rebuild still queued or running in its remap phase
     * keeps that phase (a statistics-only request is part of it).
     */
    async request(tx: SqlExecutor, categoryId: number, phase: RebuildPhase, now: Date): Promise<void> {
        const t = toDbTime(now);
        // Hand-written upsert: a new generation, its counts reset.
        // MySQL applies the assignments in order, so `phase` reads the old state before `state` changes.
        await tx.run(
            `INSERT INTO refill_category_rebuilds (category_id, generation, state, phase, requested_at, updated_at) VALUES (?, 1, 'queued', ?, ?, ?)` +
                sqlDialect.onConflictUpdate(tx.dialect, ['category_id'], {
                    phase: `CASE WHEN refill_category_rebuilds.state IN ('queued', 'running') AND refill_category_rebuilds.phase = 'remap' THEN 'remap' ELSE ${sqlDialect.inserted(tx.dialect, 'phase')} END`,
                    generation: 'refill_category_rebuilds.generation + 1',
                    state: `'queued'`,
                    cursor_id: '0',
                    lines_total: '0',
                    lines_done: '0',
                    lines_changed: '0',
                    customers_total: '0',
                    customers_done: '0',
                    rows_written: '0',
                    follow_ups: 'NULL',
                    error: 'NULL',
                    requested_at: sqlDialect.inserted(tx.dialect, 'requested_at'),
                    started_at: 'NULL',
                    finished_at: 'NULL',
                    updated_at: sqlDialect.inserted(tx.dialect, 'updated_at'),
                }),
            [categoryId, phase, t, t],
        );
    }

    /**
     * Takes over an unfinished or failed rebuild where its checkpoint is: a
     * new generation (so a run still going, or its failed job, stops at its
     * next batch), queued, the phase, cursor and counts kept. False when there
     * is none to take over.
     */
    async resume(tx: SqlExecutor, categoryId: number, now: Date): Promise<boolean> {
        const done = await tx.run(
            `UPDATE refill_category_rebuilds SET generation = generation + 1, state = 'queued', error = NULL, updated_at = ? WHERE category_id = ? AND state IN ('queued', 'running', 'failed')`,
            [toDbTime(now), categoryId],
        );
        return done.affected === 1;
    }

    /** Records a batch: moves the cursor and adds to the counts, if the row is still where `at` says. */
    async advance(tx: SqlExecutor, at: RebuildPosition, by: RebuildAdvance, now: Date): Promise<boolean> {
        const sets = [
            'cursor_id = ?',
            'lines_done = lines_done + ?',
            'lines_changed = lines_changed + ?',
            'customers_done = customers_done + ?',
            'rows_written = rows_written + ?',
            `state = 'running'`,
            'updated_at = ?',
        ];
        const params: unknown[] = [
            by.cursorId,
            by.linesDone ?? 0,
            by.linesChanged ?? 0,
            by.customersDone ?? 0,
            by.rowsWritten ?? 0,
            toDbTime(now),
        ];
        const followUps = this.rebuilds.assignments(by, ['followUps']);
        return this.compareAndSet(tx, at, [...sets, ...followUps.sets], [...params, ...followUps.params]);
    }

    /** Moves to another phase (cursor back to 0) or ends the rebuild, if the row is still where `at` says. */
    async transition(
        exec: SqlExecutor | Database,
        at: RebuildPosition,
        to: RebuildTransition,
        now: Date,
    ): Promise<boolean> {
        const sets = ['phase = ?', 'state = ?', 'cursor_id = 0', 'updated_at = ?'];
        const params: unknown[] = [to.phase, to.state, toDbTime(now)];
        const optional = this.rebuilds.assignments(to, TRANSITION_FIELDS);
        // A transition keeps the cursor it was given only to find the row; the new phase starts at 0.
        return this.compareAndSet(exec, at, [...sets, ...optional.sets], [...params, ...optional.params]);
    }

    /** Marks a run as running (first batch of a generation or a resumed one), if it is still that generation. */
    async markRunning(
        exec: SqlExecutor | Database,
        categoryId: number,
        generation: number,
        now: Date,
    ): Promise<void> {
        const t = toDbTime(now);
        await exec.run(
            `UPDATE refill_category_rebuilds SET state = 'running', started_at = COALESCE(started_at, ?), updated_at = ? WHERE category_id = ? AND generation = ? AND state IN ('queued', 'running')`,
            [t, t, categoryId, generation],
        );
    }

    /** Records the error that stopped a run (its checkpoint stays, so it can resume). */
    async fail(
        exec: SqlExecutor | Database,
        categoryId: number,
        generation: number,
        error: string,
        now: Date,
    ): Promise<void> {
        await exec.run(
            `UPDATE refill_category_rebuilds SET state = 'failed', error = ?, updated_at = ? WHERE category_id = ? AND generation = ? AND state IN ('queued', 'running')`,
            [error.slice(0, 1000), toDbTime(now), categoryId, generation],
        );
    }

    private async compareAndSet(
        exec: SqlExecutor | Database,
        at: RebuildPosition,
        sets: string[],
        params: unknown[],
    ): Promise<boolean> {
        // Hand-written: a compare-and-set on the run's position.
        const done = await exec.run(
            `UPDATE refill_category_rebuilds SET ${sets.join(', ')} WHERE category_id = ? AND generation = ? AND phase = ? AND cursor_id = ? AND state IN ('queued', 'running')`,
            [...params, at.categoryId, at.generation, at.phase, at.cursorId],
        );
        return done.affected === 1;
    }
}
