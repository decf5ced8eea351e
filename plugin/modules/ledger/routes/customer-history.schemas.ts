import Joi from 'joi';
import { isoTime, pageAnswer } from '../../../kernel/http/page.js';

/*
 * What the store desk's ledger routes answer, for the OpenAPI document (the
 * admin UI's types come from it). Every field is present unless marked
 * optional; amounts are integers in minor units, times ISO-8601 UTC.
 */

const time = isoTime;
const int = Joi.number().integer();

/** GET /customers/:cardNumber/lots */
export const customerLotsAnswer = Joi.object({
    data: Joi.array().items(
        Joi.object({
            id: int,
            amount: int,
            remaining: int,
            activeFrom: time,
            expiresAt: time,
            status: Joi.string().valid('pending', 'active', 'spent', 'expired'),
            source: Joi.string().description('Why it was credited: accrual, offer, refund, manual, import'),
        })
            .prefs({ presence: 'required' })
            .id('BonusLotView'),
    ),
})
    .prefs({ presence: 'required' })
    .description('Every lot, newest first');

/** A ledger line's cause. */
const cause = Joi.object({
    type: Joi.string()
        .valid('receipt', 'return', 'expiry', 'offer', 'adjustment', 'import', 'other')
        .required(),
    receiptId: Joi.string()
        .optional()
        .description('The till’s receipt id (of the returned receipt, for a return)'),
    returnId: Joi.string().optional().description('The till’s return id'),
    campaignId: int.optional().description('The campaign whose personal offer it was'),
    reason: Joi.string().optional().description('Why (adjustments, imports, a return’s shortfall)'),
    author: Joi.string().optional().description('Who (adjustments, imports)'),
    label: Joi.string().required().description('One line in English'),
}).id('LedgerCause');

/** GET /customers/:cardNumber/ledger */
export const customerLedgerAnswer = pageAnswer(
    Joi.object({
        id: int,
        at: time,
        amount: int.description('Signed change of the customer’s bonuses'),
        kind: Joi.string().description(
            'accrual, offer_accrual, redemption, return_reversal, return_refund, expiry, manual_credit, manual_debit, debt_settlement, import',
        ),
        cause,
    })
        .prefs({ presence: 'required' })
        .id('LedgerLine'),
);

/** GET /customers/:cardNumber/receipts */
export const customerReceiptsAnswer = pageAnswer(
    Joi.object({
        id: int,
        receiptId: Joi.string(),
        storeCode: Joi.string(),
        at: time,
        total: int,
        bonusSpent: int,
        bonusAccrued: int,
        lines: Joi.array().items(
            Joi.object({
                sku: Joi.string(),
                name: Joi.string(),
                quantity: Joi.number().description('Packs, up to 3 decimals'),
                amount: int,
            }).prefs({ presence: 'required' }),
        ),
        returns: Joi.array().items(
            Joi.object({
                id: int,
                returnId: Joi.string(),
                at: time,
                amount: int.description('Money returned'),
                bonusReturned: int.description('Spent bonuses given back to the customer'),
                lines: Joi.array().items(
                    Joi.object({ sku: Joi.string(), quantity: Joi.number(), amount: int }).prefs({
                        presence: 'required',
                    }),
                ),
            }).prefs({ presence: 'required' }),
        ),
    })
        .prefs({ presence: 'required' })
        .id('ReceiptView'),
);
