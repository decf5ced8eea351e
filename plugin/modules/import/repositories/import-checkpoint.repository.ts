import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { ImportCheckpoint } from '../entities/import-checkpoint.entity.js';

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
    constructor(private readonly db: Database) {}

    /** The checkpoint of a source, if an import of it ever started. */
    async find(exec: SqlExecutor | Database, sourceKey: string): Promise<ImportCheckpoint | null> {
        const rows = await exec.all(
            `SELECT source_key, file_name, lines_done, receipts_imported, customers_imported, updated_at, completed_at FROM refill_import_checkpoints WHERE source_key = ?`,
            [sourceKey],
        );
        const r = rows[0];
        if (!r) return null;
        return {
            sourceKey: String(r.source_key),
            fileName: String(r.file_name),
            linesDone: Number(r.lines_done),
            receiptsImported: Number(r.receipts_imported),
            customersImported: Number(r.customers_imported),
            updatedAt: this.db.time(r.updated_at),
            completedAt: this.db.timeOrNull(r.completed_at),
        };
    }

    /** Saves progress (and clears `completed_at`: the source is being imported again). */
    async save(exec: SqlExecutor | Database, p: CheckpointProgress, now: Date): Promise<void> {
        const ins = (c: string) => sqlDialect.inserted(exec.dialect, c);
        await exec.run(
            `INSERT INTO refill_import_checkpoints (source_key, file_name, lines_done, receipts_imported, customers_imported, updated_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, NULL)` +
                sqlDialect.onConflictUpdate(exec.dialect, ['source_key'], {
                    file_name: ins('file_name'),
                    lines_done: ins('lines_done'),
                    receipts_imported: ins('receipts_imported'),
                    customers_imported: ins('customers_imported'),
                    updated_at: ins('updated_at'),
                    completed_at: 'NULL',
                }),
            [
                p.sourceKey,
                p.fileName.slice(0, 255),
                p.linesDone,
                p.receiptsImported,
                p.customersImported,
                toDbTime(now),
            ],
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
