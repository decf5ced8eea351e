import Joi from 'joi';

/*
 * What the POS receipt routes answer, for the OpenAPI document only (never
 * checked at run time; the OpenAPI test checks real answers against them).
 * Every field is present unless marked optional. Amounts and bonuses are
 * integers in minor units.
 */

const amount = Joi.number().integer().min(0);
const offerKind = Joi.string().valid('multiplier', 'gift');

/** Why a line earns what it earns. */
const earnReason = Joi.object({
    kind: Joi.string()
        .valid('excluded', 'rate')
        .description('`excluded`: earns nothing; `rate`: base × rate'),
    rateSource: Joi.string().valid('sku', 'category', 'base').description('Where the rate comes from'),
    rateBp: amount.description('Accrual rate in basis points (300 = 3%)'),
    base: amount.description('The amount the rate applied to'),
    exclusion: Joi.string().optional().description('Why the line is excluded, when it is'),
    offer: Joi.object({
        id: Joi.number().integer(),
        kind: offerKind,
        multiplier: Joi.number().integer().optional(),
        gift: Joi.number().integer().optional(),
    })
        .optional()
        .description('The personal offer that added to it'),
}).id('EarnReason');

/** What one line earns and was paid with bonuses. */
const lineResult = Joi.object({
    lineNo: amount,
    sku: Joi.string(),
    category: Joi.string().allow(null),
    amount,
    redeemed: amount.description('Bonuses that pay for part of this line'),
    earned: amount.description('Bonuses this line earns, offer extra included'),
    offerEarned: amount.description('The part of `earned` a personal offer adds'),
    reason: earnReason,
}).id('LineResult');

/** A personal offer that applies (preview) or applied (sale) to the basket. */
const appliedOffer = Joi.object({
    id: Joi.number().integer(),
    kind: offerKind,
    category: Joi.string().allow(null),
    earned: amount,
    bonusExpiresAt: Joi.string().isoDate().description('When the bonuses it grants burn'),
}).id('AppliedOffer');

/** The customer's bonuses after the operation. */
const balanceAfter = Joi.object({ available: amount, pending: amount, debt: amount }).id('BalanceAfter');

/** The answer to a preview. */
export const previewAnswer = Joi.object({
    known: Joi.boolean().description('Whether the card is enrolled'),
    total: amount,
    eligibleForRedemption: amount.description('Sum of the lines bonuses may pay for'),
    available: amount,
    maxRedeemable: amount.description('The most bonuses this receipt accepts'),
    redeem: amount.description(
        'The redeem the earnings assume: the requested one, capped at `maxRedeemable`',
    ),
    requestedRedeem: amount.description('The redeem asked for'),
    redeemCapped: Joi.boolean().description(
        'True when `redeem` is less than asked: committing the request as sent answers 422 (`REFILL_REDEEM_EXCEEDS_LIMIT`)',
    ),
    redeemCapReason: Joi.string()
        .valid('no-eligible-lines', 'share-cap', 'balance')
        .allow(null)
        .description('The limit that capped it: no eligible lines, the share cap, or the balance'),
    earned: amount,
    lines: Joi.array().items(lineResult),
    offers: Joi.array().items(appliedOffer),
})
    .prefs({ presence: 'required' })
    .id('Preview');

/** The answer to a committed sale; replayed unchanged for a retry. */
export const receiptAnswer = Joi.object({
    receiptId: Joi.string(),
    storeCode: Joi.string(),
    purchasedAt: Joi.string().isoDate(),
    enrolled: Joi.boolean().description('This sale enrolled the card'),
    total: amount,
    redeemed: amount,
    earned: amount,
    lines: Joi.array().items(lineResult),
    offers: Joi.array().items(appliedOffer),
    balance: balanceAfter,
})
    .prefs({ presence: 'required' })
    .id('Receipt');

/** The answer to a return; replayed unchanged for a retry. */
export const returnAnswer = Joi.object({
    returnId: Joi.string(),
    receiptId: Joi.string(),
    amount: amount.description('Money returned'),
    reversed: amount.description('Earned bonuses taken back'),
    refunded: amount.description('Spent bonuses given back'),
    shortfall: amount.description('Reversal not covered by the balance (debt or written off)'),
    lines: Joi.array().items(
        Joi.object({
            lineNo: amount,
            sku: Joi.string(),
            quantity: Joi.number(),
            amount,
            reversed: amount,
            refunded: amount,
        }),
    ),
    balance: balanceAfter,
})
    .prefs({ presence: 'required' })
    .id('Return');
