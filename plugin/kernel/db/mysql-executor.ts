import type { MysqlConnectionGuard, MysqlLease } from './mysql-connection-guard.js';
import { formatMysql } from './mysql-format.js';
import type { Row, RunResult, SqlExecutor } from './sql-executor.js';

/**
 * Runs SQL on a connection of the DataSource's pool, checked out through a
 * TypeORM QueryRunner (`createQueryRunner()`, `connect()`, `release()`).
 * Statements go straight to the mysql2 connection that `connect()` hands
 * out rather than through `QueryRunner.query()`: that adds about 15 µs of
 * CPU per statement (a promise wrapper, broadcaster events, a copy of every
 * result), measured against mysql2's callback on the same connection, and a
 * POS sale runs about ten statements. One statement per query,
 * always: values are formatted on the client, so Refill never sends several
 * statements in one query, where a formatter's mistake would let a value run
 * SQL of its own (the pool's `multipleStatements` is off on Refill's own
 * DataSource, and nothing is batched on a host's that allows it).
 *
 * Every statement is written by {@link formatMysql} (values whose meaning no
 * sql_mode changes) and sent as text with no values, so the pool's own
 * formatter never touches a value. Every query runs under the guard's time
 * limit: one that passes it destroys the connection, and the executor
 * refuses further statements.
 */
export class MysqlExecutor implements SqlExecutor {
    readonly dialect = 'mysql' as const;
    /** Set once a query timed out: the connection is destroyed. */
    private dead: Error | null = null;

    constructor(
        private readonly lease: MysqlLease,
        private readonly guard: MysqlConnectionGuard,
        private readonly timeoutMs: number,
    ) {}

    /**
     * Takes a live connection from the DataSource's pool within `timeoutMs`,
     * for statements limited to `timeoutMs` each (release it with
     * {@link MysqlExecutor.release}).
     */
    static async acquire(guard: MysqlConnectionGuard, timeoutMs: number): Promise<MysqlExecutor> {
        return new MysqlExecutor(await guard.acquire(timeoutMs), guard, timeoutMs);
    }

    all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
        return this.query(sql, params) as Promise<T[]>;
    }

    async run(sql: string, params: readonly unknown[] = []): Promise<RunResult> {
        const result = (await this.query(sql, params)) as { affectedRows?: number; insertId?: number };
        return { affected: result.affectedRows ?? 0, insertId: Number(result.insertId ?? 0) };
    }

    /**
     * Rolls back the open transaction. A connection whose ROLLBACK fails is
     * destroyed, so a transaction never goes back to the pool open.
     */
    async rollback(): Promise<void> {
        if (this.dead) return;
        try {
            await this.guard.query(this.lease.connection, 'ROLLBACK', this.timeoutMs);
        } catch (error) {
            if (!this.dead) this.lease.connection.destroy();
            this.dead = error as Error;
        }
    }

    /** Returns the connection to the pool (one a timeout or a failed rollback destroyed, the pool drops). */
    release(): void {
        this.lease.release();
    }

    private async query(sql: string, params: readonly unknown[]): Promise<unknown> {
        if (this.dead) throw this.dead;
        try {
            return await this.guard.query(this.lease.connection, formatMysql(sql, params), this.timeoutMs);
        } catch (error) {
            if ((error as { code?: string }).code === 'REFILL_DB_TIMEOUT') this.dead = error as Error;
            throw error;
        }
    }
}
