import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Mutex } from 'async-mutex';
import type { RefillLogger } from '../logging/logger.port.js';
import type { DataSource, EntitySchema } from 'typeorm';
import { RefillConfigError } from '../errors/refill-error.js';
import { fromDbTime, fromDbTimeOrNull, type DateReadMode } from './db-time.js';
import { entityRowMapper, type EntityRowMapper } from './entity-row.mapper.js';
import { isRetryableDbError } from './db-errors.js';
import { MysqlConnectionGuard } from './mysql-connection-guard.js';
import { MysqlExecutor } from './mysql-executor.js';
import { SqliteExecutor } from './sqlite-executor.js';
import { sqliteLockFor } from './sqlite-lock.js';
import { type Dialect, type Row, type RunResult, type SqlExecutor } from './sql-executor.js';

/** How Refill guards its MySQL connections (ignored on SQLite, which has no network). */
export interface DatabaseOptions {
    /** Time limit of each statement (and of checking a connection out), ms. Default 4000. */
    queryTimeoutMs?: number;
    /** A pooled connection idle longer than this is pinged before use, ms. Default 10000. */
    validateIdleMs?: number;
    /** Where timeouts and destroyed connections are logged. */
    logger?: RefillLogger;
}

/** Options for {@link Database.transaction}. */
export interface TransactionOptions {
    /** How many times a deadlock or busy error re-runs the whole unit of work (default 4). */
    retries?: number;
    /**
     * MySQL/MariaDB only: READ COMMITTED for this one transaction (the job
     * backend's claims, which must see rows other claimers committed after the
     * transaction began). Default: the server's level (REPEATABLE READ).
     */
    readCommitted?: boolean;
}

/**
 * Refill's access to its tables over a TypeORM DataSource that it may or may
 * not own, through the connections that DataSource opened. Runs
 * parameterised SQL, and units of work that hold row locks: on MySQL/MariaDB
 * a pooled connection with `START TRANSACTION`; on SQLite (one shared
 * connection in TypeORM's driver) `BEGIN IMMEDIATE` under an in-process
 * mutex, so concurrent requests never interleave inside one transaction and
 * other processes wait on the database lock.
 */
export class Database {
    readonly dialect: Dialect;
    readonly dateMode: DateReadMode;
    private readonly sqliteMutex: Mutex;
    /** SQLite only: the executor of the current unit of work, so a read inside it cannot wait on its own lock. */
    private readonly sqliteTx: AsyncLocalStorage<SqlExecutor> | null = null;
    private readonly sqlite: SqliteExecutor | null = null;
    /** MySQL only: time limits, connection checks, destroying and killing what timed out. */
    private readonly guard: MysqlConnectionGuard | null = null;
    /** MySQL only: the time limit of each statement, ms (see {@link Database.withQueryTimeout}). */
    readonly queryTimeoutMs: number;

    constructor(
        readonly dataSource: DataSource,
        options: DatabaseOptions = {},
    ) {
        this.queryTimeoutMs = options.queryTimeoutMs ?? 4000;
        this.sqliteMutex = sqliteLockFor(dataSource);
        const type = dataSource.options.type;
        if (type === 'mysql' || type === 'mariadb') {
            this.dialect = 'mysql';
            const tz = (dataSource.options as { timezone?: string }).timezone;
            this.guard = new MysqlConnectionGuard(dataSource, {
                validateIdleMs: options.validateIdleMs ?? 10_000,
                logger: options.logger ?? null,
            });
            if (tz === undefined || tz === 'local') this.dateMode = 'local';
            else if (tz === 'Z' || tz === '+00:00' || tz.toLowerCase() === 'utc') this.dateMode = 'utc';
            else
                throw new RefillConfigError(
                    'dataSource.options.timezone',
                    `Refill keeps times in UTC and cannot read DATETIME values through timezone "${tz}"`,
                    "Set timezone: 'Z' on the DataSource (recommended) or leave it unset.",
                );
        } else if (type === 'better-sqlite3') {
            this.dialect = 'sqlite';
            this.dateMode = 'utc';
            this.sqlite = new SqliteExecutor(dataSource);
            this.sqliteTx = new AsyncLocalStorage<SqlExecutor>();
        } else {
            throw new RefillConfigError(
                'dataSource.options.type',
                `database type "${type}" is not supported`,
                'Use a mysql, mariadb or better-sqlite3 DataSource.',
            );
        }
    }

    /** Reads a DATETIME column value as a UTC Date. */
    time(value: unknown): Date {
        return fromDbTime(value, this.dateMode);
    }

    /** Reads a nullable DATETIME column value. */
    timeOrNull(value: unknown): Date | null {
        return fromDbTimeOrNull(value, this.dateMode);
    }

    /**
     * The row mapping of one of Refill's entities (its column list and
     * row ↔ object conversions, from the DataSource's metadata), built once
     * per DataSource and entity.
     */
    rows<T extends object>(entity: EntitySchema<T>): EntityRowMapper<T> {
        return entityRowMapper(this.dataSource, entity, this.dateMode);
    }

    /**
     * The same database (pool, locks, connection checks) with another time
     * limit per MySQL statement: Refill gives the services that work in large
     * batches (jobs, imports, campaigns, messaging) a long one, and the POS path
     * the short default. (A view
     * rather than a scope kept in AsyncLocalStorage: that would switch on
     * async hooks for every promise of the process, about 8 % more CPU per
     * sale.)
     */
    withQueryTimeout(queryTimeoutMs: number): Database {
        const view = Object.create(this) as Database;
        Object.defineProperty(view, 'queryTimeoutMs', { value: queryTimeoutMs, enumerable: true });
        return view;
    }

    /**
     * Whether the database answers `SELECT 1` within `timeoutMs` (readiness).
     * Never throws.
     */
    async isAvailable(timeoutMs: number): Promise<boolean> {
        if (this.guard) return this.guard.isAlive(timeoutMs);
        try {
            await this.all('SELECT 1');
            return true;
        } catch {
            return false;
        }
    }

    /** Stops background work (kills of timed-out sessions still being retried). Never closes the DataSource. */
    close(): void {
        this.guard?.close();
    }

    /** Runs a read outside any unit of work (on SQLite, inside the current one if any). */
    async all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
        return this.autocommit((exec) => exec.all<T>(sql, params));
    }

    /** Runs a single autocommitted write (on SQLite, joins the current unit of work if any). */
    async run(sql: string, params: readonly unknown[] = []): Promise<RunResult> {
        return this.autocommit((exec) => exec.run(sql, params));
    }

    /**
     * Runs `work` in one transaction and commits, or rolls back on any error.
     * Deadlocks and busy errors re-run it, so `work` must only touch the
     * database through the executor it is given. Do not open a transaction
     * inside another: on MySQL it would take a second connection.
     */
    async transaction<T>(
        work: (tx: SqlExecutor) => Promise<T>,
        options: TransactionOptions = {},
    ): Promise<T> {
        const outer = this.sqliteTx?.getStore();
        if (outer) return work(outer);
        const retries = options.retries ?? 4;
        for (let attempt = 0; ; attempt++) {
            try {
                return await this.once(work, options.readCommitted === true);
            } catch (error) {
                if (attempt >= retries || !isRetryableDbError(error)) throw error;
                await sleep(5 + Math.random() * 20 * (attempt + 1));
            }
        }
    }

    private async once<T>(work: (tx: SqlExecutor) => Promise<T>, readCommitted: boolean): Promise<T> {
        if (this.sqlite) {
            const exec = this.sqlite;
            return this.sqliteMutex.runExclusive(() =>
                this.sqliteTx!.run(exec, () => this.inTransaction(exec, 'BEGIN IMMEDIATE', work)),
            );
        }
        const exec = await MysqlExecutor.acquire(this.guard!, this.queryTimeoutMs);
        try {
            // Applies to the next transaction on this connection only.
            if (readCommitted) await exec.run('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
            return await this.inTransaction(exec, 'START TRANSACTION', work);
        } finally {
            exec.release();
        }
    }

    private async inTransaction<T>(
        exec: SqlExecutor,
        begin: string,
        work: (tx: SqlExecutor) => Promise<T>,
    ): Promise<T> {
        await exec.run(begin);
        try {
            const result = await work(exec);
            await exec.run('COMMIT');
            return result;
        } catch (error) {
            if (exec instanceof MysqlExecutor) await exec.rollback();
            else await exec.run('ROLLBACK').catch(() => undefined);
            throw error;
        }
    }

    private async autocommit<T>(fn: (exec: SqlExecutor) => Promise<T>): Promise<T> {
        if (this.sqlite) {
            const current = this.sqliteTx!.getStore();
            if (current) return fn(current);
            const exec = this.sqlite;
            return this.sqliteMutex.runExclusive(() => fn(exec));
        }
        const exec = await MysqlExecutor.acquire(this.guard!, this.queryTimeoutMs);
        try {
            return await fn(exec);
        } finally {
            exec.release();
        }
    }
}
