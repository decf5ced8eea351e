import { randomUUID } from 'node:crypto';
import type { JobParameters, JobRepositoryOptions } from 'agenda';
import { isDuplicateKeyError } from '../../db/db-errors.js';
import { sqlDialect } from '../../db/sql-dialect.js';
import type { SqlExecutor } from '../../db/sql-executor.js';
import { JobBackendError } from './job-backend.errors.js';
import { DebounceRule } from './job-debounce.rule.js';
import {
    JOB_COLUMNS,
    JOB_STATE_COLUMNS,
    type JobColumn,
    type JobRowMapper,
    type JobValues,
} from './job-row.mapper.js';
import type { JobSqlContext } from './job-sql.context.js';
import { uniqueKeyFor } from './job-unique.key.js';

/** Columns a re-save of an existing job (or an upsert) sets; lock, run and failure fields are left alone. */
const DEFINITION_COLUMNS: JobColumn[] = [
    'priority',
    'next_run_at',
    'type',
    'repeat_interval',
    'repeat_timezone',
    'repeat_at',
    'data',
    'disabled',
    'fork',
    'start_date',
    'end_date',
    'skip_days',
    'last_modified_by',
];

/**
 * Writing jobs: `saveJob` with Agenda's rules for re-saves, `single` jobs
 * (`every()`: one row per name), `unique` jobs (one row per name and unique
 * query, with insert-only and debounce), and plain inserts; and
 * `saveJobState`. The one-row guarantees come from UNIQUE indexes on
 * `single_key` and `unique_key`, so concurrent saves from any number of
 * processes upsert into one row instead of racing a read.
 */
export class JobSaveStore {
    private readonly debounce = new DebounceRule();

    constructor(
        private readonly ctx: JobSqlContext,
        private readonly mapper: JobRowMapper,
    ) {}

    /** Agenda's `saveJob`: see the class comment; returns the stored job. */
    async save<DATA>(
        job: JobParameters<DATA>,
        options: JobRepositoryOptions | undefined,
    ): Promise<JobParameters<DATA>> {
        const by = this.ctx.modifiedBy(options);
        if (job._id) return this.resave(job, by);
        if (job.type === 'single') {
            const values = this.values(job, by, job.name, null);
            // every() on start-up must not push back a run that is already due.
            const keepDue = !!job.nextRunAt && job.nextRunAt.getTime() <= this.ctx.now().getTime();
            return this.upsert<DATA>(values, 'single_key', keepDue ? 'keep-due' : 'replace');
        }
        if (job.unique) {
            const key = uniqueKeyFor(job.name, job.unique);
            if (job.uniqueOpts?.debounce) return this.saveDebounced(job, key, by);
            const values = this.values(job, by, null, key);
            return this.upsert<DATA>(values, 'unique_key', job.uniqueOpts?.insertOnly ? 'keep' : 'replace');
        }
        const values = this.values(job, by, null, null);
        await this.ctx.db.run(
            this.insertSql(),
            JOB_COLUMNS.map((c) => values[c]),
        );
        return this.mapper.fromValues<DATA>(values);
    }

    /**
     * Agenda's `saveJobState`: writes exactly the processor's fields, an
     * undefined one as NULL (that is how a job is unlocked), each in its
     * column's form (a failReason object as text). Throws `job-not-found`
     * when no row has this id and name.
     */
    async saveState(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<void> {
        if (!job._id)
            throw new JobBackendError('job-not-found', 'cannot save the state of a job without an id');
        const id = String(job._id);
        const state = this.mapper.stateValues(job, this.ctx.modifiedBy(options));
        const values = JOB_STATE_COLUMNS.map((c) => state[c]);
        const set = JOB_STATE_COLUMNS.map((c) => `${c} = ?`).join(', ');
        const { affected } = await this.ctx.db.run(
            `UPDATE ${this.ctx.jobs} SET ${set} WHERE id = ? AND name = ?`,
            [...values, id, job.name],
        );
        if (affected > 0) return;
        // mysql2 may report changed rather than matched rows: tell "unchanged" from "gone".
        const found = await this.ctx.db.all(`SELECT id FROM ${this.ctx.jobs} WHERE id = ? AND name = ?`, [
            id,
            job.name,
        ]);
        if (found.length === 0)
            throw new JobBackendError(
                'job-not-found',
                `job ${id} (${job.name}) cannot be updated: it is no longer in the database`,
                { id, name: job.name },
            );
    }

    private values(
        job: JobParameters,
        by: string,
        singleKey: string | null,
        uniqueKey: string | null,
    ): JobValues {
        return this.mapper.toValues(job, { id: randomUUID(), lastModifiedBy: by, singleKey, uniqueKey });
    }

    private insertSql(): string {
        return `INSERT INTO ${this.ctx.jobs} (${JOB_COLUMNS.join(', ')}) VALUES (${sqlDialect.inList(JOB_COLUMNS.length)})`;
    }

    /** A re-save of a loaded job: its definition fields only; the input back unchanged if the row is gone. */
    private async resave<DATA>(job: JobParameters<DATA>, by: string): Promise<JobParameters<DATA>> {
        const id = String(job._id);
        const row = this.mapper.toValues(job, { id, lastModifiedBy: by, singleKey: null, uniqueKey: null });
        const set = DEFINITION_COLUMNS.map((c) => `${c} = ?`).join(', ');
        const params = [...DEFINITION_COLUMNS.map((c) => row[c]), id, job.name];
        const sql = `UPDATE ${this.ctx.jobs} SET ${set} WHERE id = ? AND name = ?`;
        const [saved] =
            this.ctx.dialect === 'sqlite'
                ? await this.ctx.db.all(`${sql} RETURNING *`, params)
                : await this.ctx.db.transaction(async (tx) => {
                      await tx.run(sql, params);
                      return tx.all(`SELECT * FROM ${this.ctx.jobs} WHERE id = ? AND name = ?`, [
                          id,
                          job.name,
                      ]);
                  });
        return saved ? this.mapper.toJob<DATA>(saved) : job;
    }

    /**
     * Inserts the row, or on a clash of `key` updates the existing one:
     * `replace` its definition (and clear a debounce window), keep its due
     * `next_run_at` (`keep-due`, for every()), or `keep` it untouched (insert-only).
     */
    private async upsert<DATA>(
        values: JobValues,
        key: 'single_key' | 'unique_key',
        mode: 'replace' | 'keep-due' | 'keep',
    ): Promise<JobParameters<DATA>> {
        const dialect = this.ctx.dialect;
        const inserted = (c: string) => sqlDialect.inserted(dialect, c);
        const assignments: Record<string, string> = {};
        if (mode === 'keep') assignments[key] = inserted(key);
        else {
            for (const c of DEFINITION_COLUMNS) assignments[c] = inserted(c);
            if (key === 'single_key') delete assignments.type;
            if (mode === 'keep-due')
                assignments.next_run_at = `COALESCE(next_run_at, ${inserted('next_run_at')})`;
            if (key === 'unique_key') assignments.debounce_started_at = 'NULL';
        }
        const sql = this.insertSql() + sqlDialect.onConflictUpdate(dialect, [key], assignments);
        const params = JOB_COLUMNS.map((c) => values[c]);
        if (dialect === 'sqlite') {
            // One statement: no write transaction held across awaits.
            const [row] = await this.ctx.db.all(`${sql} RETURNING *`, params);
            return this.mapper.toJob<DATA>(row);
        }
        // A unit of work, so a deadlock between concurrent upserts is retried.
        const [row] = await this.ctx.db.transaction(async (tx) => {
            await tx.run(sql, params);
            return tx.all(`SELECT * FROM ${this.ctx.jobs} WHERE ${key} = ?`, [values[key]]);
        });
        return this.mapper.toJob<DATA>(row);
    }

    /** A debounced unique save: read the row under a write lock, apply the debounce rule, write. */
    private async saveDebounced<DATA>(
        job: JobParameters<DATA>,
        key: string,
        by: string,
    ): Promise<JobParameters<DATA>> {
        const debounce = job.uniqueOpts!.debounce!;
        for (let attempt = 0; ; attempt++) {
            try {
                return await this.ctx.db.transaction((tx) =>
                    this.debounceOnce<DATA>(tx, job, key, by, debounce),
                );
            } catch (error) {
                // Two first saves raced past the read: the loser re-reads the winner's row.
                if (attempt >= 3 || !isDuplicateKeyError(error)) throw error;
            }
        }
    }

    private async debounceOnce<DATA>(
        tx: SqlExecutor,
        job: JobParameters<DATA>,
        key: string,
        by: string,
        debounce: NonNullable<NonNullable<JobParameters['uniqueOpts']>['debounce']>,
    ): Promise<JobParameters<DATA>> {
        const now = this.ctx.now();
        const [existingRow] = await tx.all(
            `SELECT * FROM ${this.ctx.jobs} WHERE unique_key = ?${sqlDialect.forUpdate(this.ctx.dialect)}`,
            [key],
        );
        const existing = existingRow ? this.mapper.toJob(existingRow) : undefined;
        const plan = this.debounce.plan(debounce, now, job.nextRunAt, existing);
        if (!existing) {
            const values = this.values({ ...job, ...plan }, by, null, key);
            await tx.run(
                this.insertSql(),
                JOB_COLUMNS.map((c) => values[c]),
            );
            return this.mapper.fromValues<DATA>(values);
        }
        const values = this.mapper.toValues(
            { ...job, ...plan },
            {
                id: String(existing._id),
                lastModifiedBy: by,
                singleKey: null,
                uniqueKey: key,
            },
        );
        const columns: JobColumn[] = [...DEFINITION_COLUMNS, 'debounce_started_at'];
        await tx.run(
            `UPDATE ${this.ctx.jobs} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
            [...columns.map((c) => values[c]), values.id],
        );
        const [row] = await tx.all(`SELECT * FROM ${this.ctx.jobs} WHERE id = ?`, [values.id]);
        return this.mapper.toJob<DATA>(row);
    }
}
