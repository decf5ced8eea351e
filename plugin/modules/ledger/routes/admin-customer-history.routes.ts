import { Router } from 'express';
import Joi from 'joi';
import { pageQueryKeys, type PageRequest } from '../../../kernel/http/page.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';
import { adminRoute } from '../../admin/index.js';
import { adminCardNumberParams as params } from '../../customers/index.js';
import type { CustomerHistoryService } from '../services/customer-history.service.js';
import {
    customerLedgerAnswer,
    customerLotsAnswer,
    customerReceiptsAnswer,
} from './customer-history.schemas.js';

const pageQuery = Joi.object(pageQueryKeys);
const unknownCard = { REFILL_CUSTOMER_NOT_FOUND: 'No customer with this card' };

/** The store desk's read of a customer's lots, ledger and receipts: what each validates, who may call it, what it answers. */
export const adminCustomerHistoryRouteTable = {
    customerLots: adminRoute({
        method: 'get',
        path: '/customers/:cardNumber/lots',
        roles: READER_ROLES,
        summary: 'The customer’s bonus lots: amount, what is left, when each is active and burns',
        tags: ['customers'],
        params,
        success: { status: 200, description: 'Every lot, newest first', schema: customerLotsAnswer },
        errors: unknownCard,
    }),
    customerLedger: adminRoute({
        method: 'get',
        path: '/customers/:cardNumber/ledger',
        roles: READER_ROLES,
        summary: 'The customer’s ledger, newest first, each line with its cause',
        description:
            'A cause is a receipt, a return, expiry, a personal offer, an adjustment by hand or an import, with the till’s ids and the campaign it names.',
        tags: ['customers'],
        params,
        query: pageQuery,
        success: { status: 200, description: 'A page of ledger lines', schema: customerLedgerAnswer },
        errors: unknownCard,
    }),
    customerReceipts: adminRoute({
        method: 'get',
        path: '/customers/:cardNumber/receipts',
        roles: READER_ROLES,
        summary: 'The customer’s receipts, newest first, with their lines and returns',
        tags: ['customers'],
        params,
        query: pageQuery,
        success: { status: 200, description: 'A page of receipts', schema: customerReceiptsAnswer },
        errors: unknownCard,
    }),
};

/** The store desk's read of a customer's lots, ledger and receipts (read only). */
export function adminCustomerHistoryRoutes(history: CustomerHistoryService): Router {
    const router = Router();
    const table = adminCustomerHistoryRouteTable;
    const card = (res: { locals: Record<string, unknown> }) =>
        (res.locals.params as { cardNumber: string }).cardNumber;
    mountRoute(router, table.customerLots, async (_req, res) => {
        res.json(await history.lots(card(res)));
    });
    mountRoute(router, table.customerLedger, async (_req, res) => {
        res.json(await history.ledger(card(res), res.locals.query as PageRequest));
    });
    mountRoute(router, table.customerReceipts, async (_req, res) => {
        res.json(await history.receipts(card(res), res.locals.query as PageRequest));
    });
    return router;
}
