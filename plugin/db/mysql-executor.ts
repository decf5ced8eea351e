import type { PoolConnection } from 'mysql2';
import type { DataSource } from 'typeorm';
import { bindable } from './bindable.js';
import { SqlVariable, type Row, type RunResult, type SqlExecutor } from './sql-executor.js';

/** The part of TypeORM's MySQL driver Refill uses: the pool it already opened, and its options. */
interface MysqlDriverPool {
    obtainMasterConnection(): Promise<PoolConnection>;
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
 */
export class MysqlExecutor implements SqlExecutor {
    readonly dialect = 'mysql' as const;
    defer?: (sql: string, params: readonly unknown[]) => void;
    deferInsert?: (sql: string, params: readonly unknown[]) => SqlVariable;
    private queue: string[] = [];
    private variables = 0;

    constructor(
        private readonly connection: PoolConnection,
        batching: boolean,
    ) {
        if (batching) {
            this.defer = (sql, params) => {
                this.queue.push(this.connection.format(sql, bindable(params) as never[]));
            };
            this.deferInsert = (sql, params) => {
                const variable = new SqlVariable(`@refill_id${++this.variables}`);
                this.queue.push(this.connection.format(sql, bindable(params) as never[]));
                this.queue.push(`SET ${variable.name} = LAST_INSERT_ID()`);
                return variable;
            };
        }
    }

    /** Takes a connection from the DataSource's pool (release it with {@link MysqlExecutor.release}). */
    static async acquire(dataSource: DataSource, batching: boolean): Promise<MysqlExecutor> {
        const driver = dataSource.driver as unknown as MysqlDriverPool;
        return new MysqlExecutor(await driver.obtainMasterConnection(), batching);
    }

    /** Whether the DataSource's connections accept several statements in one query. */
    static canBatch(dataSource: DataSource): boolean {
        const options = (dataSource.driver as unknown as MysqlDriverPool).options;
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

    /** Returns the connection to the pool. */
    release(): void {
        this.connection.release();
    }

    private query(sql: string, params: readonly unknown[]): Promise<unknown> {
        const values = bindable(params);
        if (!this.queue.length) {
            return new Promise((ok, fail) => {
                this.connection.query(sql, values, (error, result) => (error ? fail(error) : ok(result)));
            });
        }
        const batch = [...this.queue, this.connection.format(sql, values as never[])].join(';\n');
        this.queue = [];
        return new Promise((ok, fail) => {
            this.connection.query(batch, (error, results) =>
                error
                    ? fail(error)
                    : ok((results as unknown as unknown[])[(results as unknown as unknown[]).length - 1]),
            );
        });
    }
}
