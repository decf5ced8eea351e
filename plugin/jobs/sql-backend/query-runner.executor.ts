import type { QueryRunner } from 'typeorm';
import { toDbTime } from '../../db/db-time.js';
import type { Dialect, Row, RunResult, SqlExecutor } from '../../db/sql-executor.js';

/** Turns values into what mysql2 and better-sqlite3 bind: UTC time strings, 0/1, NULL. */
export function bindValues(params: readonly unknown[]): unknown[] {
    return params.map((p) => {
        if (p === undefined) return null;
        if (p instanceof Date) return toDbTime(p);
        if (typeof p === 'boolean') return p ? 1 : 0;
        return p;
    });
}

/**
 * A {@link SqlExecutor} over one TypeORM QueryRunner the job backend holds
 * itself: the claim transaction on MySQL/MariaDB, which needs READ COMMITTED
 * and so cannot run through `Database.transaction`.
 */
export class QueryRunnerExecutor implements SqlExecutor {
    constructor(
        private readonly qr: QueryRunner,
        readonly dialect: Dialect,
    ) {}

    /** Runs a statement that returns rows. */
    async all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
        const result = await this.qr.query(sql, bindValues(params), true);
        return (result.records ?? []) as T[];
    }

    /** Runs a statement that writes. */
    async run(sql: string, params: readonly unknown[] = []): Promise<RunResult> {
        const result = await this.qr.query(sql, bindValues(params), true);
        const raw = result.raw as { insertId?: number; affectedRows?: number } | number | undefined;
        if (this.dialect === 'mysql' && raw && typeof raw === 'object') {
            return {
                affected: raw.affectedRows ?? result.affected ?? 0,
                insertId: Number(raw.insertId ?? 0),
            };
        }
        return { affected: result.affected ?? 0, insertId: 0 };
    }
}
