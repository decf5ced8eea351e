import type { RefillConfig } from '../config/refill-options.js';
import type { Database } from '../db/database.js';
import type { CatalogService } from './catalog.service.js';
import type { Clock } from './clock.js';
import type { ImportRecord, ImportSummary } from './history-import.types.js';
import type { Repositories } from './repositories.js';

/** Options of one import run. */
export interface ImportOptions {
    /** Records per transaction. Default 500. */
    batchSize?: number;
    /**
     * Makes the run resumable: progress is saved under `sourceKey` after every
     * batch, and a later run with the same key skips the records already done.
     */
    checkpoint?: { sourceKey: string; fileName: string };
    /** Called after every batch with the running totals. */
    onProgress?: (summary: ImportSummary) => void;
}

/**
 * Imports customers and past receipts in batches (implemented by the importer).
 */
export class HistoryImportService {
    constructor(
        readonly db: Database,
        readonly repos: Repositories,
        readonly catalog: CatalogService,
        readonly config: RefillConfig,
        readonly clock: Clock,
    ) {}

    /** Imports a stream of records. */
    async importRecords(_records: AsyncIterable<ImportRecord> | Iterable<ImportRecord>, _options: ImportOptions = {}): Promise<ImportSummary> {
        throw new Error('HistoryImportService.importRecords: not implemented yet');
    }
}
