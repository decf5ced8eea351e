import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { ImportCheckpointEntity, type ImportCheckpoint } from '../entities/import-checkpoint.entity.js';

/** Progress to save after a committed batch. */
export type CheckpointProgress = Pick<
    ImportCheckpoint,
    'sourceKey' | 'fileName' | 'linesDone' | 'receiptsImported' | 'customersImported'
>;

/**
 * Reads and writes `refill_import_checkpoints`: how far a history import has
 * got through one source. Progress is saved in the transaction of the batch
 * it describes, so it can never run ahead of (or behind) the data.
 */
export class ImportCheckpointRepository {
    private readonly checkpoints: EntityRowMapper<ImportCheckpoint>;

    constructor(db: Database) {
        this.checkpoints = db.rows(ImportCheckpointEntity);
    }

    /** The checkpoint of a source, if an import of it ever started. */
    async find(exec: SqlExecutor | Database, sourceKey: string): Promise<ImportCheckpoint | null> {
        const rows = await exec.all(
            `SELECT ${this.checkpoints.columns} FROM refill_import_checkpoints WHERE source_key = ?`,
            [sourceKey],
        );
        return rows[0] ? this.checkpoints.fromRow(rows[0]) : null;
    }

    /** Saves progress (and clears `completed_at`: the source is being imported again). */
    async save(exec: SqlExecutor | Database, p: CheckpointProgress, now: Date): Promise<void> {
        const shape = this.checkpoints.all;
        const ins = (c: string) => sqlDialect.inserted(exec.dialect, c);
        // Hand-written upsert: the source's progress is replaced, its completion cleared.
        await exec.run(
            shape.insert(1) +
                sqlDialect.onConflictUpdate(exec.dialect, ['source_key'], {
                    file_name: ins('file_name'),
                    lines_done: ins('lines_done'),
                    receipts_imported: ins('receipts_imported'),
                    customers_imported: ins('customers_imported'),
                    updated_at: ins('updated_at'),
                    completed_at: 'NULL',
                }),
            shape.values({ ...p, fileName: p.fileName.slice(0, 255), updatedAt: now, completedAt: null }),
        );
    }

    /** Marks the source as imported to the end. */
    async complete(exec: SqlExecutor | Database, sourceKey: string, now: Date): Promise<void> {
        const t = toDbTime(now);
        await exec.run(
            `UPDATE refill_import_checkpoints SET completed_at = ?, updated_at = ? WHERE source_key = ?`,
            [t, t, sourceKey],
        );
    }
}
