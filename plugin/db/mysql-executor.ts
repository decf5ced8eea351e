import type { PoolConnection } from 'mysql2';
import type { DataSource } from 'typeorm';
import type { MysqlConnectionGuard } from './mysql-connection-guard.js';
import { formatMysql } from './mysql-format.js';
import { SqlVariable, type Row, type RunResult, type SqlExecutor } from './sql-executor.js';

/** The part of TypeORM's MySQL driver Refill reads: the options of the pool it opened. */
interface MysqlDriverOptions {
    options: { multipleStatements?: boolean; extra?: { multipleStatements?: boolean } };
}

/**
 * Runs SQL straight on a connection of the DataSource's own mysql2 pool,
 * skipping TypeORM's QueryRunner (its per-statement work cost about as much
 * CPU as the driver itself on the POS hot path). Where the pool allows
 * multi-statement queries (Refill's own DataSource), writes whose results
 * nobody needs are deferred and sent together with the next read or the
 * COMMIT: a sale becomes two or three round trips instead of ten. Ids of
 * deferred inserts travel in session variables (`SET @v = LAST_INSERT_ID()`).
 *
 * Every statement is written by {@link formatMysql} (values whose meaning no
 * sql_mode changes) and sent as text with no values, so the pool's own
 * formatter never touches a value. Every query runs under the guard's time
 * limit: one that passes it destroys the connection, and the executor
 * refuses further statements.
 */
export class MysqlExecutor implements SqlExecutor {
    readonly dialect = 'mysql' as const;
    defer?: (sql: string, params: readonly unknown[]) => void;
    deferInsert?: (sql: string, params: readonly unknown[]) => SqlVariable;
    private queue: string[] = [];
    private variables = 0;
    /** Set once a query timed out: the connection is destroyed. */
    private dead: Error | null = null;

    constructor(
        private readonly connection: PoolConnection,
        batching: boolean,
        private readonly guard: MysqlConnectionGuard,
        private readonly timeoutMs: number,
    ) {
        if (batching) {
            this.defer = (sql, params) => {
                this.queue.push(formatMysql(sql, params));
            };
            this.deferInsert = (sql, params) => {
                const variable = new SqlVariable(`@refill_id${++this.variables}`);
                this.queue.push(formatMysql(sql, params));
                this.queue.push(`SET ${variable.name} = LAST_INSERT_ID()`);
                return variable;
            };
        }
    }

    /**
     * Takes a live connection from the DataSource's pool within `timeoutMs`,
     * for statements limited to `timeoutMs` each (release it with
     * {@link MysqlExecutor.release}).
     */
    static async acquire(
        guard: MysqlConnectionGuard,
        batching: boolean,
        timeoutMs: number,
    ): Promise<MysqlExecutor> {
        return new MysqlExecutor(await guard.acquire(timeoutMs), batching, guard, timeoutMs);
    }

    /** Whether the DataSource's connections accept several statements in one query. */
    static canBatch(dataSource: DataSource): boolean {
        const options = (dataSource.driver as unknown as MysqlDriverOptions).options;
        return Boolean(options.multipleStatements ?? options.extra?.multipleStatements);
    }

    all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
        return this.query(sql, params) as Promise<T[]>;
    }

    async run(sql: string, params: readonly unknown[] = []): Promise<RunResult> {
        const result = (await this.query(sql, params)) as { affectedRows?: number; insertId?: number };
        return { affected: result.affectedRows ?? 0, insertId: Number(result.insertId ?? 0) };
    }

    /** Forgets deferred writes (before a ROLLBACK). */
    discard(): void {
        this.queue = [];
    }

    /**
     * Rolls back the open transaction, forgetting deferred writes. A
     * connection whose ROLLBACK fails is destroyed, so a transaction never
     * goes back to the pool open.
     */
    async rollback(): Promise<void> {
        this.queue = [];
        if (this.dead) return;
        try {
            await this.guard.query(this.connection, 'ROLLBACK', this.timeoutMs);
        } catch (error) {
            if (!this.dead) this.connection.destroy();
            this.dead = error as Error;
        }
    }

    /** Returns the connection to the pool (unless a timeout destroyed it). */
    release(): void {
        if (!this.dead) this.connection.release();
    }

    private async query(sql: string, params: readonly unknown[]): Promise<unknown> {
        if (this.dead) throw this.dead;
        const text = formatMysql(sql, params);
        const batched = this.queue.length > 0;
        const payload = batched ? [...this.queue, text].join(';\n') : text;
        this.queue = [];
        try {
            const result = await this.guard.query(this.connection, payload, this.timeoutMs);
            return batched ? (result as unknown[])[(result as unknown[]).length - 1] : result;
        } catch (error) {
            if ((error as { code?: string }).code === 'REFILL_DB_TIMEOUT') this.dead = error as Error;
            throw error;
        }
    }
}
