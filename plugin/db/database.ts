import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Mutex } from 'async-mutex';
import type { DataSource, QueryRunner } from 'typeorm';
import { RefillConfigError } from '../errors/refill-error.js';
import { fromDbTime, fromDbTimeOrNull, type DateReadMode } from './db-time.js';
import { isRetryableDbError } from './db-errors.js';
import { sqliteLockFor } from './sqlite-lock.js';
import type { Dialect, Row, RunResult, SqlExecutor } from './sql-executor.js';

/** Options for {@link Database.transaction}. */
export interface TransactionOptions {
    /** How many times a deadlock or busy error re-runs the whole unit of work (default 4). */
    retries?: number;
}

/**
 * Refill's access to its tables over a TypeORM DataSource that it may or may
 * not own. Runs parameterised SQL, and units of work that hold row locks:
 * on MySQL/MariaDB a pooled connection with `START TRANSACTION`; on SQLite
 * (one shared connection in TypeORM's driver) `BEGIN IMMEDIATE` under an
 * in-process mutex, so concurrent requests never interleave inside one
 * transaction and other processes wait on the database lock.
 */
export class Database {
    readonly dialect: Dialect;
    readonly dateMode: DateReadMode;
    private readonly sqliteMutex: Mutex;
    private readonly currentTx = new AsyncLocalStorage<SqlExecutor>();

    constructor(readonly dataSource: DataSource) {
        this.sqliteMutex = sqliteLockFor(dataSource);
        const type = dataSource.options.type;
        if (type === 'mysql' || type === 'mariadb') {
            this.dialect = 'mysql';
            const tz = (dataSource.options as { timezone?: string }).timezone;
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

    /** Runs a read outside any unit of work (or inside the current one, if any). */
    async all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
        const tx = this.currentTx.getStore();
        if (tx) return tx.all<T>(sql, params);
        return this.withRunner((exec) => exec.all<T>(sql, params));
    }

    /** Runs a single autocommitted write (or joins the current unit of work). */
    async run(sql: string, params: readonly unknown[] = []): Promise<RunResult> {
        const tx = this.currentTx.getStore();
        if (tx) return tx.run(sql, params);
        return this.withRunner((exec) => exec.run(sql, params));
    }

    /**
     * Runs `work` in one transaction and commits, or rolls back on any error.
     * Deadlocks and busy errors re-run it, so `work` must only touch the
     * database through the executor it is given. Nested calls join the outer one.
     */
    async transaction<T>(
        work: (tx: SqlExecutor) => Promise<T>,
        options: TransactionOptions = {},
    ): Promise<T> {
        const outer = this.currentTx.getStore();
        if (outer) return work(outer);
        const retries = options.retries ?? 4;
        for (let attempt = 0; ; attempt++) {
            try {
                return await this.once(work);
            } catch (error) {
                if (attempt >= retries || !isRetryableDbError(error)) throw error;
                await sleep(5 + Math.random() * 20 * (attempt + 1));
            }
        }
    }

    private async once<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
        if (this.dialect === 'sqlite') {
            return this.sqliteMutex.runExclusive(async () => {
                const qr = this.dataSource.createQueryRunner();
                return this.runInTransaction(qr, 'BEGIN IMMEDIATE', work);
            });
        }
        const qr = this.dataSource.createQueryRunner();
        try {
            return await this.runInTransaction(qr, 'START TRANSACTION', work);
        } finally {
            await qr.release();
        }
    }

    private async runInTransaction<T>(
        qr: QueryRunner,
        begin: string,
        work: (tx: SqlExecutor) => Promise<T>,
    ): Promise<T> {
        const exec = new QueryRunnerExecutor(qr, this.dialect);
        await qr.query(begin);
        try {
            const result = await this.currentTx.run(exec, () => work(exec));
            await qr.query('COMMIT');
            return result;
        } catch (error) {
            await qr.query('ROLLBACK').catch(() => undefined);
            throw error;
        }
    }

    private async withRunner<T>(fn: (exec: SqlExecutor) => Promise<T>): Promise<T> {
        if (this.dialect === 'sqlite') {
            return this.sqliteMutex.runExclusive(() =>
                fn(new QueryRunnerExecutor(this.dataSource.createQueryRunner(), 'sqlite')),
            );
        }
        const qr = this.dataSource.createQueryRunner();
        try {
            return await fn(new QueryRunnerExecutor(qr, 'mysql'));
        } finally {
            await qr.release();
        }
    }
}

/** Binds values the drivers cannot take as they are (Dates, undefined, booleans). */
function bindable(params: readonly unknown[]): unknown[] {
    return params.map((p) => {
        if (p === undefined) return null;
        if (p instanceof Date) return p.toISOString().replace('T', ' ').slice(0, 23);
        if (typeof p === 'boolean') return p ? 1 : 0;
        return p;
    });
}

/** A {@link SqlExecutor} over one TypeORM QueryRunner. */
class QueryRunnerExecutor implements SqlExecutor {
    constructor(
        private readonly qr: QueryRunner,
        readonly dialect: Dialect,
    ) {}

    async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
        const result = await this.qr.query(sql, bindable(params), true);
        return (result.records ?? []) as T[];
    }

    async run(sql: string, params: readonly unknown[] = []): Promise<RunResult> {
        const result = await this.qr.query(sql, bindable(params), true);
        if (this.dialect === 'mysql') {
            const raw = result.raw as { insertId?: number; affectedRows?: number };
            return {
                affected: raw.affectedRows ?? result.affected ?? 0,
                insertId: Number(raw.insertId ?? 0),
            };
        }
        return { affected: result.affected ?? 0, insertId: Number(result.raw ?? 0) };
    }
}
