import Joi from 'joi';
import { cardNumber } from '../../../kernel/http/pos.schemas.js';
import { isoTime, pageAnswer, pageQueryKeys } from '../../../kernel/http/page.js';
import { CONSENT_CHANNELS } from '../../../kernel/vocabulary/channels.js';
import { CARD_FORMS } from '../entities/customer.entity.js';

/*
 * The store desk's customer routes: what they validate, and what they answer
 * for the OpenAPI document (the admin UI's types come from it). Every answer
 * field is present unless marked optional; amounts are integers in minor
 * units, times ISO-8601 UTC.
 */

const time = isoTime;
const amount = Joi.number().integer();
const channel = Joi.string().valid(...CONSENT_CHANNELS);
const consentKind = Joi.string().valid('marketing', 'service');

/** `:cardNumber` in the admin API's customer paths. */
export const adminCardNumberParams = Joi.object({ cardNumber: cardNumber.required() });

/** GET /customers: `?q=&cursor=&limit=`. */
export const customerSearchQuery = Joi.object({
    q: Joi.string()
        .allow('')
        .max(255)
        .description(
            'As typed: a phone in any format, digits (a card, or a phone), an e-mail, or the start of a name; empty for the newest customers',
        ),
    ...pageQueryKeys,
});

/** A store beside a customer. */
const storeRef = Joi.object({ id: Joi.number().integer(), code: Joi.string(), name: Joi.string() })
    .prefs({ presence: 'required' })
    .allow(null)
    .id('StoreRef');

const summaryFields = {
    id: Joi.number().integer(),
    cardNumber: Joi.string(),
    name: Joi.string().allow(null),
    phone: Joi.string().allow(null).description('E.164'),
    email: Joi.string().allow(null),
    balance: amount.description('Bonuses available now'),
    cardKind: Joi.string().valid('regular', 'test', 'employee'),
    blocked: Joi.boolean(),
    lastPurchaseAt: time.allow(null),
    homeStore: storeRef,
};

/** A customer in the search results. */
export const customerSummaryAnswer = Joi.object(summaryFields)
    .prefs({ presence: 'required' })
    .id('CustomerSummary');

/** GET /customers: a page of customers. */
export const customerSearchAnswer = pageAnswer(customerSummaryAnswer);

/** GET /customers/:cardNumber: the customer card. */
export const customerCardAnswer = Joi.object({
    customer: Joi.object({
        ...summaryFields,
        timezone: Joi.string().allow(null).description('IANA timezone; the chain’s when null'),
        locale: Joi.string().allow(null),
        hasTelegram: Joi.boolean(),
        hasPush: Joi.boolean(),
        birthDate: Joi.string().allow(null).description('`YYYY-MM-DD`; null when unknown'),
        cardForm: Joi.string()
            .valid(...CARD_FORMS)
            .description('The card’s form'),
        blockedAt: time.allow(null),
        blockReason: Joi.string().allow(null),
        telegramBlockedAt: time
            .allow(null)
            .description('The customer blocked the Telegram bot: Telegram is skipped'),
        emailUndeliverableAt: time
            .allow(null)
            .description('The email address hard-bounced: email is skipped'),
        enrolledAt: time,
        updatedAt: time,
        pending: amount.description('Bonuses credited but not active yet'),
        debt: amount.description('What returns took back after it had been spent'),
        purchaseCount: Joi.number().integer(),
        purchaseTotal: amount,
        firstPurchaseAt: time.allow(null),
        previousCards: Joi.array().items(
            Joi.object({ cardNumber: Joi.string(), replacedAt: time }).prefs({ presence: 'required' }),
        ),
    }).id('CustomerProfile'),
    consents: Joi.array().items(
        Joi.object({
            channel,
            kind: consentKind,
            granted: Joi.boolean(),
            changedAt: time,
            source: Joi.string().allow(null).description('A store code, `import`, `admin`, `sms-stop`…'),
        }),
    ),
    consentHistory: Joi.array()
        .items(
            Joi.object({
                channel,
                kind: consentKind,
                granted: Joi.boolean(),
                at: time,
                source: Joi.string().allow(null),
                actor: Joi.string().allow(null),
            }),
        )
        .description('Newest first'),
    replacedBy: Joi.object({ cardNumber: Joi.string(), replacedAt: time })
        .allow(null)
        .description('Set when the card asked for was replaced: the customer’s current card'),
})
    .prefs({ presence: 'required' })
    .id('CustomerCard');
