import type { JobsQueryOptions, JobsSort, JobState, RemoveJobsOptions, SortDirection } from 'agenda';
import { sqlDialect } from '../../db/sql-dialect.js';
import { likeContains } from '../../db/like-pattern.js';

/** A WHERE clause with its parameters, and the part of the filter SQL cannot do. */
export interface JobFilter {
    /** Conditions joined with AND (empty: every row). */
    conditions: string[];
    params: unknown[];
    /** A `data` containment filter, applied in JavaScript after the SQL one. */
    data?: unknown;
    /** The filter can match no row at all (e.g. `ids: []`). */
    matchesNothing: boolean;
}

/** `WHERE …` for a filter, or '' when it has no condition. */
export function whereClause(filter: JobFilter): string {
    return filter.conditions.length > 0 ? `WHERE ${filter.conditions.join(' AND ')}` : '';
}

/**
 * The state Agenda's `computeJobState` gives a job, as one SQL expression
 * over the row (one `?`: now), so counts and state filters run in the
 * database. Keep it in step with `computeJobState` in agenda's JobQuery.
 */
export const STATE_SQL = `CASE
    WHEN locked_at IS NOT NULL THEN 'running'
    WHEN failed_at IS NOT NULL AND (last_finished_at IS NULL OR failed_at >= last_finished_at) THEN 'failed'
    WHEN repeat_interval IS NOT NULL THEN 'repeating'
    WHEN next_run_at > ? THEN 'scheduled'
    WHEN next_run_at IS NOT NULL THEN 'queued'
    ELSE 'completed' END`;

function idList(filter: JobFilter, ids: readonly unknown[]): void {
    if (ids.length === 0) {
        filter.matchesNothing = true;
        return;
    }
    filter.conditions.push(`id IN (${sqlDialect.inList(ids.length)})`);
    filter.params.push(...ids.map(String));
}

function nameList(filter: JobFilter, names: readonly string[], negate: boolean): void {
    if (names.length === 0) {
        // "none of no names" restricts nothing; "one of no names" matches nothing.
        if (!negate) filter.matchesNothing = true;
        return;
    }
    filter.conditions.push(`name ${negate ? 'NOT IN' : 'IN'} (${sqlDialect.inList(names.length)})`);
    filter.params.push(...names);
}

/**
 * The filter of `removeJobs`, `disableJobs` and `enableJobs`: every given
 * criterion must hold (AND). Returns null when no criterion is given, so
 * callers change nothing ("no criteria → 0").
 */
export function removeFilter(options: RemoveJobsOptions): JobFilter | null {
    const filter: JobFilter = { conditions: [], params: [], matchesNothing: false };
    let criteria = 0;
    if (options.id !== undefined && options.id !== null) {
        criteria++;
        idList(filter, [options.id]);
    }
    if (options.ids) {
        criteria++;
        idList(filter, options.ids);
    }
    if (options.name !== undefined) {
        criteria++;
        filter.conditions.push('name = ?');
        filter.params.push(options.name);
    }
    if (options.names) {
        criteria++;
        nameList(filter, options.names, false);
    }
    if (options.notNames && options.notNames.length > 0) {
        criteria++;
        nameList(filter, options.notNames, true);
    }
    if (options.data !== undefined) {
        criteria++;
        filter.data = options.data;
    }
    return criteria === 0 ? null : filter;
}

/**
 * The SQL part of `queryJobs`' filter; `now` decides between scheduled and
 * queued in the `state` filter.
 */
export function queryFilter(options: JobsQueryOptions, now: Date): JobFilter {
    const filter: JobFilter = { conditions: [], params: [], matchesNothing: false };
    if (options.name) {
        filter.conditions.push('name = ?');
        filter.params.push(options.name);
    } else if (options.names && options.names.length > 0) {
        nameList(filter, options.names, false);
    }
    // As in Agenda's PostgreSQL backend, an empty list of names or ids does not filter a query.
    if (options.id) idList(filter, [options.id]);
    else if (options.ids && options.ids.length > 0) idList(filter, options.ids);
    if (options.search) {
        filter.conditions.push(`LOWER(name) LIKE ? ESCAPE '!'`);
        filter.params.push(likeContains(options.search));
    }
    if (options.includeDisabled === false) filter.conditions.push('disabled = 0');
    if (options.state) {
        if (options.state === 'paused') filter.conditions.push('disabled = 1');
        else {
            filter.conditions.push(`(${STATE_SQL}) = ?`);
            filter.params.push(now, options.state satisfies JobState);
        }
    }
    if (options.data !== undefined) filter.data = options.data;
    return filter;
}

const SORT_COLUMNS: Record<keyof JobsSort, string | null> = {
    nextRunAt: 'next_run_at',
    lastRunAt: 'last_run_at',
    lastFinishedAt: 'last_finished_at',
    priority: 'priority',
    name: 'name',
    data: null,
};

function direction(value: SortDirection): 'ASC' | 'DESC' {
    return value === 'desc' ? 'DESC' : 'ASC';
}

/**
 * ORDER BY for `queryJobs`: whitelisted columns only, NULLs last in both
 * directions, the id last so pages are stable. Default: next run, then last
 * run, newest first.
 */
export function orderBy(sort: JobsSort | undefined): string {
    const parts: string[] = [];
    const entries = Object.entries(sort ?? {}) as Array<[keyof JobsSort, SortDirection | undefined]>;
    for (const [key, dir] of entries) {
        const column = SORT_COLUMNS[key];
        if (!column || dir === undefined) continue;
        parts.push(`${column} IS NULL`, `${column} ${direction(dir)}`);
    }
    if (parts.length === 0)
        parts.push('next_run_at IS NULL', 'next_run_at DESC', 'last_run_at IS NULL', 'last_run_at DESC');
    parts.push('id ASC');
    return `ORDER BY ${parts.join(', ')}`;
}
