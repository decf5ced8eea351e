import { Router } from 'express';
import Joi from 'joi';
import { isoTime } from '../../../kernel/http/page.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { EDITOR_ROLES } from '../../../kernel/vocabulary/admin-roles.js';
import { adminPrincipal, adminRoute } from '../../admin/index.js';
import type { ContactPolicyService } from '../policy/contact-policy.service.js';
import { editableContactPolicySchema, type EditableContactPolicy } from '../policy/contact-policy.values.js';
import { MESSAGING_READERS } from './message-log.routes.js';

const policyAnswer = Joi.object({
    policy: editableContactPolicySchema,
    defaults: editableContactPolicySchema,
    customised: Joi.boolean().description('Whether a saved policy overrides the options'),
    updatedBy: Joi.string().allow(null),
    updatedAt: isoTime.allow(null),
    values: Joi.array().items(
        Joi.object({
            path: Joi.string().description('`window.from`, `quietDaysAfterPurchase`, `caps.daily.sms`…'),
            value: Joi.alternatives(Joi.number(), Joi.string()),
            default: Joi.alternatives(Joi.number(), Joi.string()),
            meaning: Joi.string().description('What the value means for a customer'),
        })
            .prefs({ presence: 'required' })
            .id('ContactPolicyValue'),
    ),
})
    .prefs({ presence: 'required' })
    .id('ContactPolicy');

/** The contact policy routes: what each validates, who may call it, what it answers. */
export const adminContactPolicyRouteTable = {
    getContactPolicy: adminRoute({
        method: 'get',
        path: '/contact-policy',
        roles: MESSAGING_READERS,
        summary:
            'The contact policy: each value with its default (the options) and what it means for a customer',
        tags: ['messages'],
        success: { status: 200, description: '`{ policy, defaults, values, … }`', schema: policyAnswer },
    }),
    saveContactPolicy: adminRoute({
        method: 'put',
        path: '/contact-policy',
        roles: EDITOR_ROLES,
        summary: 'Change the contact policy (every value); applied from the next dispatch run',
        description:
            'Sending hours, quiet days after a purchase, minimum gap, monthly marketing cap, caps per channel and across channels. Audited with before and after. Every instance reads it at the start of each dispatch run.',
        tags: ['messages'],
        body: editableContactPolicySchema,
        success: { status: 200, description: 'The policy as saved', schema: policyAnswer },
    }),
};

/** Reading and changing the contact policy. */
export function adminContactPolicyRoutes(policy: ContactPolicyService): Router {
    const router = Router();
    mountRoute(router, adminContactPolicyRouteTable.getContactPolicy, async (_req, res) => {
        res.json(await policy.view());
    });
    mountRoute(router, adminContactPolicyRouteTable.saveContactPolicy, async (_req, res) => {
        const values = res.locals.body as EditableContactPolicy;
        res.json(await policy.save(values, adminPrincipal(res).username));
    });
    return router;
}
