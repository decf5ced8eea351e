import { RefillError } from '../../kernel/errors/refill-error.js';
import { CONSENT_CHANNELS } from '../../kernel/vocabulary/channels.js';
import type { CustomerImportRecord, ImportInput, ReceiptImportRecord } from './history-import.types.js';
import {
    csvFlag,
    csvNumber,
    csvText,
    readCsv,
    type CsvOptions,
    type CsvRow,
    type ImportSource,
} from './csv-source.js';
import { parseUtcTime } from './import-time.js';

/** The two kinds of history CSV file. */
export type HistoryCsvKind = 'customers' | 'receipt-lines';

/** Columns of a receipt-lines file (one row per receipt line). */
export const RECEIPT_LINE_COLUMNS = [
    'receipt_id',
    'card_number',
    'store_code',
    'purchased_at',
    'sku',
    'name',
    'atc',
    'quantity',
    'amount',
] as const;

/** Columns of a customers file. */
export const CUSTOMER_COLUMNS = [
    'card_number',
    'phone',
    'email',
    'name',
    'timezone',
    'home_store',
    'enrolled_at',
    ...CONSENT_CHANNELS.map((c) => `consent_${c}`),
    'opening_balance',
] as const;

/** Tells the kind of a history CSV file from its header. */
export function historyCsvKind(header: readonly string[]): HistoryCsvKind {
    if (header.includes('receipt_id')) {
        const missing = RECEIPT_LINE_COLUMNS.filter((c) => c !== 'atc' && !header.includes(c));
        if (missing.length)
            throw new RefillError('REFILL_VALIDATION', 'The receipt-lines CSV lacks required columns', {
                missing,
            });
        return 'receipt-lines';
    }
    if (header.includes('card_number')) return 'customers';
    throw new RefillError(
        'REFILL_VALIDATION',
        'Not a history CSV: the header needs card_number (customers) or receipt_id (receipt lines)',
        { header: header.slice(0, 20) },
    );
}

/**
 * Streams a history CSV file as import records: a customers file (one
 * customer a row) or a receipt-lines file (one receipt line a row;
 * consecutive rows with the same receipt_id make one receipt). The kind
 * follows from the header. Rows it cannot read become `unreadable` records;
 * field values are checked by the importer.
 */
export async function* readHistoryCsv(
    source: ImportSource,
    options: CsvOptions = {},
): AsyncGenerator<ImportInput> {
    let kind: HistoryCsvKind | null = null;
    let receipt: PendingReceipt | null = null;
    for await (const item of readCsv(source, options)) {
        if ('header' in item) {
            kind = historyCsvKind(item.header);
            continue;
        }
        if (kind === 'customers') {
            yield customerFromRow(item);
            continue;
        }
        const id = item.cells.receipt_id;
        if (receipt && (id === '' || id !== receipt.record.receiptId)) {
            yield finish(receipt);
            receipt = null;
        }
        if (!receipt) receipt = startReceipt(item);
        else addLine(receipt, item);
    }
    if (receipt) yield finish(receipt);
}

function customerFromRow(row: CsvRow): ImportInput {
    if (row.fieldCountError) return { type: 'unreadable', line: row.line, message: row.fieldCountError };
    const c = row.cells;
    const record: CustomerImportRecord & Record<string, unknown> = {
        type: 'customer',
        line: row.line,
        cardNumber: c.card_number,
    };
    const text = (column: string) => csvText(c[column] ?? '');
    for (const [field, column] of [
        ['phone', 'phone'],
        ['email', 'email'],
        ['name', 'name'],
        ['timezone', 'timezone'],
        ['homeStore', 'home_store'],
    ] as const) {
        const value = text(column);
        if (value !== undefined) record[field] = value;
    }
    const enrolled = text('enrolled_at');
    if (enrolled !== undefined) record.enrolledAt = parseUtcTime(enrolled);
    const consents: NonNullable<CustomerImportRecord['consents']> = {};
    for (const channel of CONSENT_CHANNELS) {
        const cell = (c[`consent_${channel}`] ?? '').trim();
        if (cell === '') continue;
        const granted = csvFlag(cell);
        if (granted === undefined)
            return {
                type: 'unreadable',
                line: row.line,
                message: `consent_${channel} must be 1, 0 or empty`,
            };
        consents[channel] = { granted };
    }
    if (Object.keys(consents).length) record.consents = consents;
    const balance = csvNumber(c.opening_balance ?? '');
    if (balance !== undefined) record.openingBalance = balance as number;
    return record;
}

/** A receipt being assembled from consecutive rows. */
interface PendingReceipt {
    record: ReceiptImportRecord;
    /** purchased_at as written on its first row. */
    purchasedAtText: string;
    /** Why the rows cannot make a receipt, if they cannot. */
    error: string | null;
}

function startReceipt(row: CsvRow): PendingReceipt {
    const c = row.cells;
    return {
        purchasedAtText: c.purchased_at,
        record: {
            type: 'receipt',
            line: row.line,
            receiptId: c.receipt_id,
            cardNumber: c.card_number,
            storeCode: c.store_code,
            purchasedAt: parseUtcTime(c.purchased_at),
            lines: [lineOf(row)],
        },
        error: row.fieldCountError ? `line ${row.line}: ${row.fieldCountError}` : null,
    };
}

function addLine(receipt: PendingReceipt, row: CsvRow): void {
    const c = row.cells;
    const first = receipt.record;
    if (!receipt.error && row.fieldCountError) receipt.error = `line ${row.line}: ${row.fieldCountError}`;
    for (const [column, value] of [
        ['card_number', first.cardNumber],
        ['store_code', first.storeCode],
        ['purchased_at', receipt.purchasedAtText],
    ] as const)
        if (!receipt.error && c[column] !== value)
            receipt.error = `line ${row.line}: the rows of one receipt disagree on ${column}`;
    first.lines.push(lineOf(row));
}

function lineOf(row: CsvRow): ReceiptImportRecord['lines'][number] {
    const c = row.cells;
    return {
        sku: c.sku,
        name: c.name,
        atc: csvText(c.atc ?? '') ?? null,
        quantity: csvNumber(c.quantity) as number,
        amount: csvNumber(c.amount) as number,
    };
}

function finish(receipt: PendingReceipt): ImportInput {
    if (receipt.error) return { type: 'unreadable', line: receipt.record.line ?? 0, message: receipt.error };
    return receipt.record;
}
