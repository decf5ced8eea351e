import { MAX_AMOUNT, MAX_RECEIPT_TOTAL } from '../../kernel/http/pos.schemas.js';
import { CONSENT_CHANNELS } from '../../kernel/vocabulary/channels.js';
import type { CustomerImportRecord, ReceiptImportRecord } from './history-import.types.js';
import { isIanaZone } from './import-time.js';

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

const CUSTOMER_KEYS = new Set([
    'type',
    'line',
    'cardNumber',
    'phone',
    'email',
    'name',
    'timezone',
    'homeStore',
    'enrolledAt',
    'consents',
    'openingBalance',
    'openingBalanceExpiresAt',
]);
const CHANNELS = new Set<string>(CONSENT_CHANNELS);
// A plain address: dot-separated atoms of common characters, then two or more host labels.
const EMAIL_LOCAL = /^[A-Za-z0-9_+-]+(\.[A-Za-z0-9_+-]+)*$/;
const EMAIL_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

const isId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);
const isDate = (v: unknown): v is Date => v instanceof Date && !Number.isNaN(v.getTime());
/** A non-empty string of at most `max` characters, or null or absent (joi's `string().max().allow(null)`). */
const optionalText = (v: unknown, max: number) =>
    v === undefined || v === null || (typeof v === 'string' && v.length >= 1 && v.length <= max);

function isPlainEmail(v: string): boolean {
    if (v.length > 254) return false;
    const at = v.indexOf('@');
    if (at < 1 || at > 64 || at !== v.lastIndexOf('@')) return false;
    if (!EMAIL_LOCAL.test(v.slice(0, at))) return false;
    const labels = v.slice(at + 1).split('.');
    return (
        labels.length >= 2 &&
        labels.every((l) => EMAIL_LABEL.test(l)) &&
        /^[A-Za-z]{2,63}$/.test(labels[labels.length - 1])
    );
}

/**
 * Accepts a customer record that is valid as it stands, without joi; null
 * for anything it is not sure of (see {@link acceptPlainReceipt}).
 */
export function acceptPlainCustomer(record: unknown): CustomerImportRecord | null {
    if (!record || typeof record !== 'object') return null;
    const r = record as Record<string, unknown>;
    for (const key in r) if (!CUSTOMER_KEYS.has(key)) return null;
    if (r.type !== 'customer') return null;
    if (r.line !== undefined && !(Number.isSafeInteger(r.line) && (r.line as number) >= 1)) return null;
    if (typeof r.cardNumber !== 'string' || !CARD.test(r.cardNumber)) return null;
    if (!optionalText(r.phone, 32) || !optionalText(r.name, 255)) return null;
    if (r.email !== undefined && r.email !== null && !(typeof r.email === 'string' && isPlainEmail(r.email)))
        return null;
    if (!optionalText(r.timezone, 64) || (typeof r.timezone === 'string' && !isIanaZone(r.timezone)))
        return null;
    if (r.homeStore !== undefined && r.homeStore !== null && !isId(r.homeStore)) return null;
    if (r.enrolledAt !== undefined && !isDate(r.enrolledAt)) return null;
    if (r.openingBalanceExpiresAt !== undefined && !isDate(r.openingBalanceExpiresAt)) return null;
    const balance = r.openingBalance;
    if (
        balance !== undefined &&
        !(
            typeof balance === 'number' &&
            Number.isInteger(balance) &&
            balance >= 0 &&
            !Object.is(balance, -0) &&
            balance <= MAX_AMOUNT
        )
    )
        return null;
    if (r.consents !== undefined) {
        if (!r.consents || typeof r.consents !== 'object' || Array.isArray(r.consents)) return null;
        const consents = r.consents as Record<string, unknown>;
        for (const channel in consents) {
            const c = consents[channel];
            if (!CHANNELS.has(channel) || !c || typeof c !== 'object' || Array.isArray(c)) return null;
            const { granted, at, ...rest } = c as Record<string, unknown>;
            if (typeof granted !== 'boolean' || (at !== undefined && !isDate(at))) return null;
            if (Object.keys(rest).length) return null;
        }
    }
    return record as CustomerImportRecord;
}

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
    if (!isDate(r.purchasedAt)) return null;
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
        if (typeof a !== 'number' || !Number.isInteger(a) || a < 0 || Object.is(a, -0) || a > MAX_AMOUNT)
            return null;
        total += a;
    }
    if (total > MAX_RECEIPT_TOTAL) return null;
    return record as ReceiptImportRecord;
}
