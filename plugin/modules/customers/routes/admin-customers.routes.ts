import { Router } from 'express';
import type { PageRequest } from '../../../kernel/http/page.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';
import { adminRoute } from '../../admin/index.js';
import type { CustomerCardService } from '../services/customer-card.service.js';
import {
    adminCardNumberParams,
    customerCardAnswer,
    customerSearchAnswer,
    customerSearchQuery,
} from './customer-card.schemas.js';

/** The store desk's customer search and customer card: what each validates, who may call it, what it answers. */
export const adminCustomerRouteTable = {
    searchCustomers: adminRoute({
        method: 'get',
        path: '/customers',
        roles: READER_ROLES,
        summary: 'Find customers as a person types: a phone, a card, an e-mail or the start of a name',
        description:
            'A phone in any format (`+7 912 345-67-89`, `8 (912) 3456789`) matches its E.164 form; digits match a card exactly, or the phone they make; text with `@` matches an e-mail exactly (any case); anything else the start of a name (any case, `ё` as `е`). Empty `q`: the newest customers. Contacts are whole (staff see them).',
        tags: ['customers'],
        query: customerSearchQuery,
        success: { status: 200, description: 'A page of customers', schema: customerSearchAnswer },
    }),
    getCustomerCard: adminRoute({
        method: 'get',
        path: '/customers/:cardNumber',
        roles: READER_ROLES,
        summary: 'The customer card: profile, contacts, balances, consents with their history, earlier cards',
        description: 'A replaced card leads to its customer, with `replacedBy` set.',
        tags: ['customers'],
        params: adminCardNumberParams,
        success: { status: 200, description: 'The customer card', schema: customerCardAnswer },
        errors: { REFILL_CUSTOMER_NOT_FOUND: 'No customer with this card' },
    }),
};

/** The store desk's customer search and customer card (read only). */
export function adminCustomerRoutes(cards: CustomerCardService): Router {
    const router = Router();
    const table = adminCustomerRouteTable;
    mountRoute(router, table.searchCustomers, async (_req, res) => {
        const { q, ...page } = res.locals.query as PageRequest & { q?: string };
        res.json(await cards.search(q, page));
    });
    mountRoute(router, table.getCustomerCard, async (_req, res) => {
        res.json(await cards.card((res.locals.params as { cardNumber: string }).cardNumber));
    });
    return router;
}
