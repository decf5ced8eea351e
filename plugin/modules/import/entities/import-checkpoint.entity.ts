import { EntitySchema } from 'typeorm';
import { bigInt, str, time } from '../../../kernel/db/entity-columns.js';

/** How far a history import has got through one file, so a crashed import resumes there. */
export interface ImportCheckpoint {
    /** SHA-256 of the file's name, size and first bytes. */
    sourceKey: string;
    fileName: string;
    linesDone: number;
    receiptsImported: number;
    customersImported: number;
    updatedAt: Date;
    completedAt: Date | null;
}

/** TypeORM schema of {@link ImportCheckpoint}. */
export const ImportCheckpointEntity = new EntitySchema<ImportCheckpoint>({
    name: 'RefillImportCheckpoint',
    tableName: 'refill_import_checkpoints',
    columns: {
        sourceKey: { ...str('source_key', 64), primary: true },
        fileName: str('file_name', 255),
        linesDone: { ...bigInt('lines_done'), default: 0 },
        receiptsImported: { ...bigInt('receipts_imported'), default: 0 },
        customersImported: { ...bigInt('customers_imported'), default: 0 },
        updatedAt: time('updated_at'),
        completedAt: time('completed_at', true),
    },
});
