import { Router } from 'express';
import type { PurchaseService } from '../services/purchase.service.js';
import type { PreviewInput, PurchaseInput } from '../services/purchase.views.js';
import type { ReturnInput, ReturnService } from '../services/return.service.js';
import { posIdentity } from '../../admin/index.js';
import { CARD_REFUSAL_ERRORS } from '../../customers/index.js';
import { mountRoute, type RouteTable } from '../../../kernel/http/route-table.js';
import { previewBody, receiptBody, receiptParams, returnBody } from './receipt.schemas.js';
import { previewAnswer, receiptAnswer, returnAnswer } from './pos-receipt.responses.js';

/** A retry of a write: its first answer again, nothing changed. */
const REPLAYED = {
    description: 'A retry: the original result, nothing changed (`Idempotent-Replayed: true`)',
    headers: { 'Idempotent-Replayed': '`true` for a retry answered from the first result, else `false`' },
};

/** The POS receipt routes (`maxLines` is `pos.maxLines`): what each validates, what it answers. */
export function posReceiptRouteTable(maxLines: number) {
    return {
        previewReceipt: {
            method: 'post',
            path: '/receipts/preview',
            summary: 'Price a basket without side effects',
            description:
                'What the receipt would earn and the most bonuses it accepts. When the requested redeem is more than allowed, `redeem` is capped and `redeemCapped` says so: committing the request as sent would answer 422. Without a card, or with an unknown one, it is priced with no balance and no offers (`known: false`).',
            tags: ['receipts'],
            body: previewBody(maxLines),
            success: { status: 200, description: 'The preview', schema: previewAnswer },
            errors: {
                ...CARD_REFUSAL_ERRORS,
                REFILL_RATE_LIMITED:
                    'Too many reads by card for this POS key (`pos.cardReadsPerMinute`); retry after `Retry-After` seconds',
            },
        },
        commitReceipt: {
            method: 'post',
            path: '/receipts',
            summary: 'Commit a sale',
            description:
                'Idempotent by `receiptId` within the key’s store: a retry with the same body answers the first result (200), so a till may retry after a timeout or a 503 without paying or earning twice. An unknown card is enrolled by the sale (`enrolled: true`) unless `pos.unknownCard` is `reject`.',
            tags: ['receipts'],
            body: receiptBody(maxLines),
            success: {
                status: 201,
                description: 'Committed',
                schema: receiptAnswer,
                headers: REPLAYED.headers,
            },
            answers: { 200: { ...REPLAYED, schema: receiptAnswer } },
            errors: {
                REFILL_FORBIDDEN: 'The key belongs to another store than `storeCode`',
                REFILL_CUSTOMER_NOT_FOUND: 'Unknown card (with `pos.unknownCard: reject`)',
                REFILL_RECEIPT_CONFLICT: 'The receipt id was committed with a different body',
                REFILL_REDEEM_EXCEEDS_LIMIT: 'Spending more than allowed; nothing was written',
                ...CARD_REFUSAL_ERRORS,
            },
        },
        returnReceipt: {
            method: 'post',
            path: '/receipts/:receiptId/returns',
            summary: 'Return some or all lines of a receipt',
            description:
                'Idempotent by `returnId` within the key’s store. Bonuses the receipt earned are taken back and bonuses it spent given back, line by line. Works for receipts of a card since replaced or blocked: it addresses the receipt.',
            tags: ['receipts'],
            params: receiptParams,
            body: returnBody(maxLines),
            success: {
                status: 201,
                description: 'Recorded',
                schema: returnAnswer,
                headers: REPLAYED.headers,
            },
            answers: { 200: { ...REPLAYED, schema: returnAnswer } },
            errors: {
                REFILL_FORBIDDEN: 'The receipt was sold by another store',
                REFILL_RECEIPT_NOT_FOUND: 'Unknown receipt',
                REFILL_RETURN_CONFLICT: 'The return id was used with a different body',
                REFILL_RETURN_EXCEEDS_PURCHASE: 'Returning more than is left of the receipt',
            },
        },
    } satisfies RouteTable;
}

/** POS routes for receipts: preview, commit, return. */
export function posReceiptRoutes(
    purchases: PurchaseService,
    returns: ReturnService,
    maxLines: number,
): Router {
    const router = Router();
    const table = posReceiptRouteTable(maxLines);

    mountRoute(router, table.previewReceipt, async (_req, res) => {
        res.json(await purchases.preview(res.locals.body as PreviewInput));
    });

    mountRoute(router, table.commitReceipt, async (_req, res) => {
        const { result, replayed } = await purchases.commit(
            res.locals.body as PurchaseInput,
            posIdentity(res),
        );
        res.setHeader('Idempotent-Replayed', String(replayed));
        res.status(replayed ? 200 : 201).json(result);
    });

    mountRoute(router, table.returnReceipt, async (_req, res) => {
        const { receiptId } = res.locals.params as { receiptId: string };
        const { result, replayed } = await returns.record(
            receiptId,
            res.locals.body as ReturnInput,
            posIdentity(res),
        );
        res.setHeader('Idempotent-Replayed', String(replayed));
        res.status(replayed ? 200 : 201).json(result);
    });

    return router;
}
