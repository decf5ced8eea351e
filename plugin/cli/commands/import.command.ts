import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { RefillError } from '../../kernel/errors/refill-error.js';
import {
    historyFormatOf,
    historySourceKey,
    importCatalog,
    type ImportSummary,
    readHistoryFile,
} from '../../modules/import/index.js';
import type { CliContext } from '../cli-context.js';
import { refillInternals } from '../../refill-internals.js';

/**
 * Records per transaction for file imports: larger than the service's default, since on SQLite
 * each commit costs a WAL write; a batch still holds its customers' locks for well under a second.
 */
const CLI_BATCH = 1000;
/** Rejected records printed at most (the summary counts them all). */
const ERRORS_SHOWN = 20;

function positiveInt(value: string): number {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1)
        throw new InvalidArgumentError('must be a whole number of at least 1');
    return n;
}

/** The size of a file to import; a missing file is a coded error, not a stack trace. */
async function fileSize(path: string): Promise<number> {
    try {
        const s = await stat(path);
        if (!s.isFile()) throw new Error('not a file');
        return s.size;
    } catch {
        throw new RefillError('REFILL_NOT_FOUND', 'No such file', { path });
    }
}

/** A progress bar over the bytes of a file on stderr, or nothing. */
function byteBar(enabled: boolean, total: number) {
    if (!enabled) return { update: (_bytes: number, _s: ImportSummary) => undefined, stop: () => undefined };
    const bar = new cliProgress.SingleBar(
        {
            format: 'importing [{bar}] {percentage}% | {records} records | {receipts} receipts | {duration_formatted} elapsed, ETA {eta_formatted}',
            stream: process.stderr,
            fps: 5,
        },
        cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(total, 1), 0, { records: 0, receipts: 0 });
    return {
        update: (bytes: number, s: ImportSummary) =>
            bar.update(bytes, { records: s.linesRead, receipts: s.receiptsImported }),
        stop: () => bar.stop(),
    };
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** `refill import catalog|history` */
export function registerImportCommands(program: Command, ctx: CliContext): void {
    const cmd = program.command('import').description('import the catalogue or past receipts');

    cmd.command('catalog <products-csv>')
        .description('insert or update products (by SKU) and, with --categories, categories and their rules')
        .option('--categories <csv>', 'categories file: code, name, atc_prefixes, skus, flags, rhythm')
        .action(async (productsFile: string, opts: { categories?: string }) => {
            await fileSize(productsFile);
            if (opts.categories) await fileSize(opts.categories);
            await ctx.withRefill(program, async (refill) => {
                const started = Date.now();
                const s = await importCatalog(refillInternals(refill).services.catalog, {
                    products: productsFile,
                    categories: opts.categories,
                });
                for (const e of s.errors.slice(0, ERRORS_SHOWN))
                    ctx.io.err(`${e.file} line ${e.line}: ${e.message}`);
                ctx.io.out(
                    `catalogue imported: ${s.categories} categories, ${s.products} products, ${s.rejected} rows rejected, in ${seconds(Date.now() - started)} s`,
                );
            });
        });

    cmd.command('history <file>')
        .description(
            'import customers and past receipts (CSV or NDJSON); idempotent on receipt ids, resumes after a crash',
        )
        .option('--format <format>', 'csv or ndjson (default: from the file extension)')
        .option('--batch <n>', 'records per transaction', positiveInt, CLI_BATCH)
        .option('--no-progress', 'no progress bar')
        .action(async (file: string, opts: { format?: string; batch: number; progress: boolean }) => {
            const path = resolve(file);
            const size = await fileSize(path);
            const format = historyFormatOf(path, opts.format);
            const sourceKey = await historySourceKey(path);
            await ctx.withRefill(program, async (refill) => {
                const started = Date.now();
                const stream = createReadStream(path);
                const bar = byteBar(opts.progress && process.stderr.isTTY === true, size);
                let summary: ImportSummary;
                try {
                    summary = await refillInternals(refill).services.history.importRecords(
                        readHistoryFile(stream, format),
                        {
                            batchSize: opts.batch,
                            checkpoint: { sourceKey, fileName: basename(path) },
                            onProgress: (s) => bar.update(stream.bytesRead, s),
                        },
                    );
                } finally {
                    bar.stop();
                    stream.destroy();
                }
                const elapsed = Date.now() - started;
                if (summary.resumed)
                    ctx.io.out(
                        `resumed: the first ${summary.recordsSkippedOnResume ?? 0} records were imported by an earlier run`,
                    );
                for (const e of summary.errors.slice(0, ERRORS_SHOWN))
                    ctx.io.err(`line ${e.line}: ${e.message}`);
                if (summary.rejected > ERRORS_SHOWN)
                    ctx.io.err(`… and ${summary.rejected - ERRORS_SHOWN} more rejected records`);
                const rate = Math.round(((summary.receiptLinesImported ?? 0) * 1000) / Math.max(elapsed, 1));
                const receiptRate = Math.round((summary.receiptsImported * 1000) / Math.max(elapsed, 1));
                ctx.io.out(
                    `history imported from ${basename(path)}: ${summary.linesRead} records read, ` +
                        `${summary.customersImported} customers, ${summary.receiptsImported} receipts ` +
                        `(${summary.receiptLinesImported ?? 0} lines), ${summary.receiptsSkipped} receipts already present, ` +
                        `${summary.rejected} rejected, in ${seconds(elapsed)} s (${receiptRate} receipts/s, ${rate} lines/s)`,
                );
            });
        });
}
