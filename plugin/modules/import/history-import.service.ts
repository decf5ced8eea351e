import type { RefillConfig } from '../../config/refill-options.js';
import type { Database } from '../../kernel/db/database.js';
import { isDuplicateKeyError } from '../../kernel/db/db-errors.js';
import { HistoryBatchPreparer, type PositionedInput } from './history-batch.preparer.js';
import type { BatchOutcome, PreparedBatch } from './history-batch.types.js';
import { HistoryBatchWriter } from './history-batch.writer.js';
import {
    ImportCheckpointRepository,
    type CheckpointProgress,
} from './repositories/import-checkpoint.repository.js';
import type { CatalogService } from '../catalog/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { ImportInput, ImportSummary } from './history-import.types.js';
import { HISTORY_STAMP, type SettingRepository } from '../../kernel/db/setting.repository.js';
import type { CustomerRepository } from '../customers/index.js';
import type { PurchaseRepository } from '../ledger/index.js';
import type { HistoryBatchPreparerPorts } from './history-batch.preparer.js';
import type { HistoryBatchWriterPorts } from './history-batch.writer.js';

/** The repository methods an import run calls, its preparer's and writer's included (the composition root passes its bag). */
export interface HistoryImportPorts extends HistoryBatchPreparerPorts, HistoryBatchWriterPorts {
    customers: Pick<
        CustomerRepository,
        'enrolMany' | 'idsByCards' | 'lockByIds' | 'replacedCards' | 'saveRows'
    >;
    purchases: Pick<PurchaseRepository, 'idsByReceiptIds' | 'insertImported' | 'insertImportedLines'>;
    settings: Pick<SettingRepository, 'bump'>;
}

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

/** Rejected records listed in a summary at most (all are counted). */
export const MAX_REPORTED_ERRORS = 100;
/** Times a batch is written again after a unique-key race with a live sale or another importer. */
const DUPLICATE_RETRIES = 3;

/**
 * Imports customers and past receipts in batches, one transaction each.
 * Idempotent on receipt ids (receipts already present are skipped and their
 * statistics are not counted again) and on opening balances (credited once
 * per card); resumable after a crash through a checkpoint saved in each
 * batch's transaction. Invalid records are counted, reported with their line
 * and skipped. While one batch is being written, the next one is read and
 * prepared.
 */
export class HistoryImportService {
    private readonly checkpoints: ImportCheckpointRepository;
    private readonly writer: HistoryBatchWriter;

    constructor(
        readonly db: Database,
        readonly repos: HistoryImportPorts,
        readonly catalog: CatalogService,
        readonly config: RefillConfig,
        readonly clock: Clock,
    ) {
        this.checkpoints = new ImportCheckpointRepository(db);
        this.writer = new HistoryBatchWriter(db, repos, config);
    }

    /** Imports a stream of records (and the readers' reports of unreadable input). */
    async importRecords(
        records: AsyncIterable<ImportInput> | Iterable<ImportInput>,
        options: ImportOptions = {},
    ): Promise<ImportSummary> {
        const batchSize = Math.max(1, Math.floor(options.batchSize ?? 500));
        const summary: ImportSummary = {
            linesRead: 0,
            customersImported: 0,
            receiptsImported: 0,
            receiptsSkipped: 0,
            rejected: 0,
            errors: [],
            resumed: false,
            receiptLinesImported: 0,
            recordsSkippedOnResume: 0,
        };
        // What earlier runs of an interrupted source did (the checkpoint keeps the totals over all runs).
        const before = { records: 0, customers: 0, receipts: 0 };
        if (options.checkpoint) {
            const saved = await this.checkpoints.find(this.db, options.checkpoint.sourceKey);
            // A completed source is imported again from the start (idempotently); an interrupted one resumes.
            if (saved && !saved.completedAt && saved.linesDone > 0) {
                before.records = saved.linesDone;
                before.customers = saved.customersImported;
                before.receipts = saved.receiptsImported;
                summary.resumed = true;
            }
        }
        const skip = before.records;
        const preparer = new HistoryBatchPreparer(this.db, this.repos, this.catalog, this.config, this.clock);
        let writing: Promise<void> | null = null;
        const writeNext = async (batch: PositionedInput[]) => {
            const prepared = await preparer.prepare(batch, summary.linesRead);
            if (writing) await writing;
            this.report(summary, prepared);
            writing = this.commit(prepared, summary, before, options);
            // Handled when awaited; this only keeps a failure from counting as unhandled meanwhile.
            writing.catch(() => undefined);
        };

        let batch: PositionedInput[] = [];
        try {
            for await (const input of records) {
                summary.linesRead++;
                if (summary.linesRead <= skip) {
                    summary.recordsSkippedOnResume = summary.linesRead;
                    continue;
                }
                batch.push({ input, position: summary.linesRead });
                if (batch.length >= batchSize) {
                    await writeNext(batch);
                    batch = [];
                }
            }
            if (batch.length) await writeNext(batch);
        } finally {
            // A failing input still lets the batch in flight commit: the checkpoint then matches the data.
            await (writing as Promise<void> | null)?.catch(() => undefined);
            // What did commit changes what categories reach: caches over history reload on every instance.
            if (summary.receiptsImported > 0)
                await this.repos.settings.bump(HISTORY_STAMP, this.clock()).catch(() => undefined);
        }
        await writing;
        if (options.checkpoint)
            await this.finish(options.checkpoint, {
                linesDone: summary.linesRead,
                customersImported: before.customers + summary.customersImported,
                receiptsImported: before.receipts + summary.receiptsImported,
            });
        return summary;
    }

    /** Counts a batch's rejected records (before it is written, in input order). */
    private report(summary: ImportSummary, batch: PreparedBatch): void {
        summary.rejected += batch.rejected.length;
        for (const error of batch.rejected)
            if (summary.errors.length < MAX_REPORTED_ERRORS) summary.errors.push(error);
    }

    /** Writes a batch and its checkpoint in one transaction, then adds its outcome to the totals. */
    private async commit(
        batch: PreparedBatch,
        summary: ImportSummary,
        before: { customers: number; receipts: number },
        options: ImportOptions,
    ): Promise<void> {
        const base = {
            customers: before.customers + summary.customersImported,
            receipts: before.receipts + summary.receiptsImported,
        };
        let outcome: BatchOutcome;
        for (let attempt = 0; ; attempt++) {
            try {
                // READ COMMITTED: the customer lock taken first orders writers, and without gap locks two new
                // customers' first statistics rows no longer deadlock each other (REPEATABLE READ's gap locks did).
                outcome = await this.db.transaction(
                    async (tx) => {
                        const now = this.clock();
                        const result = await this.writer.write(tx, batch, now, attempt > 0);
                        if (options.checkpoint)
                            await this.checkpoints.save(
                                tx,
                                {
                                    ...options.checkpoint,
                                    linesDone: batch.position,
                                    customersImported: base.customers + result.customersImported,
                                    receiptsImported: base.receipts + result.receiptsImported,
                                },
                                now,
                            );
                        return result;
                    },
                    { readCommitted: true },
                );
                break;
            } catch (error) {
                // A receipt id or opening balance committed since the batch was prepared: write it again,
                // looking for what is present inside the transaction.
                if (attempt >= DUPLICATE_RETRIES || !isDuplicateKeyError(error)) throw error;
            }
        }
        summary.customersImported += outcome.customersImported;
        summary.receiptsImported += outcome.receiptsImported;
        summary.receiptsSkipped += outcome.receiptsSkipped;
        summary.receiptLinesImported = (summary.receiptLinesImported ?? 0) + outcome.receiptLinesImported;
        options.onProgress?.({ ...summary, errors: [...summary.errors] });
    }

    /** Saves the final totals and marks the source as done. */
    private async finish(
        checkpoint: NonNullable<ImportOptions['checkpoint']>,
        totals: Omit<CheckpointProgress, 'sourceKey' | 'fileName'>,
    ): Promise<void> {
        await this.db.transaction(async (tx) => {
            const now = this.clock();
            await this.checkpoints.save(tx, { ...checkpoint, ...totals }, now);
            await this.checkpoints.complete(tx, checkpoint.sourceKey, now);
        });
    }
}
