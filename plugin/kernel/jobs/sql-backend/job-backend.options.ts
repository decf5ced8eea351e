import type { DataSource } from 'typeorm';
import type { Database } from '../../db/database.js';

/** How to build a {@link SqlJobBackend}. */
export interface SqlJobBackendOptions {
    /**
     * The TypeORM DataSource that holds Refill's tables (usually the ledger's),
     * on MySQL ≥ 8.0.1, MariaDB ≥ 10.6 or SQLite (better-sqlite3).
     */
    dataSource: DataSource;
    /**
     * Refill's {@link Database} over the same DataSource. Pass the ledger's one
     * so that a job saved inside a ledger unit of work joins that transaction
     * (on SQLite a second Database would wait for the lock the unit of work holds).
     * One is created when omitted.
     */
    database?: Database;
    /**
     * Whether the backend owns the DataSource (default false). When true,
     * `connect()` initialises it if needed and `disconnect()` destroys it, and
     * Agenda's `stop()`/`drain()` call `disconnect()`. When false the backend
     * never initialises nor closes it: the caller does.
     */
    ownsConnection?: boolean;
    /** Written to `last_modified_by` when Agenda passes no name (default `<host>#<pid>`). */
    lastModifiedBy?: string;
    /** Jobs table (default `refill_jobs`, created by Refill's migrations). */
    jobsTable?: string;
    /** Job log table for the JobLogger (default `refill_job_logs`, created by Refill's migrations). */
    logsTable?: string;
    /** The clock for lock times, debounce windows and queue sizes (default `() => new Date()`). */
    now?: () => Date;
    /** Check the server version and that the tables exist in `connect()` (default true). */
    verifyAtConnect?: boolean;
}
