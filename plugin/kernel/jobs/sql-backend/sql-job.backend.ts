import { hostname } from 'node:os';
import type { AgendaBackend } from 'agenda';
import type { DataSource } from 'typeorm';
import { Database } from '../../db/database.js';
import { RefillConfigError } from '../../errors/refill-error.js';
import { JobBackendError } from './job-backend.errors.js';
import type { SqlJobBackendOptions } from './job-backend.options.js';
import { JobSqlContext } from './job-sql.context.js';
import { SqlJobLogger } from './sql-job.logger.js';
import { SqlJobRepository } from './sql-job.repository.js';

/**
 * Agenda 6's backend stored in Refill's own database (MySQL 8, MariaDB ≥ 10.6
 * or SQLite), over a TypeORM DataSource Refill passes in. By default it does
 * not own that DataSource: `connect()` only checks it, and neither
 * `disconnect()` nor Agenda's `stop()` ever closes it, so the ledger keeps
 * its connection. `connect()` is idempotent (Agenda calls it once per
 * `new Agenda()`) and works again after `disconnect()`.
 *
 * @example
 * const backend = new SqlJobBackend({ dataSource, database });
 * const agenda = new Agenda({ backend, processEvery: '30 seconds' });
 */
export class SqlJobBackend implements AgendaBackend {
    /** Shown by Agenda's `getRunningStats()` and dashboards. */
    readonly name: string;
    /** Storage of jobs; Agenda's `agenda.db`. */
    readonly repository: SqlJobRepository;
    /** Persistent job event log, used when Agenda runs with `logging: true`. */
    readonly logger: SqlJobLogger;
    /** Whether Agenda's `stop()`/`drain()` may close the DataSource (default false). */
    readonly ownsConnection: boolean;
    private readonly dataSource: DataSource;
    private connecting: Promise<void> | undefined;

    constructor(options: SqlJobBackendOptions) {
        const database = options.database ?? new Database(options.dataSource);
        if (database.dataSource !== options.dataSource)
            throw new RefillConfigError(
                'jobs.database',
                'the Database given wraps another DataSource',
                'Pass the Database built over the same DataSource, or none.',
            );
        this.dataSource = options.dataSource;
        this.ownsConnection = options.ownsConnection ?? false;
        const ctx = new JobSqlContext({
            database,
            jobsTable: options.jobsTable ?? 'refill_jobs',
            logsTable: options.logsTable ?? 'refill_job_logs',
            now: options.now ?? (() => new Date()),
            lastModifiedBy: options.lastModifiedBy ?? `${hostname()}#${process.pid}`,
        });
        this.name = database.dialect === 'sqlite' ? 'Refill SQL (SQLite)' : 'Refill SQL (MySQL/MariaDB)';
        this.repository = new SqlJobRepository(ctx, options.verifyAtConnect ?? true);
        this.logger = new SqlJobLogger(ctx);
    }

    /**
     * Makes the backend ready: initialises the DataSource if the backend owns
     * it, then checks the server and the tables once. Concurrent and repeated
     * calls share one attempt; a failed attempt can be retried.
     */
    connect(): Promise<void> {
        this.connecting ??= this.open().catch((error: unknown) => {
            this.connecting = undefined;
            throw error;
        });
        return this.connecting;
    }

    /** Closes the DataSource only if the backend owns it; otherwise does nothing. */
    async disconnect(): Promise<void> {
        const pending = this.connecting;
        this.connecting = undefined;
        await pending?.catch(() => undefined);
        if (this.ownsConnection && this.dataSource.isInitialized) await this.dataSource.destroy();
    }

    private async open(): Promise<void> {
        if (!this.dataSource.isInitialized) {
            if (!this.ownsConnection)
                throw new JobBackendError(
                    'not-connected',
                    'the DataSource is not initialised: initialise it before the job backend connects, or pass ownsConnection: true',
                );
            await this.dataSource.initialize();
        }
        await this.repository.connect();
    }
}
