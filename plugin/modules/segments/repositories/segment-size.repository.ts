import type { Database } from '../../../kernel/db/database.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';

/** One segment's size on a day. */
export interface SegmentSizeCell {
    /** A lifecycle segment, or `custom:<id>`. */
    key: string;
    size: number;
}

/** Reads and writes `refill_segment_sizes`: each segment's size per chain-local day. */
export class SegmentSizeRepository {
    constructor(private readonly db: Database) {}

    /** Stores the day's sizes, replacing the day's earlier value of each key (a rerun of the day). */
    async upsert(tx: SqlExecutor, day: string, cells: readonly SegmentSizeCell[]): Promise<void> {
        for (const chunk of sqlDialect.chunks(cells, 500))
            await tx.run(
                `INSERT INTO refill_segment_sizes (day, segment_key, size)
                 VALUES ${sqlDialect.valuesPlaceholders(chunk.length, 3)}` +
                    sqlDialect.onConflictUpdate(tx.dialect, ['day', 'segment_key'], {
                        size: sqlDialect.inserted(tx.dialect, 'size'),
                    }),
                chunk.flatMap((c) => [day, c.key, c.size]),
            );
    }

    /** Every size of the days from `from` to `to` (inclusive), by day. */
    async range(from: string, to: string): Promise<{ day: string; key: string; size: number }[]> {
        const rows = await this.db.all<Record<string, unknown>>(
            `SELECT day, segment_key, size FROM refill_segment_sizes
              WHERE day >= ? AND day <= ? ORDER BY day, segment_key`,
            [from, to],
        );
        return rows.map((r) => ({ day: String(r.day), key: String(r.segment_key), size: Number(r.size) }));
    }
}
