import { setTimeout as sleep } from 'node:timers/promises';
import type { JobRepositoryOptions } from 'agenda';
import type { DataSource } from 'typeorm';
import type { Database } from '../../db/database.js';
import { isRetryableDbError } from '../../db/db-errors.js';
import type { Dialect, SqlExecutor } from '../../db/sql-executor.js';
import { RefillConfigError } from '../../errors/refill-error.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Quotes a table name after checking it is a plain identifier (it is never taken from requests). */
function quoteTable(field: string, name: string): string {
    if (!IDENTIFIER.test(name))
        throw new RefillConfigError(
            field,
            `"${name}" is not a plain table name`,
            'Use letters, digits and underscores only (at most 64).',
        );
    // Backticks quote identifiers in MySQL and, for compatibility, in SQLite too.
    return `\`${name}\``;
}

/** What every part of the job repository shares: the database, the tables, the clock. */
export interface JobSqlSettings {
    database: Database;
    jobsTable: string;
    logsTable: string;
    now: () => Date;
    lastModifiedBy: string;
}

/**
 * The shared ground of the SQL job repository's parts: Refill's Database
 * (in-process SQLite lock, units of work, UTC time reading), the quoted table
 * names, the clock, and the short READ COMMITTED transaction the MySQL claim
 * runs in, with retries on deadlocks and lock-wait timeouts.
 */
export class JobSqlContext {
    readonly db: Database;
    readonly dialect: Dialect;
    /** Quoted jobs table. */
    readonly jobs: string;
    /** Quoted job log table. */
    readonly logs: string;
    readonly now: () => Date;
    private readonly defaultModifiedBy: string;

    constructor(settings: JobSqlSettings) {
        this.db = settings.database;
        this.dialect = settings.database.dialect;
        this.jobs = quoteTable('jobs.jobsTable', settings.jobsTable);
        this.logs = quoteTable('jobs.logsTable', settings.logsTable);
        this.now = settings.now;
        this.defaultModifiedBy = settings.lastModifiedBy;
    }

    /** The DataSource the repository works on. */
    get dataSource(): DataSource {
        return this.db.dataSource;
    }

    /** The name to record as `last_modified_by`. */
    modifiedBy(options: JobRepositoryOptions | undefined): string {
        return options?.lastModifiedBy || this.defaultModifiedBy;
    }

    /**
     * Runs `work` in a short READ COMMITTED transaction (MySQL/MariaDB only),
     * re-running it on a deadlock or lock-wait timeout. It runs on Refill's
     * guarded connections like every other unit of work: statements with time
     * limits, values written by the sql_mode-proof formatter.
     */
    readCommitted<T>(work: (tx: SqlExecutor) => Promise<T>, retries = 4): Promise<T> {
        return this.db.transaction(work, { readCommitted: true, retries });
    }

    /** Re-runs a single autocommitted statement that hit SQLITE_BUSY or a deadlock. */
    async retrying<T>(statement: () => Promise<T>, retries = 4): Promise<T> {
        for (let attempt = 0; ; attempt++) {
            try {
                return await statement();
            } catch (error) {
                if (attempt >= retries || !isRetryableDbError(error)) throw error;
            }
            await sleep(2 + Math.random() * 10 * (attempt + 1));
        }
    }
}
