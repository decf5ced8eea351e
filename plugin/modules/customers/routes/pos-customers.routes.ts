import { Router } from 'express';
import { maskContacts } from '../rules/contact-mask.js';
import type { CustomerService, CustomerUpdate, CustomerView } from '../services/customer.service.js';
import { posIdentity } from '../../admin/index.js';
import { mountRoute, type RouteTable } from '../../../kernel/http/route-table.js';
import { cardParams } from '../../../kernel/http/pos.schemas.js';
import { customerBody } from './customer.schemas.js';
import { CARD_REFUSAL_ERRORS } from '../rules/card-refusal.rules.js';
import { balanceAnswer, customerAnswer } from './pos-customer.responses.js';

/** The answer of a read by card over the POS key's per-minute budget (`pos.cardReadsPerMinute`). */
const RATE_LIMITED = {
    REFILL_RATE_LIMITED:
        'Too many reads by card for this POS key (`pos.cardReadsPerMinute`); retry after `Retry-After` seconds',
};

/** The POS customer routes: what each validates, what it answers. */
export const posCustomerRouteTable = {
    putCustomer: {
        method: 'put',
        path: '/customers/:cardNumber',
        summary: 'Enrol or update a customer',
        description: 'Fields left out stay as they are; `null` clears one.',
        tags: ['customers'],
        params: cardParams,
        body: customerBody,
        success: { status: 200, description: 'Updated', schema: customerAnswer },
        answers: { 201: { description: 'Enrolled', schema: customerAnswer } },
        errors: { ...CARD_REFUSAL_ERRORS, ...RATE_LIMITED },
    },
    getCustomer: {
        method: 'get',
        path: '/customers/:cardNumber',
        summary: 'A customer’s profile and consents',
        tags: ['customers'],
        params: cardParams,
        success: { status: 200, description: 'The customer', schema: customerAnswer },
        errors: {
            REFILL_CUSTOMER_NOT_FOUND: 'Unknown card',
            REFILL_CARD_REPLACED: CARD_REFUSAL_ERRORS.REFILL_CARD_REPLACED,
            ...RATE_LIMITED,
        },
    },
    getBalance: {
        method: 'get',
        path: '/customers/:cardNumber/balance',
        summary: 'Available and pending bonuses, next expiries, active offers',
        tags: ['customers'],
        params: cardParams,
        success: { status: 200, description: 'The balance', schema: balanceAnswer },
        errors: { REFILL_CUSTOMER_NOT_FOUND: 'Unknown card', ...CARD_REFUSAL_ERRORS, ...RATE_LIMITED },
    },
} satisfies RouteTable;

/**
 * POS routes for customers: enrol/update and balance. Contacts in the
 * answers are masked unless `exposeContacts` (`pos.exposeContacts`).
 */
export function posCustomerRoutes(customers: CustomerService, options: { exposeContacts: boolean }): Router {
    const router = Router();
    const shown = (customer: CustomerView) => (options.exposeContacts ? customer : maskContacts(customer));

    mountRoute(router, posCustomerRouteTable.putCustomer, async (_req, res) => {
        const pos = posIdentity(res);
        const { cardNumber } = res.locals.params as { cardNumber: string };
        const { customer, created } = await customers.upsert(cardNumber, res.locals.body as CustomerUpdate, {
            storeId: pos.storeId,
            source: `store:${pos.storeCode}`,
        });
        res.status(created ? 201 : 200).json(shown(customer));
    });

    mountRoute(router, posCustomerRouteTable.getCustomer, async (_req, res) => {
        const { cardNumber } = res.locals.params as { cardNumber: string };
        res.json(shown(await customers.get(cardNumber)));
    });

    mountRoute(router, posCustomerRouteTable.getBalance, async (_req, res) => {
        const { cardNumber } = res.locals.params as { cardNumber: string };
        res.json(await customers.balance(cardNumber));
    });

    return router;
}
