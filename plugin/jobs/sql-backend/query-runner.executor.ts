import type { QueryRunner } from 'typeorm';
import { bindable } from '../../db/bindable.js';
import type { Dialect, Row, RunResult, SqlExecutor } from '../../db/sql-executor.js';

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
        const result = await this.qr.query(sql, bindable(params), true);
        return (result.records ?? []) as T[];
    }

    /** Runs a statement that writes. */
    async run(sql: string, params: readonly unknown[] = []): Promise<RunResult> {
        const result = await this.qr.query(sql, bindable(params), true);
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
