import Joi from 'joi';
import {
    atcCode,
    cardNumber,
    MAX_RECEIPT_TOTAL,
    posAmount,
    posId,
    tillTime,
} from '../../../kernel/http/pos.schemas.js';
import type { PreviewInput, PurchaseInput } from '../services/purchase.views.js';
import type { ReturnInput } from '../services/return.service.js';

const line = Joi.object({
    sku: posId(),
    name: Joi.string().min(1).max(255).required(),
    atc: atcCode.allow(null).description('ATC code; categorises SKUs the catalogue does not know'),
    quantity: Joi.number()
        .strict()
        .greater(0)
        .max(100000)
        .precision(3)
        .required()
        .description('Packs, up to 3 decimals'),
    amount: posAmount.required().description('Line amount in minor units, after till discounts'),
}).options({ presence: 'optional' });

const lines = (max: number) =>
    Joi.array()
        .items(line.keys({ sku: posId().required() }))
        .min(1)
        .max(max)
        .required()
        .custom((value: Array<{ amount: number }>, helpers) =>
            value.reduce((s, l) => s + l.amount, 0) > MAX_RECEIPT_TOTAL
                ? helpers.error('receipt.total')
                : value,
        )
        .messages({ 'receipt.total': `the receipt total must not exceed ${MAX_RECEIPT_TOTAL}` })
        .description(`At most \`pos.maxLines\` lines; their amounts add up to at most ${MAX_RECEIPT_TOTAL}`);

/** `:receiptId` in the path. */
export const receiptParams = Joi.object({ receiptId: posId().required() });

const IGNORED = 'Accepted and ignored (a till may preview its receipt body)';

/** POST /receipts/preview */
export function previewBody(maxLines: number): Joi.ObjectSchema<PreviewInput> {
    return Joi.object({
        cardNumber,
        lines: lines(maxLines),
        redeem: posAmount.description('Bonuses the customer wants to spend'),
        // A till may reuse its receipt body for the preview: these are accepted and ignored.
        receiptId: Joi.any().strip().description(IGNORED),
        storeCode: Joi.any().strip().description(IGNORED),
        purchasedAt: Joi.any().strip().description(IGNORED),
    });
}

/** POST /receipts */
export function receiptBody(maxLines: number): Joi.ObjectSchema<PurchaseInput> {
    return Joi.object<PurchaseInput>({
        receiptId: posId()
            .required()
            .description(
                "Unique within the key's store; the idempotency key: a retry with the same body answers the original result, with another body 409",
            ),
        cardNumber: cardNumber.required(),
        storeCode: posId().required().description("Must be the POS key's store"),
        purchasedAt: tillTime
            .required()
            .description(
                'RFC 3339 with an offset; within [now − `pos.maxBackdateDays`, now + `pos.clockSkewMs`]',
            ),
        lines: lines(maxLines),
        redeem: posAmount
            .default(0)
            .description('Bonuses to spend; more than the preview’s `maxRedeemable` answers 422'),
    });
}

/** POST /receipts/:receiptId/returns */
export function returnBody(maxLines: number): Joi.ObjectSchema<ReturnInput> {
    return Joi.object<ReturnInput>({
        returnId: posId()
            .required()
            .description("The idempotency key of the return, unique within the key's store"),
        returnedAt: tillTime.description(
            'RFC 3339 with an offset; within [the sale, now + `pos.clockSkewMs`]; default now',
        ),
        receiptStoreCode: posId().description(
            'The store that sold the receipt, when another store takes the return back (needs `returns.allowCrossStore`)',
        ),
        lines: Joi.array()
            .items(
                Joi.object({
                    sku: posId().required(),
                    quantity: Joi.number().strict().greater(0).max(100000).precision(3).required(),
                }),
            )
            .min(1)
            .max(maxLines)
            .required(),
    });
}
