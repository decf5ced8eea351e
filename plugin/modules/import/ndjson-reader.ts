import { createInterface } from 'node:readline';
import type { ImportInput } from './history-import.types.js';
import { openSource, type ImportSource } from './csv-source.js';
import { toUtcTime } from './import-time.js';

/**
 * Streams an NDJSON history file: one JSON object a line, a `customer` or a
 * `receipt` record (the demo generator's `demo export` output is one).
 * Dates are ISO 8601 text and become Dates (UTC when they carry no offset);
 * blank lines and a UTF-8 BOM are skipped; a line that is not a JSON object becomes an
 * `unreadable` record. Field values are checked by the importer.
 */
export async function* readNdjson(source: ImportSource): AsyncGenerator<ImportInput> {
    const lines = createInterface({ input: openSource(source), crlfDelay: Infinity });
    let line = 0;
    for await (const raw of lines) {
        line++;
        const text = line === 1 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
        if (!text.trim()) continue;
        let value: unknown;
        try {
            value = JSON.parse(text);
        } catch {
            yield { type: 'unreadable', line, message: 'is not valid JSON' };
            continue;
        }
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
            yield { type: 'unreadable', line, message: 'is not a JSON object' };
            continue;
        }
        yield withDates(value as Record<string, unknown>, line);
    }
}

/** Turns the date fields of a parsed record into Dates and notes its line. */
function withDates(record: Record<string, unknown>, line: number): ImportInput {
    for (const field of ['purchasedAt', 'enrolledAt', 'openingBalanceExpiresAt'])
        if (field in record) record[field] = toUtcTime(record[field]);
    const consents = record.consents;
    if (consents && typeof consents === 'object')
        for (const consent of Object.values(consents as Record<string, unknown>))
            if (consent && typeof consent === 'object' && 'at' in consent)
                (consent as { at: unknown }).at = toUtcTime((consent as { at: unknown }).at);
    record.line = line;
    return record as unknown as ImportInput;
}
