import type { JobId, JobParameters, JobRepositoryOptions } from 'agenda';
import { sqlDialect } from '../../db/sql-dialect.js';
import type { Row } from '../../db/sql-executor.js';
import { claimStatements, type ClaimStatements } from './job-claim.sql.js';
import type { JobRowMapper } from './job-row.mapper.js';
import type { JobSqlContext } from './job-sql.context.js';

/**
 * Locking and unlocking jobs: Agenda's atomic find-and-lock (with takeover of
 * locks whose worker died), the conditional lock of one job, and unlocks.
 * On MySQL/MariaDB a claim is a short READ COMMITTED transaction —
 * `SELECT id … FOR UPDATE SKIP LOCKED`, `UPDATE`, `SELECT *` — on a
 * connection of its own; on SQLite one `UPDATE … RETURNING` statement under the in-process lock.
 */
export class JobClaimStore {
    private readonly sql: ClaimStatements;

    constructor(
        private readonly ctx: JobSqlContext,
        private readonly mapper: JobRowMapper,
    ) {
        this.sql = claimStatements(ctx.jobs);
    }

    /**
     * Finds one job of `name` that is due by `nextScanAt` and unlocked, or whose
     * lock is older than `lockDeadline`, locks it and returns it as locked.
     * Stale locks are taken over first: their job has waited a lock lifetime.
     */
    async next(
        name: string,
        nextScanAt: Date,
        lockDeadline: Date,
        now: Date | undefined,
        options: JobRepositoryOptions | undefined,
    ): Promise<JobParameters | undefined> {
        const lockedAt = now ?? this.ctx.now();
        const by = this.ctx.modifiedBy(options);
        if (this.ctx.dialect === 'sqlite') {
            const rows = await this.ctx.retrying(() =>
                this.ctx.db.all(this.sql.sqlite, [lockedAt, by, name, lockDeadline, name, nextScanAt]),
            );
            return rows[0] ? this.mapper.toJob(rows[0]) : undefined;
        }
        const row = await this.ctx.readCommitted(async (tx) => {
            const stale = await tx.all<Row>(this.sql.stale, [name, lockDeadline]);
            const [candidate] =
                stale.length > 0 ? stale : await tx.all<Row>(this.sql.ready, [name, nextScanAt]);
            if (!candidate) return undefined;
            await tx.run(this.sql.lock, [lockedAt, by, candidate.id]);
            const [locked] = await tx.all<Row>(this.sql.row, [candidate.id]);
            return locked;
        });
        return row ? this.mapper.toJob(row) : undefined;
    }

    /**
     * Locks `job` if it is still unlocked, enabled and due at exactly the
     * `nextRunAt` the caller saw (millisecond equality); undefined otherwise.
     */
    async lock(
        job: JobParameters,
        options: JobRepositoryOptions | undefined,
    ): Promise<JobParameters | undefined> {
        if (!job._id || !job.nextRunAt) return undefined;
        const sql =
            `UPDATE ${this.ctx.jobs} SET locked_at = ?, last_modified_by = ? ` +
            `WHERE id = ? AND name = ? AND locked_at IS NULL AND next_run_at = ? AND disabled = 0`;
        const params = [
            this.ctx.now(),
            this.ctx.modifiedBy(options),
            String(job._id),
            job.name,
            job.nextRunAt,
        ];
        if (this.ctx.dialect === 'sqlite') {
            const [row] = await this.ctx.db.all(`${sql} RETURNING *`, params);
            return row ? this.mapper.toJob(row) : undefined;
        }
        const { affected } = await this.ctx.db.run(sql, params);
        if (affected !== 1) return undefined;
        const [row] = await this.ctx.db.all(`SELECT * FROM ${this.ctx.jobs} WHERE id = ?`, [String(job._id)]);
        return row ? this.mapper.toJob(row) : undefined;
    }

    /** Unlocks a job the processor will not run now; a running one-off job (no next run) keeps its lock. */
    async unlock(job: JobParameters): Promise<void> {
        if (!job._id) return;
        await this.ctx.db.run(
            `UPDATE ${this.ctx.jobs} SET locked_at = NULL WHERE id = ? AND next_run_at IS NOT NULL`,
            [String(job._id)],
        );
    }

    /** Unlocks the given jobs unconditionally (Agenda's `stop()`). */
    async unlockMany(ids: ReadonlyArray<JobId | string>): Promise<void> {
        for (const chunk of sqlDialect.chunks(ids.map(String), 500)) {
            await this.ctx.db.run(
                `UPDATE ${this.ctx.jobs} SET locked_at = NULL WHERE id IN (${sqlDialect.inList(chunk.length)})`,
                chunk,
            );
        }
    }
}
