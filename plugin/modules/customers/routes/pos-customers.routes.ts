import { Router } from 'express';
import { maskContacts } from '../rules/contact-mask.js';
import type { CustomerService, CustomerUpdate, CustomerView } from '../services/customer.service.js';
import { posIdentity } from '../../admin/routes/pos-auth.js';
import { validate } from '../../../kernel/http/validate.js';
import { cardParams } from '../../../kernel/http/pos.schemas.js';
import { customerBody } from './customer.schemas.js';

/**
 * POS routes for customers: enrol/update and balance. Contacts in the
 * answers are masked unless `exposeContacts` (`pos.exposeContacts`).
 */
export function posCustomerRoutes(customers: CustomerService, options: { exposeContacts: boolean }): Router {
    const router = Router();
    const shown = (customer: CustomerView) => (options.exposeContacts ? customer : maskContacts(customer));

    router.put(
        '/customers/:cardNumber',
        validate({ params: cardParams, body: customerBody }),
        async (_req, res) => {
            const pos = posIdentity(res);
            const { cardNumber } = res.locals.params as { cardNumber: string };
            const { customer, created } = await customers.upsert(
                cardNumber,
                res.locals.body as CustomerUpdate,
                {
                    storeId: pos.storeId,
                    source: `store:${pos.storeCode}`,
                },
            );
            res.status(created ? 201 : 200).json(shown(customer));
        },
    );

    router.get('/customers/:cardNumber', validate({ params: cardParams }), async (_req, res) => {
        const { cardNumber } = res.locals.params as { cardNumber: string };
        res.json(shown(await customers.get(cardNumber)));
    });

    router.get('/customers/:cardNumber/balance', validate({ params: cardParams }), async (_req, res) => {
        const { cardNumber } = res.locals.params as { cardNumber: string };
        res.json(await customers.balance(cardNumber));
    });

    return router;
}
