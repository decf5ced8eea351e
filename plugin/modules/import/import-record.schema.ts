import Joi from 'joi';
import { atcCode, cardNumber, MAX_AMOUNT, MAX_RECEIPT_TOTAL } from '../../kernel/http/pos.schemas.js';
import { CONSENT_CHANNELS } from '../../kernel/vocabulary/channels.js';
import type { CustomerImportRecord, ReceiptImportRecord } from './history-import.types.js';
import { isIanaZone, parseUtcTime } from './import-time.js';
import { acceptPlainCustomer, acceptPlainReceipt, MAX_IMPORT_LINES } from './import-record.fast-path.js';

/** Receipt ids, SKUs and store codes: the POS API's identifier rule. */
const id = Joi.string()
    .min(1)
    .max(64)
    .pattern(/^[A-Za-z0-9._:/#-]+$/)
    .message('{#label} must use letters, digits and . _ : / # - only');

/** A Date, or ISO 8601 text read as UTC when it carries no offset. */
const utcTime = Joi.any()
    .custom((value: unknown, helpers) => {
        const date = typeof value === 'string' ? parseUtcTime(value) : value;
        return date instanceof Date && !Number.isNaN(date.getTime()) ? date : helpers.error('any.invalid');
    })
    .messages({ 'any.invalid': '{#label} must be an ISO 8601 date such as 2026-03-01T10:00:00Z' });

/** An IANA timezone. */
const timezone = Joi.string()
    .max(64)
    .custom((zone: string, helpers) => (isIanaZone(zone) ? zone : helpers.error('any.invalid')))
    .messages({ 'any.invalid': '{#label} must be an IANA timezone such as Europe/Moscow' });

const consent = Joi.object({ granted: Joi.boolean().strict().required(), at: utcTime });

/** Preferences bound once to each schema (passing them to every validate() call costs a merge each time). */
const PREFS: Joi.ValidationOptions = { abortEarly: true, errors: { wrap: { label: false } } };

const customerSchema = Joi.object<CustomerImportRecord>({
    type: Joi.string().valid('customer').required(),
    line: Joi.number().integer().min(1),
    cardNumber: cardNumber.required(),
    phone: Joi.string().max(32).allow(null),
    email: Joi.string().email({ tlds: false }).max(254).allow(null),
    name: Joi.string().max(255).allow(null),
    timezone: timezone.allow(null),
    homeStore: id.allow(null),
    enrolledAt: utcTime,
    consents: Joi.object(Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, consent]))),
    openingBalance: Joi.number().integer().strict().min(0).max(MAX_AMOUNT),
    openingBalanceExpiresAt: utcTime,
}).prefs(PREFS);

const line = Joi.object({
    sku: id.required(),
    name: Joi.string().min(1).max(255).required(),
    atc: atcCode.allow(null),
    quantity: Joi.number().strict().greater(0).max(100000).precision(3).required(),
    amount: Joi.number().integer().strict().min(0).max(MAX_AMOUNT).required(),
});

const receiptSchema = Joi.object<ReceiptImportRecord>({
    type: Joi.string().valid('receipt').required(),
    line: Joi.number().integer().min(1),
    receiptId: id.required(),
    cardNumber: cardNumber.required(),
    storeCode: id.required(),
    purchasedAt: utcTime.required(),
    lines: Joi.array()
        .items(line)
        .min(1)
        .max(MAX_IMPORT_LINES)
        .required()
        .custom((lines: Array<{ amount: number }>, helpers) =>
            lines.reduce((s, l) => s + l.amount, 0) > MAX_RECEIPT_TOTAL
                ? helpers.error('receipt.total')
                : lines,
        )
        .messages({ 'receipt.total': `the receipt total must not exceed ${MAX_RECEIPT_TOTAL}` }),
}).prefs(PREFS);

/** A validated record, or why it was rejected. */
export type Checked<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

/** What validating a record gives. */
export type CheckedRecord = Checked<CustomerImportRecord> | Checked<ReceiptImportRecord>;

/**
 * Validates one import record (dates given as text become Dates); plain
 * records are accepted by a quicker check first. Error messages name the
 * field and the rule, never the value: records carry phone numbers, e-mails
 * and card numbers.
 */
export function checkImportRecord(record: unknown): CheckedRecord {
    const type = (record as { type?: unknown } | null)?.type;
    const plain = type === 'receipt' ? acceptPlainReceipt(record) : acceptPlainCustomer(record);
    return plain ? { value: plain } : checkWithSchema(record);
}

/** Validates one import record with the joi schemas alone (the rules the quicker checks follow). */
export function checkWithSchema(record: unknown): CheckedRecord {
    const type = (record as { type?: unknown } | null)?.type;
    const schema = type === 'customer' ? customerSchema : type === 'receipt' ? receiptSchema : null;
    if (!schema) return { error: 'type must be "customer" or "receipt"' };
    const { value, error } = schema.validate(record);
    if (error) return { error: describe(error) };
    return { value } as CheckedRecord;
}

/** The first problem of a validation error, without the offending value. */
function describe(error: Joi.ValidationError): string {
    const detail = error.details[0];
    if (!detail) return 'is invalid';
    const label = detail.context?.label ?? detail.path.join('.');
    // Joi's default pattern message quotes the value; every pattern above has its own message.
    if (detail.type === 'string.pattern.base' && detail.message.includes('fails to match'))
        return `${label} has an invalid format`;
    return detail.message.startsWith(label) ? detail.message : `${label} ${detail.message}`;
}
