import Joi from 'joi';
import { DateTime } from 'luxon';
import { parseTillTime } from '../../modules/ledger/rules/pos-time.rules.js';
import { CONSENT_CHANNELS } from '../../modules/customers/services/customer.service.js';
import type { CustomerUpdate } from '../../modules/customers/services/customer.service.js';
import type { PreviewInput, PurchaseInput } from '../../modules/ledger/services/purchase.views.js';
import type { ReturnInput } from '../../modules/ledger/services/return.service.js';

/** Largest line amount and redeem accepted (minor units): 10 million roubles. */
export const MAX_AMOUNT = 1_000_000_000;
/** Largest receipt total (keeps every sum inside 32-bit columns). */
export const MAX_RECEIPT_TOTAL = 2_000_000_000;

const id = (max = 64) =>
    Joi.string()
        .min(1)
        .max(max)
        .pattern(/^[A-Za-z0-9._:/#-]+$/)
        .message('must use letters, digits and . _ : / # - only');
/** A card number: 4 to 64 letters, digits or dashes. */
export const cardNumber = Joi.string()
    .pattern(/^[A-Za-z0-9-]{4,64}$/)
    .message('must be 4 to 64 letters, digits or dashes');
/** An ATC code at any level, e.g. C, C09, C09A, C09AA, C09AA05. */
export const atcCode = Joi.string()
    .uppercase()
    .pattern(/^[A-Z](\d\d([A-Z]([A-Z](\d\d)?)?)?)?$/)
    .message('must be an ATC code such as C09AA05');
const amount = Joi.number().integer().min(0).max(MAX_AMOUNT).strict();
const timezone = Joi.string()
    .max(64)
    .custom((v: string, h) => (DateTime.now().setZone(v).isValid ? v : h.error('any.invalid')))
    .message('must be an IANA timezone such as Europe/Moscow');

/**
 * A till's time: an RFC 3339 date-time with an offset (a Date from in-process
 * hooks). Dates that do not exist, such as 30 February, are refused rather
 * than rolled over; the bounds that depend on the clock are the services'.
 */
export const tillTime = Joi.any()
    .custom((value: unknown, helpers) => {
        if (value instanceof Date)
            return Number.isNaN(value.getTime()) ? helpers.error('time.invalid') : value;
        const parsed = typeof value === 'string' ? parseTillTime(value) : null;
        return parsed ?? helpers.error('time.invalid');
    })
    .messages({
        'time.invalid':
            'must be an existing date and time in ISO 8601 with a timezone offset, e.g. 2026-11-23T10:00:00Z',
    });

const line = Joi.object({
    sku: id(),
    name: Joi.string().min(1).max(255).required(),
    atc: atcCode.allow(null),
    quantity: Joi.number().strict().greater(0).max(100000).precision(3).required(),
    amount: amount.required(),
}).options({ presence: 'optional' });

const lines = (max: number) =>
    Joi.array()
        .items(line.keys({ sku: id().required() }))
        .min(1)
        .max(max)
        .required()
        .custom((value: Array<{ amount: number }>, helpers) =>
            value.reduce((s, l) => s + l.amount, 0) > MAX_RECEIPT_TOTAL
                ? helpers.error('receipt.total')
                : value,
        )
        .messages({ 'receipt.total': `the receipt total must not exceed ${MAX_RECEIPT_TOTAL}` });

/** `:cardNumber` in the path. */
export const cardParams = Joi.object({ cardNumber: cardNumber.required() });

/** `:receiptId` in the path. */
export const receiptParams = Joi.object({ receiptId: id().required() });

const consent = Joi.object({ granted: Joi.boolean().strict().required(), at: tillTime });

/** PUT /customers/:cardNumber */
export const customerBody = Joi.object<CustomerUpdate>({
    phone: Joi.string().max(32).allow(null),
    email: Joi.string().email({ tlds: false }).max(254).allow(null),
    name: Joi.string().max(255).allow(null),
    timezone: timezone.allow(null),
    locale: Joi.string().valid('ru', 'en').allow(null),
    telegramChatId: Joi.string()
        .pattern(/^-?\d{1,20}$/)
        .message('must be a Telegram chat id (digits)')
        .allow(null),
    pushToken: Joi.string().max(255).allow(null),
    consents: Joi.object(Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, consent]))),
    serviceConsents: Joi.object(Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, consent]))),
});

/** POST /receipts/preview */
export function previewBody(maxLines: number): Joi.ObjectSchema<PreviewInput> {
    return Joi.object({
        cardNumber,
        lines: lines(maxLines),
        redeem: amount,
        // A till may reuse its receipt body for the preview: these are accepted and ignored.
        receiptId: Joi.any().strip(),
        storeCode: Joi.any().strip(),
        purchasedAt: Joi.any().strip(),
    });
}

/** POST /receipts */
export function receiptBody(maxLines: number): Joi.ObjectSchema<PurchaseInput> {
    return Joi.object<PurchaseInput>({
        receiptId: id().required(),
        cardNumber: cardNumber.required(),
        storeCode: id().required(),
        purchasedAt: tillTime.required(),
        lines: lines(maxLines),
        redeem: amount.default(0),
    });
}

/** POST /receipts/:receiptId/returns */
export function returnBody(maxLines: number): Joi.ObjectSchema<ReturnInput> {
    return Joi.object<ReturnInput>({
        returnId: id().required(),
        returnedAt: tillTime,
        /** The store that sold the receipt, when another store takes the return back (`returns.allowCrossStore`). */
        receiptStoreCode: id(),
        lines: Joi.array()
            .items(
                Joi.object({
                    sku: id().required(),
                    quantity: Joi.number().strict().greater(0).max(100000).precision(3).required(),
                }),
            )
            .min(1)
            .max(maxLines)
            .required(),
    });
}
