import Joi from 'joi';
import { deskReason, idempotencyKey } from '../../../kernel/http/admin.schemas.js';
import { cardNumber, ianaTimezone } from '../../../kernel/http/pos.schemas.js';
import { CONSENT_CHANNELS } from '../../../kernel/vocabulary/channels.js';
import { CONSENT_PURPOSES } from '../rules/consent.rules.js';

/*
 * What the store desk's routes validate, and what they answer (the answer
 * schemas are for the OpenAPI document only).
 */

/** Whether `value` (`YYYY-MM-DD`) is a real calendar day. */
function isCalendarDay(value: string): boolean {
    const day = new Date(`${value}T00:00:00.000Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/** A birth date: a real calendar day from 1900 on, not in the future. */
export const birthDate = Joi.string()
    .pattern(/^\d{4}-\d{2}-\d{2}$/)
    .custom((value: string, helpers) => {
        if (!isCalendarDay(value) || value < '1900-01-01') return helpers.error('any.invalid');
        if (value > new Date().toISOString().slice(0, 10)) return helpers.error('any.invalid');
        return value;
    })
    .messages({
        'string.pattern.base': 'must be a date as YYYY-MM-DD',
        'any.invalid': 'must be a real day between 1900-01-01 and today',
    });

/** PATCH /customers/:cardNumber/contacts: at least one contact, and the reason. */
export const contactsBody = Joi.object({
    name: Joi.string().trim().max(255).allow(null),
    phone: Joi.string().max(32).allow(null).description('Any format; stored as E.164'),
    email: Joi.string().email({ tlds: false }).max(254).allow(null),
    timezone: ianaTimezone.allow(null).description('IANA timezone'),
    locale: Joi.string().valid('ru', 'en').allow(null),
    birthDate: birthDate.allow(null).description('`YYYY-MM-DD`; null clears'),
    reason: deskReason.required(),
})
    .or('name', 'phone', 'email', 'timezone', 'locale', 'birthDate')
    .messages({
        'object.missing': 'must change at least one of name, phone, email, timezone, locale, birthDate',
    });

/** `:cardNumber` and `:channel` of PUT /customers/:cardNumber/consents/:channel. */
export const consentParams = Joi.object({
    cardNumber: cardNumber.required(),
    channel: Joi.string()
        .valid(...CONSENT_CHANNELS)
        .required(),
});

/** PUT /customers/:cardNumber/consents/:channel. */
export const consentBody = Joi.object({
    kind: Joi.string()
        .valid(...CONSENT_PURPOSES)
        .required()
        .description('`marketing` (offers) or `service` (bonus expiry, balance, welcome)'),
    granted: Joi.boolean().strict().required(),
    reason: deskReason.required(),
});

/** POST /customers/:cardNumber/replace. */
export const replaceBody = Joi.object({
    newCardNumber: cardNumber.required(),
    reason: deskReason.required(),
    idempotencyKey: idempotencyKey.required(),
});

/** POST /customers/:cardNumber/block and /unblock. */
export const blockBody = Joi.object({ reason: deskReason.required() });
