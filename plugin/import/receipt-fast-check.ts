import { MAX_AMOUNT, MAX_RECEIPT_TOTAL } from '../api/schemas/pos.schemas.js';
import type { ReceiptImportRecord } from '../services/history-import.types.js';

/** Most lines accepted on one imported receipt. */
export const MAX_IMPORT_LINES = 1000;

// The same rules as the joi schemas (import-record.schema.ts, pos.schemas.ts), narrowed where
// exactness would cost: this check may send a valid receipt on to joi, never pass an invalid one.
const ID = /^[A-Za-z0-9._:/#-]{1,64}$/;
const CARD = /^[A-Za-z0-9-]{4,64}$/;
const ATC = /^[A-Z](\d\d([A-Z]([A-Z](\d\d)?)?)?)?$/;
const RECEIPT_KEYS = new Set([
    'type',
    'line',
    'receiptId',
    'cardNumber',
    'storeCode',
    'purchasedAt',
    'lines',
]);
const LINE_KEYS = new Set(['sku', 'name', 'atc', 'quantity', 'amount']);

const isId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);

/**
 * Accepts a receipt that is valid as it stands, without joi: most of a
 * history file is such receipts, and joi costs tens of microseconds each.
 * Returns null for anything it is not sure of (an unusual but valid receipt
 * included), which then goes through the joi schema for its verdict and its
 * error message. A property test keeps the two in step.
 */
export function acceptPlainReceipt(record: unknown): ReceiptImportRecord | null {
    if (!record || typeof record !== 'object') return null;
    const r = record as Record<string, unknown>;
    for (const key in r) if (!RECEIPT_KEYS.has(key)) return null;
    if (r.type !== 'receipt') return null;
    if (r.line !== undefined && !(Number.isSafeInteger(r.line) && (r.line as number) >= 1)) return null;
    if (!isId(r.receiptId) || !isId(r.storeCode)) return null;
    if (typeof r.cardNumber !== 'string' || !CARD.test(r.cardNumber)) return null;
    if (!(r.purchasedAt instanceof Date) || Number.isNaN(r.purchasedAt.getTime())) return null;
    const lines = r.lines;
    if (!Array.isArray(lines) || lines.length < 1 || lines.length > MAX_IMPORT_LINES) return null;
    let total = 0;
    for (const line of lines) {
        if (!line || typeof line !== 'object' || Array.isArray(line)) return null;
        const l = line as Record<string, unknown>;
        for (const key in l) if (!LINE_KEYS.has(key)) return null;
        if (!isId(l.sku)) return null;
        if (typeof l.name !== 'string' || l.name.length < 1 || l.name.length > 255) return null;
        if (l.atc !== undefined && l.atc !== null && !(typeof l.atc === 'string' && ATC.test(l.atc)))
            return null;
        const q = l.quantity;
        if (typeof q !== 'number' || !(q > 0 && q <= 100_000) || !Number.isInteger(q * 1000)) return null;
        const a = l.amount;
        if (typeof a !== 'number' || !Number.isInteger(a) || a < 0 || a > MAX_AMOUNT) return null;
        total += a;
    }
    if (total > MAX_RECEIPT_TOTAL) return null;
    return record as ReceiptImportRecord;
}
