import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { RefillError } from '../../kernel/errors/refill-error.js';

/** A file path or an open stream of it. */
export type ImportSource = string | Readable;

/** One data row of a CSV file: cells by lower-cased header name. */
export interface CsvRow {
    /** Line of the file the row ends on (1-based; the header is line 1). */
    line: number;
    cells: Record<string, string>;
    /** Set when the row has a different number of fields than the header. */
    fieldCountError?: string;
}

/** How to read a CSV file. */
export interface CsvOptions {
    /** Field delimiter. Default `,`. */
    delimiter?: string;
}

/** Opens a path as a byte stream; passes a stream through. */
export function openSource(source: ImportSource): Readable {
    return typeof source === 'string' ? createReadStream(source) : source;
}

/**
 * Streams a CSV file with a header row (RFC 4180 quoting, an optional UTF-8
 * BOM, cells trimmed, blank lines skipped). Yields the header once, then
 * every row; rows with a wrong number of fields are flagged, not dropped. A
 * file that is not CSV at all (an unclosed quote) fails with
 * `REFILL_VALIDATION` naming the line.
 */
export async function* readCsv(
    source: ImportSource,
    options: CsvOptions = {},
): AsyncGenerator<{ header: string[] } | CsvRow> {
    const parser = openSource(source).pipe(
        parse({
            bom: true,
            info: true,
            trim: true,
            skip_empty_lines: true,
            relax_column_count: true,
            delimiter: options.delimiter ?? ',',
        }),
    );
    let header: string[] | null = null;
    try {
        for await (const { record, info } of parser as AsyncIterable<{
            record: string[];
            info: { lines: number };
        }>) {
            if (!header) {
                header = record.map((h) => h.trim().toLowerCase());
                yield { header };
                continue;
            }
            const cells: Record<string, string> = {};
            header.forEach((name, i) => {
                cells[name] = record[i] ?? '';
            });
            const row: CsvRow = { line: info.lines, cells };
            if (record.length !== header.length)
                row.fieldCountError = `the row has ${record.length} fields, the header ${header.length}`;
            yield row;
        }
    } catch (error) {
        const e = error as { code?: string; lines?: number; message?: string };
        if (typeof e.code === 'string' && e.code.startsWith('CSV_'))
            throw new RefillError(
                'REFILL_VALIDATION',
                `Not a readable CSV file near line ${e.lines ?? '?'}`,
                {
                    code: e.code,
                    line: e.lines ?? null,
                },
            );
        throw error;
    }
}

/** Reads a CSV flag: 1/0, true/false, yes/no; an empty cell is false; anything else is undefined. */
export function csvFlag(text: string): boolean | undefined {
    const t = text.trim().toLowerCase();
    if (t === '' || t === '0' || t === 'false' || t === 'no' || t === 'n') return false;
    if (t === '1' || t === 'true' || t === 'yes' || t === 'y') return true;
    return undefined;
}

/** Reads a CSV number cell: empty is undefined; text that is not a number stays as text for validation to reject. */
export function csvNumber(text: string): number | string | undefined {
    const t = text.trim();
    if (t === '') return undefined;
    const n = Number(t);
    return Number.isFinite(n) ? n : t;
}

/** Reads an optional CSV text cell: empty is undefined. */
export function csvText(text: string): string | undefined {
    return text === '' ? undefined : text;
}
