import { Router } from 'express';
import Joi from 'joi';
import { isoTime } from '../../../kernel/http/page.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';
import { adminRoute } from '../../admin/index.js';
import { adminCardNumberParams as params } from '../../customers/index.js';
import type { CustomerCampaignsService } from '../services/customer-campaigns.service.js';

const time = isoTime;
const unknownCard = { REFILL_CUSTOMER_NOT_FOUND: 'No customer with this card' };

/** GET /customers/:cardNumber/offers (for the OpenAPI document). */
const offersAnswer = Joi.object({
    data: Joi.array().items(
        Joi.object({
            id: Joi.number().integer(),
            campaignId: Joi.number().integer().allow(null).description('Null for an offer granted by hand'),
            campaignName: Joi.string().allow(null),
            kind: Joi.string().valid('multiplier', 'gift'),
            value: Joi.number().integer().description('The multiplier (3 for 3x), or the gift in bonuses'),
            status: Joi.string().valid('active', 'used', 'expired'),
            validFrom: time,
            validUntil: time,
            usedAt: time.allow(null).description('When the purchase that used it was made'),
        })
            .prefs({ presence: 'required' })
            .id('CustomerOffer'),
    ),
}).prefs({ presence: 'required' });

/** GET /customers/:cardNumber/campaigns (for the OpenAPI document). */
const membershipsAnswer = Joi.object({
    data: Joi.array().items(
        Joi.object({
            campaignId: Joi.number().integer(),
            campaignName: Joi.string(),
            group: Joi.string().valid('test', 'control'),
            assignedAt: time,
            status: Joi.string().description(
                'The campaign’s status: draft, scheduled, active, paused, finished',
            ),
        })
            .prefs({ presence: 'required' })
            .id('CustomerMembership'),
    ),
}).prefs({ presence: 'required' });

/** The store desk's read of a customer's offers and campaigns: what each validates, who may call it, what it answers. */
export const adminCustomerCampaignRouteTable = {
    customerOffers: adminRoute({
        method: 'get',
        path: '/customers/:cardNumber/offers',
        roles: READER_ROLES,
        summary: 'The customer’s personal offers: active, used or expired',
        tags: ['customers'],
        params,
        success: { status: 200, description: 'Every offer, newest first', schema: offersAnswer },
        errors: unknownCard,
    }),
    customerCampaigns: adminRoute({
        method: 'get',
        path: '/customers/:cardNumber/campaigns',
        roles: READER_ROLES,
        summary: 'The campaigns the customer was assigned to, with their group (test or control)',
        tags: ['customers'],
        params,
        success: { status: 200, description: 'Every membership, latest first', schema: membershipsAnswer },
        errors: unknownCard,
    }),
};

/** The store desk's read of a customer's offers and campaign memberships (read only). */
export function adminCustomerCampaignRoutes(campaigns: CustomerCampaignsService): Router {
    const router = Router();
    const table = adminCustomerCampaignRouteTable;
    const card = (res: { locals: Record<string, unknown> }) =>
        (res.locals.params as { cardNumber: string }).cardNumber;
    mountRoute(router, table.customerOffers, async (_req, res) => {
        res.json(await campaigns.offers(card(res)));
    });
    mountRoute(router, table.customerCampaigns, async (_req, res) => {
        res.json(await campaigns.memberships(card(res)));
    });
    return router;
}
