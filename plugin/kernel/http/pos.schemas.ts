import Joi from 'joi';
import { DateTime } from 'luxon';
import { parseTillTime } from '../till-time.rules.js';

/** Largest line amount and redeem accepted (minor units): 10 million roubles. */
export const MAX_AMOUNT = 1_000_000_000;
/** Largest receipt total (keeps every sum inside 32-bit columns). */
export const MAX_RECEIPT_TOTAL = 2_000_000_000;

/** An identifier a till sends (receipt, store, SKU, return): 1 to `max` letters, digits and `. _ : / # -`. */
export const posId = (max = 64) =>
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
/** An amount in minor units, 0 to {@link MAX_AMOUNT}. */
export const posAmount = Joi.number().integer().min(0).max(MAX_AMOUNT).strict();
/** An IANA timezone name such as Europe/Moscow. */
export const ianaTimezone = Joi.string()
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
    })
    .meta({ format: 'date-time' });

/** `:cardNumber` in the path. */
export const cardParams = Joi.object({ cardNumber: cardNumber.required() });
