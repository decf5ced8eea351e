import type BetterSqlite3 from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import { bindable } from './bindable.js';
import type { Row, RunResult, SqlExecutor } from './sql-executor.js';

/**
 * Runs SQL on the better-sqlite3 connection of the DataSource, which a
 * TypeORM QueryRunner hands out (`createQueryRunner().connect()`), with an
 * LRU cache of prepared statements. Not through `QueryRunner.query()`: its
 * cache keeps 100 statements first-in first-out, which Refill's IN lists
 * and multi-row inserts (one statement per size) would keep flushing, and
 * its statements die with the connection when the DataSource is
 * re-initialised. Callers hold the DataSource's SQLite lock.
 */
export class SqliteExecutor implements SqlExecutor {
    readonly dialect = 'sqlite' as const;
    private readonly statements = new LRUCache<string, BetterSqlite3.Statement>({ max: 1000 });
    /** The connection the statements were prepared on. */
    private connection: BetterSqlite3.Database | null = null;

    constructor(private readonly dataSource: DataSource) {}

    async all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
        const stmt = this.prepare(this.connection?.open ? this.connection : await this.connect(), sql);
        if (!stmt.reader) {
            stmt.run(...bindable(params));
            return [];
        }
        return stmt.all(...bindable(params)) as T[];
    }

    async run(sql: string, params: readonly unknown[] = []): Promise<RunResult> {
        const stmt = this.prepare(this.connection?.open ? this.connection : await this.connect(), sql);
        if (stmt.reader) {
            stmt.all(...bindable(params));
            return { affected: 0, insertId: 0 };
        }
        const { changes, lastInsertRowid } = stmt.run(...bindable(params));
        return { affected: changes, insertId: Number(lastInsertRowid) };
    }

    /** The DataSource's connection, first or after the DataSource was re-initialised (the old one closed). */
    private async connect(): Promise<BetterSqlite3.Database> {
        const runner = this.dataSource.createQueryRunner();
        try {
            const connection: BetterSqlite3.Database = await runner.connect();
            if (connection !== this.connection) {
                // Statements of a closed connection are dead.
                this.statements.clear();
                this.connection = connection;
            }
            return connection;
        } finally {
            await runner.release();
        }
    }

    private prepare(connection: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
        let stmt = this.statements.get(sql);
        if (!stmt) {
            stmt = connection.prepare(sql);
            this.statements.set(sql, stmt);
        }
        return stmt;
    }
}
