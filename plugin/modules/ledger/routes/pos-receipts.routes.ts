import { Router } from 'express';
import type { PurchaseService } from '../services/purchase.service.js';
import type { PreviewInput, PurchaseInput } from '../services/purchase.views.js';
import type { ReturnInput, ReturnService } from '../services/return.service.js';
import { posIdentity } from '../../admin/routes/pos-auth.js';
import { validate } from '../../../kernel/http/validate.js';
import { previewBody, receiptBody, receiptParams, returnBody } from './receipt.schemas.js';

/** POS routes for receipts: preview, commit, return. */
export function posReceiptRoutes(
    purchases: PurchaseService,
    returns: ReturnService,
    maxLines: number,
): Router {
    const router = Router();

    router.post('/receipts/preview', validate({ body: previewBody(maxLines) }), async (_req, res) => {
        res.json(await purchases.preview(res.locals.body as PreviewInput));
    });

    router.post('/receipts', validate({ body: receiptBody(maxLines) }), async (_req, res) => {
        const { result, replayed } = await purchases.commit(
            res.locals.body as PurchaseInput,
            posIdentity(res),
        );
        res.setHeader('Idempotent-Replayed', String(replayed));
        res.status(replayed ? 200 : 201).json(result);
    });

    router.post(
        '/receipts/:receiptId/returns',
        validate({ params: receiptParams, body: returnBody(maxLines) }),
        async (_req, res) => {
            const { receiptId } = res.locals.params as { receiptId: string };
            const { result, replayed } = await returns.record(
                receiptId,
                res.locals.body as ReturnInput,
                posIdentity(res),
            );
            res.setHeader('Idempotent-Replayed', String(replayed));
            res.status(replayed ? 200 : 201).json(result);
        },
    );

    return router;
}
