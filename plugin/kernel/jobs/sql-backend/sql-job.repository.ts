import type {
    JobId,
    JobParameters,
    JobRepository,
    JobRepositoryOptions,
    JobsOverview,
    JobsQueryOptions,
    JobsResult,
    RemoveJobsOptions,
} from 'agenda';
import type { Row } from '../../db/sql-executor.js';
import { RefillConfigError } from '../../errors/refill-error.js';
import { JobBulkStore } from './job-bulk.store.js';
import { JobClaimStore } from './job-claim.store.js';
import { JobQueryStore } from './job-query.store.js';
import { JobRowMapper } from './job-row.mapper.js';
import { JobSaveStore } from './job-save.store.js';
import type { JobSqlContext } from './job-sql.context.js';
import { assertClaimCapableServer } from './server-version.check.js';

/**
 * Agenda 6.2.6's JobRepository over Refill's own tables, on MySQL 8,
 * MariaDB ≥ 10.6 and SQLite. It delegates to one store per concern: claims
 * and locks, saves, queries, bulk changes. See docs/jobs-backend.md.
 */
export class SqlJobRepository implements JobRepository {
    private readonly claims: JobClaimStore;
    private readonly saves: JobSaveStore;
    private readonly queries: JobQueryStore;
    private readonly bulk: JobBulkStore;
    private verified: Promise<void> | undefined;

    constructor(
        private readonly ctx: JobSqlContext,
        private readonly verifyAtConnect = true,
    ) {
        const mapper = new JobRowMapper(ctx.db);
        this.claims = new JobClaimStore(ctx, mapper);
        this.saves = new JobSaveStore(ctx, mapper);
        this.queries = new JobQueryStore(ctx, mapper);
        this.bulk = new JobBulkStore(ctx);
    }

    /**
     * Checks once that the server can claim jobs (MySQL ≥ 8.0.1, MariaDB ≥ 10.6)
     * and that the job tables exist; safe to call any number of times.
     */
    connect(): Promise<void> {
        if (!this.verifyAtConnect) return Promise.resolve();
        this.verified ??= this.verify().catch((error: unknown) => {
            this.verified = undefined;
            throw error;
        });
        return this.verified;
    }

    private async verify(): Promise<void> {
        if (this.ctx.dialect === 'mysql') {
            const [row] = await this.ctx.db.all<Row>('SELECT VERSION() AS v');
            assertClaimCapableServer(String(row?.v ?? ''));
        }
        for (const table of [this.ctx.jobs, this.ctx.logs]) {
            try {
                await this.ctx.db.all(`SELECT 1 FROM ${table} WHERE 1 = 0`);
            } catch (error) {
                throw new RefillConfigError(
                    'jobs',
                    `table ${table} is missing (${(error as Error).message})`,
                    'Run Refill’s migrations (refill migrate, or refillMigrations in your pipeline).',
                );
            }
        }
    }

    /** @inheritdoc */
    queryJobs(options?: JobsQueryOptions): Promise<JobsResult> {
        return this.queries.query(options);
    }

    /** @inheritdoc */
    getJobsOverview(): Promise<JobsOverview[]> {
        return this.queries.overview();
    }

    /** @inheritdoc */
    getDistinctJobNames(): Promise<string[]> {
        return this.queries.names();
    }

    /** @inheritdoc */
    getJobById(id: string): Promise<JobParameters | null> {
        return this.queries.byId(id);
    }

    /** @inheritdoc */
    getQueueSize(): Promise<number> {
        return this.queries.queueSize();
    }

    /** @inheritdoc */
    removeJobs(options: RemoveJobsOptions): Promise<number> {
        return this.bulk.remove(options);
    }

    /** @inheritdoc */
    disableJobs(options: RemoveJobsOptions): Promise<number> {
        return this.bulk.setDisabled(options, true);
    }

    /** @inheritdoc */
    enableJobs(options: RemoveJobsOptions): Promise<number> {
        return this.bulk.setDisabled(options, false);
    }

    /** @inheritdoc */
    purgeAllJobs(): Promise<number> {
        return this.bulk.removeAll();
    }

    /** @inheritdoc */
    saveJob<DATA = unknown>(
        job: JobParameters<DATA>,
        options: JobRepositoryOptions | undefined,
    ): Promise<JobParameters<DATA>> {
        return this.saves.save(job, options);
    }

    /** @inheritdoc */
    saveJobState(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<void> {
        return this.saves.saveState(job, options);
    }

    /** @inheritdoc */
    lockJob(
        job: JobParameters,
        options: JobRepositoryOptions | undefined,
    ): Promise<JobParameters | undefined> {
        return this.claims.lock(job, options);
    }

    /** @inheritdoc */
    unlockJob(job: JobParameters): Promise<void> {
        return this.claims.unlock(job);
    }

    /** @inheritdoc */
    unlockJobs(jobIds: (JobId | string)[]): Promise<void> {
        return this.claims.unlockMany(jobIds);
    }

    /** @inheritdoc */
    getNextJobToRun(
        jobName: string,
        nextScanAt: Date,
        lockDeadline: Date,
        now: Date | undefined,
        options: JobRepositoryOptions | undefined,
    ): Promise<JobParameters | undefined> {
        return this.claims.next(jobName, nextScanAt, lockDeadline, now, options);
    }
}
