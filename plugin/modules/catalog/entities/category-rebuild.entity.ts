import { EntitySchema } from 'typeorm';
import { bigInt, int, str, text, time } from '../../../kernel/db/entity-columns.js';

/** Where a rebuild is: waiting for a worker, running, finished or stopped by an error. */
export type RebuildState = 'queued' | 'running' | 'done' | 'failed';

/** What a rebuild is doing: re-mapping stored lines, then rewriting the statistics rows, then nothing. */
export type RebuildPhase = 'remap' | 'stats' | 'done';

/**
 * The rebuild of one category from the stored history: its lines re-mapped
 * by the current ATC/SKU rules and its per-customer statistics rewritten.
 * One row per category, reset by every new request (a new generation); the
 * checkpoint of each batch makes a crashed rebuild resume where it stopped.
 */
export interface CategoryRebuild {
    categoryId: number;
    /** Incremented by each request; a run of an older generation stops at its next batch. */
    generation: number;
    state: RebuildState;
    phase: RebuildPhase;
    /** The last line id (remap) or customer id (stats) done in the current phase. */
    cursorId: number;
    /** Lines to look at (counted when the remap began) and looked at so far. */
    linesTotal: number;
    linesDone: number;
    /** Lines whose category changed. */
    linesChanged: number;
    /** Customers to look at (counted when the statistics phase began) and looked at so far. */
    customersTotal: number;
    customersDone: number;
    /** Statistics rows written or deleted. */
    rowsWritten: number;
    /** Comma-separated ids of categories that lost or gained lines here: their statistics are rebuilt next. */
    followUps: string | null;
    /** Why the last run failed. */
    error: string | null;
    requestedAt: Date;
    startedAt: Date | null;
    finishedAt: Date | null;
    updatedAt: Date;
}

/** TypeORM schema of {@link CategoryRebuild}. */
export const CategoryRebuildEntity = new EntitySchema<CategoryRebuild>({
    name: 'RefillCategoryRebuild',
    tableName: 'refill_category_rebuilds',
    columns: {
        categoryId: { ...int('category_id'), primary: true },
        generation: int('generation', false, 1),
        state: str('state', 12),
        phase: str('phase', 12),
        cursorId: { ...bigInt('cursor_id'), default: 0 },
        linesTotal: { ...bigInt('lines_total'), default: 0 },
        linesDone: { ...bigInt('lines_done'), default: 0 },
        linesChanged: { ...bigInt('lines_changed'), default: 0 },
        customersTotal: { ...bigInt('customers_total'), default: 0 },
        customersDone: { ...bigInt('customers_done'), default: 0 },
        rowsWritten: { ...bigInt('rows_written'), default: 0 },
        followUps: text('follow_ups'),
        error: str('error', 1000, true),
        requestedAt: time('requested_at'),
        startedAt: time('started_at', true),
        finishedAt: time('finished_at', true),
        updatedAt: time('updated_at'),
    },
});
