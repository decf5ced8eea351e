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
    atc: atcCode.allow(null),
    quantity: Joi.number().strict().greater(0).max(100000).precision(3).required(),
    amount: posAmount.required(),
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
        .messages({ 'receipt.total': `the receipt total must not exceed ${MAX_RECEIPT_TOTAL}` });

/** `:receiptId` in the path. */
export const receiptParams = Joi.object({ receiptId: posId().required() });

/** POST /receipts/preview */
export function previewBody(maxLines: number): Joi.ObjectSchema<PreviewInput> {
    return Joi.object({
        cardNumber,
        lines: lines(maxLines),
        redeem: posAmount,
        // A till may reuse its receipt body for the preview: these are accepted and ignored.
        receiptId: Joi.any().strip(),
        storeCode: Joi.any().strip(),
        purchasedAt: Joi.any().strip(),
    });
}

/** POST /receipts */
export function receiptBody(maxLines: number): Joi.ObjectSchema<PurchaseInput> {
    return Joi.object<PurchaseInput>({
        receiptId: posId().required(),
        cardNumber: cardNumber.required(),
        storeCode: posId().required(),
        purchasedAt: tillTime.required(),
        lines: lines(maxLines),
        redeem: posAmount.default(0),
    });
}

/** POST /receipts/:receiptId/returns */
export function returnBody(maxLines: number): Joi.ObjectSchema<ReturnInput> {
    return Joi.object<ReturnInput>({
        returnId: posId().required(),
        returnedAt: tillTime,
        /** The store that sold the receipt, when another store takes the return back (`returns.allowCrossStore`). */
        receiptStoreCode: posId(),
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
