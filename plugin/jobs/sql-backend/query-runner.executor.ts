import type { QueryRunner } from 'typeorm';
import { bindable } from '../../db/bindable.js';
import { formatMysql } from '../../db/mysql-format.js';
import type { Dialect, Row, RunResult, SqlExecutor } from '../../db/sql-executor.js';

/**
 * A {@link SqlExecutor} over one TypeORM QueryRunner the job backend holds
 * itself: the claim transaction on MySQL/MariaDB, which needs READ COMMITTED
 * and so cannot run through `Database.transaction`. On MySQL/MariaDB every
 * statement is written by Refill's sql_mode-proof formatter and sent without
 * values, so a host pool's own formatter (backslash escapes) never sees a
 * job's data; better-sqlite3 binds values itself.
 */
export class QueryRunnerExecutor implements SqlExecutor {
    constructor(
        private readonly qr: QueryRunner,
        readonly dialect: Dialect,
    ) {}

    /** Runs a statement that returns rows. */
    async all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
        const result = await this.send(sql, params);
        return (result.records ?? []) as T[];
    }

    /** Runs a statement that writes. */
    async run(sql: string, params: readonly unknown[] = []): Promise<RunResult> {
        const result = await this.send(sql, params);
        const raw = result.raw as { insertId?: number; affectedRows?: number } | number | undefined;
        if (this.dialect === 'mysql' && raw && typeof raw === 'object') {
            return {
                affected: raw.affectedRows ?? result.affected ?? 0,
                insertId: Number(raw.insertId ?? 0),
            };
        }
        return { affected: result.affected ?? 0, insertId: 0 };
    }

    private send(sql: string, params: readonly unknown[]) {
        return this.dialect === 'mysql'
            ? this.qr.query(formatMysql(sql, params), undefined, true)
            : this.qr.query(sql, bindable(params), true);
    }
}
