import type { PoolConnection } from 'mysql2';
import type { MysqlConnectionGuard } from './mysql-connection-guard.js';
import { formatMysql } from './mysql-format.js';
import type { Row, RunResult, SqlExecutor } from './sql-executor.js';

/**
 * Runs SQL straight on a connection of the DataSource's own mysql2 pool,
 * skipping TypeORM's QueryRunner (its per-statement work cost about as much
 * CPU as the driver itself on the POS hot path). One statement per query,
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
        private readonly connection: PoolConnection,
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
        try {
            return await this.guard.query(this.connection, formatMysql(sql, params), this.timeoutMs);
        } catch (error) {
            if ((error as { code?: string }).code === 'REFILL_DB_TIMEOUT') this.dead = error as Error;
            throw error;
        }
    }
}
