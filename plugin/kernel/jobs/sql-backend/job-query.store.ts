import {
    computeJobState,
    type JobParameters,
    type JobsOverview,
    type JobsQueryOptions,
    type JobsResult,
    type JobState,
    type JobWithState,
} from 'agenda';
import type { Row } from '../../db/sql-executor.js';
import { dataContains } from './job-data.match.js';
import { orderBy, queryFilter, STATE_SQL, whereClause } from './job-filter.sql.js';
import type { JobRowMapper } from './job-row.mapper.js';
import type { JobSqlContext } from './job-sql.context.js';

/** A LIMIT both engines read as "no limit", for an OFFSET without one. */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

const EMPTY_OVERVIEW = {
    total: 0,
    running: 0,
    scheduled: 0,
    queued: 0,
    completed: 0,
    failed: 0,
    repeating: 0,
    paused: 0,
};

/**
 * Reading jobs for dashboards, admin pages and Agenda's `isRunning()`:
 * filtered, sorted and paged queries with each job's computed state,
 * per-name overviews, names, one job, and the size of the due queue.
 * States are computed in SQL (mirroring Agenda's `computeJobState`) so that
 * counts and state filters do not load every row.
 */
export class JobQueryStore {
    constructor(
        private readonly ctx: JobSqlContext,
        private readonly mapper: JobRowMapper,
    ) {}

    /**
     * Agenda's `queryJobs`: every filter is ANDed; `total` counts the matches
     * before `skip`/`limit`. A `data` filter (containment, see `dataContains`)
     * is applied in JavaScript on the rows the other filters select.
     */
    async query(options: JobsQueryOptions = {}): Promise<JobsResult> {
        const now = this.ctx.now();
        const filter = queryFilter(options, now);
        if (filter.matchesNothing) return { jobs: [], total: 0 };
        const skip = Math.max(0, Math.floor(options.skip ?? 0));
        const limit = Math.max(0, Math.floor(options.limit ?? 0));
        const select = `SELECT * FROM ${this.ctx.jobs} ${whereClause(filter)} ${orderBy(options.sort)}`;
        const withState = (job: JobParameters): JobWithState =>
            ({ ...job, state: computeJobState(job, now) }) as JobWithState;

        if (filter.data !== undefined) {
            const wanted: unknown = JSON.parse(JSON.stringify(filter.data));
            const rows = await this.ctx.db.all(select, filter.params);
            const jobs = rows.map((r) => this.mapper.toJob(r)).filter((j) => dataContains(j.data, wanted));
            const page = limit > 0 ? jobs.slice(skip, skip + limit) : jobs.slice(skip);
            return { jobs: page.map(withState), total: jobs.length };
        }
        const [count] = await this.ctx.db.all<Row>(
            `SELECT COUNT(*) AS n FROM ${this.ctx.jobs} ${whereClause(filter)}`,
            filter.params,
        );
        const total = Number(count?.n ?? 0);
        if (total === 0 || skip >= total) return { jobs: [], total };
        const rows =
            limit > 0 || skip > 0
                ? await this.ctx.db.all(`${select} LIMIT ? OFFSET ?`, [
                      ...filter.params,
                      limit || NO_LIMIT,
                      skip,
                  ])
                : await this.ctx.db.all(select, filter.params);
        return { jobs: rows.map((r) => withState(this.mapper.toJob(r))), total };
    }

    /** Per job name: the total and the count in each state; disabled jobs count as paused as well. */
    async overview(): Promise<JobsOverview[]> {
        const rows = await this.ctx.db.all<Row>(
            `SELECT name, state, COUNT(*) AS n, SUM(disabled) AS paused FROM ` +
                `(SELECT name, disabled, ${STATE_SQL} AS state FROM ${this.ctx.jobs}) s ` +
                `GROUP BY name, state ORDER BY name`,
            [this.ctx.now()],
        );
        const byName = new Map<string, JobsOverview>();
        for (const row of rows) {
            const name = String(row.name);
            let entry = byName.get(name);
            if (!entry) byName.set(name, (entry = { name, ...EMPTY_OVERVIEW }));
            const n = Number(row.n);
            entry.total += n;
            entry[row.state as Exclude<JobState, 'paused'>] += n;
            entry.paused += Number(row.paused ?? 0);
        }
        return [...byName.values()];
    }

    /** Every job name, sorted. */
    async names(): Promise<string[]> {
        const rows = await this.ctx.db.all<Row>(`SELECT DISTINCT name FROM ${this.ctx.jobs} ORDER BY name`);
        return rows.map((r) => String(r.name));
    }

    /** One job, or null for an unknown (or malformed) id. */
    async byId(id: string): Promise<JobParameters | null> {
        if (typeof id !== 'string' || id.length === 0 || id.length > 36) return null;
        const [row] = await this.ctx.db.all(`SELECT * FROM ${this.ctx.jobs} WHERE id = ?`, [id]);
        return row ? this.mapper.toJob(row) : null;
    }

    /** How many jobs were due before now (locked and disabled ones included, as in Agenda's backends). */
    async queueSize(): Promise<number> {
        const [row] = await this.ctx.db.all<Row>(
            `SELECT COUNT(*) AS n FROM ${this.ctx.jobs} WHERE next_run_at < ?`,
            [this.ctx.now()],
        );
        return Number(row?.n ?? 0);
    }
}
