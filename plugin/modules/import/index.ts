/**
 * The import module's door: everything other modules and the composition level
 * may use. Nothing else in `plugin/modules/import/` is imported from outside it
 * (see README.md here and CONTRIBUTING.md).
 */
/** Entity: import checkpoints (`refill_import_checkpoints`). */
export { type ImportCheckpoint, ImportCheckpointEntity } from './entities/import-checkpoint.entity.js';
/** The catalogue import (CLI). */
export { importCatalog } from './catalog-import.js';
/** History files: format, source key and reader (CLI). */
export { historyFormatOf, historySourceKey, readHistoryFile } from './history-file.js';
/** Service: the history import. */
export { HistoryImportService, type ImportOptions } from './history-import.service.js';
/** History import records and summary. */
export type {
    CustomerImportRecord,
    ImportRecord,
    ImportSummary,
    ReceiptImportRecord,
} from './history-import.types.js';
