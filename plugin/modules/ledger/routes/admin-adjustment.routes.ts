import { Router } from 'express';
import Joi from 'joi';
import { adminPrincipal, adminRoute } from '../../admin/index.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import { deskReason, idempotencyKey } from '../../../kernel/http/admin.schemas.js';
import { cardParams, MAX_AMOUNT } from '../../../kernel/http/pos.schemas.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import type { LedgerAdjustmentService } from '../services/ledger-adjustment.service.js';

/** POST /customers/:cardNumber/adjustments. */
export const adjustmentBody = Joi.object({
    amount: Joi.number()
        .integer()
        .min(-MAX_AMOUNT)
        .max(MAX_AMOUNT)
        .invalid(0)
        .strict()
        .required()
        .description('Bonuses: positive credits a new lot, negative takes from the soonest-expiring lots'),
    reason: deskReason.required(),
    idempotencyKey: idempotencyKey.required(),
});

const balance = Joi.object({
    available: Joi.number().integer(),
    pending: Joi.number().integer(),
    debt: Joi.number().integer(),
});

/** What an adjustment answers (for the OpenAPI document). */
export const adjustmentAnswer = Joi.object({
    entryId: Joi.number().integer().description('The adjustment’s first ledger entry'),
    balance,
    replayed: Joi.boolean().description('True for a retry with a used key: nothing changed'),
});

/** The desk's adjustment route: what it validates, who may call it, what it answers. */
export const adminAdjustmentRouteTable = {
    adjustBalance: adminRoute({
        method: 'post',
        path: '/customers/:cardNumber/adjustments',
        roles: ['admin', 'manager'],
        summary: 'Credit or debit a customer’s bonuses by hand',
        description:
            'A store manager may move at most `admin.managerAdjustmentLimit` bonuses either way; admins any amount. A retry with the same `idempotencyKey` changes nothing and answers `replayed: true`. Audited with the reason.',
        tags: ['customers'],
        params: cardParams,
        body: adjustmentBody,
        success: { status: 201, description: 'Adjusted (or a replayed retry)', schema: adjustmentAnswer },
        errors: {
            REFILL_ADJUSTMENT_LIMIT: 'A manager’s adjustment beyond the limit (`details.limit`)',
            REFILL_CUSTOMER_NOT_FOUND: 'No customer with this card',
            REFILL_CARD_REPLACED: 'The card was replaced: adjust on the new card',
            REFILL_INSUFFICIENT_BALANCE: 'A debit beyond the available bonuses; nothing was written',
            REFILL_CONFLICT: 'The idempotency key was used for another customer',
        },
    }),
};

/**
 * Manual adjustments at the store desk, through the ledger's adjustment
 * service (one ledger entry with its author and reason and an audit record,
 * in one transaction under the customer's row lock). `managerLimit` is
 * `admin.managerAdjustmentLimit`.
 */
export function adminAdjustmentRoutes(
    adjustments: LedgerAdjustmentService,
    options: { managerLimit: number },
): Router {
    const router = Router();
    mountRoute(router, adminAdjustmentRouteTable.adjustBalance, async (_req, res) => {
        const { cardNumber } = res.locals.params as { cardNumber: string };
        const body = res.locals.body as { amount: number; reason: string; idempotencyKey: string };
        const principal = adminPrincipal(res);
        if (principal.role !== 'admin' && Math.abs(body.amount) > options.managerLimit)
            throw new RefillError('REFILL_ADJUSTMENT_LIMIT', 'The amount is over the store manager’s limit', {
                limit: options.managerLimit,
            });
        const result = await adjustments.adjust({ ...body, cardNumber, author: principal.username });
        res.status(201).json(result);
    });
    return router;
}
