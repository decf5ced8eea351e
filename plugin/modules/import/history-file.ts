import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { RefillError } from '../../kernel/errors/refill-error.js';
import type { ImportInput } from './history-import.types.js';
import { readHistoryCsv } from './history-csv-reader.js';
import { readNdjson } from './ndjson-reader.js';

/** The history file formats. */
export type HistoryFormat = 'csv' | 'ndjson';

/** Bytes from the start of a file that go into its checkpoint key. */
const KEY_PREFIX_BYTES = 64 * 1024;

/** The format of a history file: the one asked for, or the one its extension names. */
export function historyFormatOf(path: string, asked?: string): HistoryFormat {
    const wanted = asked?.toLowerCase();
    if (wanted === 'csv' || wanted === 'ndjson') return wanted;
    if (wanted !== undefined)
        throw new RefillError('REFILL_VALIDATION', 'Unknown history format', {
            format: asked,
            allowed: ['csv', 'ndjson'],
        });
    const ext = extname(path).toLowerCase();
    if (ext === '.csv') return 'csv';
    if (ext === '.ndjson' || ext === '.jsonl' || ext === '.json') return 'ndjson';
    throw new RefillError(
        'REFILL_VALIDATION',
        'Cannot tell the history format from the file name; pass --format csv or --format ndjson',
        { extension: ext || null },
    );
}

/**
 * The checkpoint key of a history file: SHA-256 of its absolute path, its
 * size and its first 64 KB. The same file imported again after a crash gets
 * the same key (and resumes); a changed or different file gets another.
 */
export async function historySourceKey(path: string): Promise<string> {
    const absolute = resolve(path);
    const { size } = await stat(absolute);
    const head = Buffer.alloc(Math.min(size, KEY_PREFIX_BYTES));
    const file = await open(absolute, 'r');
    try {
        await file.read(head, 0, head.length, 0);
    } finally {
        await file.close();
    }
    return createHash('sha256').update(`${absolute}\0${size}\0`).update(head).digest('hex');
}

/** The records of a history file in `format`. */
export function readHistoryFile(
    source: Readable | string,
    format: HistoryFormat,
): AsyncGenerator<ImportInput> {
    return format === 'csv' ? readHistoryCsv(source) : readNdjson(source);
}
