import Joi from 'joi';
import { CONSENT_CHANNELS } from '../../../kernel/vocabulary/channels.js';

/*
 * What the POS customer routes answer, for the OpenAPI document only (never
 * checked at run time; the OpenAPI test checks real answers against them).
 * Every field is present unless marked optional. Amounts are integers in
 * minor units.
 */

const amount = Joi.number().integer().min(0);
const time = Joi.string().isoDate();

/** A channel's consent: given or withdrawn, and when. */
const consentState = Joi.object({ granted: Joi.boolean(), changedAt: time }).optional().id('ConsentState');

/** The current consents of a customer, by channel (a channel never set is absent). */
const consentStates = Joi.object(Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, consentState])));

/** A customer's profile and consents as the till sees it. */
export const customerAnswer = Joi.object({
    cardNumber: Joi.string(),
    phone: Joi.string()
        .allow(null)
        .description('Masked: `+7 916 ***-**-67` (E.164 `+79161234567` with `pos.exposeContacts`)'),
    email: Joi.string()
        .allow(null)
        .description('Masked: `i***@example.com` (whole with `pos.exposeContacts`)'),
    name: Joi.string().allow(null),
    timezone: Joi.string().allow(null).description('IANA timezone'),
    locale: Joi.string().allow(null),
    telegramChatId: Joi.string()
        .allow(null)
        .description('`***` when set (the chat id with `pos.exposeContacts`)'),
    pushToken: Joi.string().allow(null).description('`***` when set (the token with `pos.exposeContacts`)'),
    consents: consentStates.description('Marketing consents'),
    serviceConsents: consentStates.description(
        'Service consents (bonus expiry, balance, welcome); a channel without one of its own follows its marketing consent',
    ),
    enrolledAt: time,
})
    .prefs({ presence: 'required' })
    .id('Customer')
    .description(
        'Contacts are masked unless the chain sets `pos.exposeContacts`: any store key could otherwise read every customer’s phone and email.',
    );

/** A customer's bonuses, next expiries and active offers. */
export const balanceAnswer = Joi.object({
    cardNumber: Joi.string(),
    available: amount.description('Bonuses the customer may spend now'),
    pending: amount.description('Bonuses earned but not yet spendable'),
    debt: amount.description('Bonuses owed after returns of already-spent bonuses'),
    expiries: Joi.array().items(
        Joi.object({
            date: Joi.string().meta({ format: 'date' }).description('The day they burn'),
            amount: amount.description('How many burn that day'),
        }),
    ),
    offers: Joi.array().items(
        Joi.object({
            id: Joi.number().integer(),
            kind: Joi.string().valid('multiplier', 'gift'),
            category: Joi.string().allow(null),
            multiplier: Joi.number().integer().allow(null),
            giftAmount: Joi.number().integer().allow(null),
            startsAt: time,
            endsAt: time,
            bonusLifetimeDays: Joi.number().integer().description('Lifetime of the bonuses it grants'),
        }),
    ),
})
    .prefs({ presence: 'required' })
    .id('Balance');
