import type { RemoveJobsOptions } from 'agenda';
import { sqlDialect } from '../../db/sql-dialect.js';
import type { Row } from '../../db/sql-executor.js';
import { dataContains } from './job-data.match.js';
import { removeFilter, whereClause } from './job-filter.sql.js';
import type { JobSqlContext } from './job-sql.context.js';

/**
 * Changing many jobs at once: remove (cancel, purge, removeOnComplete),
 * disable, enable, and remove everything. Criteria are ANDed; no criterion
 * at all changes nothing and returns 0. A `data` criterion (containment)
 * is matched in JavaScript and the matching rows are changed by id.
 */
export class JobBulkStore {
    constructor(private readonly ctx: JobSqlContext) {}

    /** Removes the matching jobs; returns how many. */
    remove(options: RemoveJobsOptions): Promise<number> {
        return this.apply(options, `DELETE FROM ${this.ctx.jobs}`, []);
    }

    /** Sets `disabled` on the matching jobs; returns how many matched. */
    setDisabled(options: RemoveJobsOptions, disabled: boolean): Promise<number> {
        return this.apply(options, `UPDATE ${this.ctx.jobs} SET disabled = ?`, [disabled]);
    }

    /** Removes every job; returns how many. */
    async removeAll(): Promise<number> {
        const { affected } = await this.ctx.db.run(`DELETE FROM ${this.ctx.jobs}`);
        return affected;
    }

    private async apply(options: RemoveJobsOptions, head: string, headParams: unknown[]): Promise<number> {
        const filter = removeFilter(options ?? {});
        if (!filter || filter.matchesNothing) return 0;
        if (filter.data === undefined) {
            const { affected } = await this.ctx.db.run(`${head} ${whereClause(filter)}`, [
                ...headParams,
                ...filter.params,
            ]);
            return affected;
        }
        const wanted: unknown = JSON.parse(JSON.stringify(filter.data));
        const rows = await this.ctx.db.all<Row>(
            `SELECT id, data FROM ${this.ctx.jobs} ${whereClause(filter)}`,
            filter.params,
        );
        const ids = rows
            .filter((r) => dataContains(r.data === null ? undefined : JSON.parse(String(r.data)), wanted))
            .map((r) => String(r.id));
        let changed = 0;
        for (const chunk of sqlDialect.chunks(ids, 500)) {
            const { affected } = await this.ctx.db.run(
                `${head} WHERE id IN (${sqlDialect.inList(chunk.length)})`,
                [...headParams, ...chunk],
            );
            changed += affected;
        }
        return changed;
    }
}
