import type BetterSqlite3 from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import { bindable } from './bindable.js';
import type { Row, RunResult, SqlExecutor } from './sql-executor.js';

/**
 * Runs SQL straight on the better-sqlite3 connection TypeORM opened, with a
 * cache of prepared statements (TypeORM's QueryRunner adds event broadcasts
 * and result copies per statement). Callers hold the DataSource's SQLite lock.
 */
export class SqliteExecutor implements SqlExecutor {
    readonly dialect = 'sqlite' as const;
    private readonly statements = new LRUCache<string, BetterSqlite3.Statement>({ max: 1000 });
    private preparedOn: BetterSqlite3.Database | null = null;

    constructor(private readonly dataSource: DataSource) {}

    private get connection(): BetterSqlite3.Database {
        return (this.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database })
            .databaseConnection;
    }

    async all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
        const stmt = this.prepare(sql);
        if (!stmt.reader) {
            stmt.run(...bindable(params));
            return [];
        }
        return stmt.all(...bindable(params)) as T[];
    }

    async run(sql: string, params: readonly unknown[] = []): Promise<RunResult> {
        const stmt = this.prepare(sql);
        if (stmt.reader) {
            stmt.all(...bindable(params));
            return { affected: 0, insertId: 0 };
        }
        const { changes, lastInsertRowid } = stmt.run(...bindable(params));
        return { affected: changes, insertId: Number(lastInsertRowid) };
    }

    private prepare(sql: string): BetterSqlite3.Statement {
        const connection = this.connection;
        if (connection !== this.preparedOn) {
            // The DataSource was re-initialised: statements of the old connection are dead.
            this.statements.clear();
            this.preparedOn = connection;
        }
        let stmt = this.statements.get(sql);
        if (!stmt) {
            stmt = connection.prepare(sql);
            this.statements.set(sql, stmt);
        }
        return stmt;
    }
}
