import { Router } from 'express';
import Joi from 'joi';
import { isoTime } from '../../../kernel/http/page.js';
import type { InboundMessagesService } from '../inbound-messages.service.js';
import { explainVerdict, type ContactVerdict } from '../policy/contact-policy.js';
import type { MessageRepository } from '../repositories/message.repository.js';
import type { CascadeRepository } from '../repositories/cascade.repository.js';
import type { Customer } from '../../customers/index.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { SendGuardService } from '../services/send-guard.service.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { idParams } from '../../../kernel/http/admin.schemas.js';
import { adminPrincipal, adminRoute } from '../../admin/index.js';
import { EDITOR_ROLES, READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';

/** What the send and message-tracking routes call. */
export interface SendApiServices {
    sendGuard: SendGuardService;
    inbound: InboundMessagesService;
    /** Finds a customer by card. */
    findCustomer(cardNumber: string): Promise<Customer | null>;
    messages: MessageRepository;
    cascades: CascadeRepository;
}

const dayParams = idParams.keys({
    day: Joi.string()
        .pattern(/^\d{4}-\d{2}-\d{2}$/)
        .message('must be a day as YYYY-MM-DD')
        .required(),
});
const testCardsBody = Joi.object({
    cards: Joi.array().items(Joi.string().min(1).max(64)).min(1).max(1000).unique().allow(null).required(),
});
const killBody = Joi.object({
    reason: Joi.string().trim().min(3).max(500).required().description('Why the sends stop (audited)'),
});
const cardParams = Joi.object({ cardNumber: Joi.string().min(1).max(64).required() });

const time = isoTime;

/** GET /customers/:cardNumber/messages (for the OpenAPI document). */
const customerMessagesAnswer = Joi.object({
    messages: Joi.array()
        .items(
            Joi.object({
                key: Joi.string(),
                campaignId: Joi.number().integer().allow(null),
                kind: Joi.string().description(
                    'The message kind (lapse_offer, bonus_expiry, balance, welcome…)',
                ),
                step: Joi.number().integer().description('The cascade step it was sent at'),
                channel: Joi.string(),
                traffic: Joi.string().description('marketing or service'),
                status: Joi.string().description(
                    'planned, held, dropped, sending, sent, delivered, read, failed…',
                ),
                verdict: Joi.object({
                    decision: Joi.string().valid('send', 'hold', 'drop').required(),
                    reason: Joi.string(),
                    nextAllowedAt: time,
                })
                    .unknown(true)
                    .allow(null)
                    .description('The contact policy’s decision, with the rule that held or dropped it'),
                segments: Joi.number().integer().allow(null).description('SMS segments'),
                cost: Joi.number().integer().description('Minor units'),
                failureReason: Joi.string().allow(null),
                createdAt: time,
                explanation: Joi.string()
                    .allow(null)
                    .description('The verdict in words, in the customer’s timezone'),
            })
                .prefs({ presence: 'required' })
                .id('CustomerMessage'),
        )
        .description('Newest first, up to 50'),
    cascades: Joi.array()
        .items(
            Joi.object({
                key: Joi.string(),
                kind: Joi.string(),
                status: Joi.string(),
                step: Joi.number().integer(),
                channel: Joi.string().allow(null),
                outcome: Joi.string().allow(null),
                nextAt: time,
                deadlineAt: time.allow(null),
            })
                .prefs({ presence: 'required' })
                .id('CustomerCascade'),
        )
        .description('The reminder cascades, newest first, up to 50'),
}).prefs({ presence: 'required' });

const READ = READER_ROLES;
const WRITE = EDITOR_ROLES;
const unknownCampaign = { REFILL_NOT_FOUND: 'No campaign with this id' };
const unknownBatch = { REFILL_NOT_FOUND: 'No campaign with this id, or no send batch on this day' };

/** The send and message-decision routes: what each validates, who may call it, what it answers. */
export const adminSendRouteTable = {
    campaignSends: adminRoute({
        method: 'get',
        path: '/campaigns/:id/sends',
        roles: READ,
        summary: 'The campaign’s send batches with what their reminders came to, and its figures per channel',
        tags: ['sends'],
        params: idParams,
        success: { status: 200, description: '`{ batches, channels }`' },
        errors: unknownCampaign,
    }),
    approveSends: adminRoute({
        method: 'post',
        path: '/campaigns/:id/sends/:day/approve',
        roles: WRITE,
        summary: 'Approve a large run held for a second person',
        description:
            'Its canary slice is released now, the rest after the hold. The approver must be a person other than the one who launched the campaign, whatever credential either used. Audited.',
        tags: ['sends'],
        params: dayParams,
        success: { status: 200, description: '`{ batch }`' },
        errors: {
            ...unknownBatch,
            REFILL_SECOND_ADMIN_REQUIRED: 'The approver launched the campaign, or is a token bound to nobody',
            REFILL_CONFLICT: 'The batch is not waiting for approval',
        },
    }),
    releaseSends: adminRoute({
        method: 'post',
        path: '/campaigns/:id/sends/:day/release',
        roles: WRITE,
        summary: 'Release the rest of a run after its canary',
        description: 'Also one whose canary failed, when a person decides so. Audited.',
        tags: ['sends'],
        params: dayParams,
        success: { status: 200, description: '`{ batch }`' },
        errors: { ...unknownBatch, REFILL_CONFLICT: 'The batch is not held after its canary' },
    }),
    killSends: adminRoute({
        method: 'post',
        path: '/campaigns/:id/sends/kill',
        roles: WRITE,
        summary: 'The kill switch: cancel every open reminder of the campaign and send nothing more',
        description: 'Until resumed. Audited with the reason given.',
        tags: ['sends'],
        params: idParams,
        body: killBody,
        success: { status: 200, description: '`{ cancelled }`: how many open reminders were cancelled' },
        errors: unknownCampaign,
    }),
    resumeSends: adminRoute({
        method: 'post',
        path: '/campaigns/:id/sends/resume',
        roles: WRITE,
        summary: 'Lift the kill switch for future runs',
        description: 'Cancelled reminders stay cancelled. Audited.',
        tags: ['sends'],
        params: idParams,
        success: { status: 200, description: '`{ resumed: true }`' },
        errors: unknownCampaign,
    }),
    setTestCards: adminRoute({
        method: 'put',
        path: '/campaigns/:id/test-cards',
        roles: WRITE,
        summary: 'Test mode: send the campaign’s messages only to these cards',
        description: '`cards: null` ends test mode. Audited.',
        tags: ['sends'],
        params: idParams,
        body: testCardsBody,
        success: { status: 200, description: '`{ testCards }`' },
        errors: unknownCampaign,
    }),
    customerMessages: adminRoute({
        method: 'get',
        path: '/customers/:cardNumber/messages',
        roles: READ,
        summary: 'A customer’s latest messages with their verdicts in words, and their reminder cascades',
        description:
            'Why someone did or did not get a message: "held: SMS daily cap 3/3, next allowed 09:00 Europe/Samara", in the customer’s timezone.',
        tags: ['customers', 'messages'],
        params: cardParams,
        success: { status: 200, description: '`{ messages, cascades }`', schema: customerMessagesAnswer },
        errors: { REFILL_CUSTOMER_NOT_FOUND: 'No customer with this card' },
    }),
    messagingEndpoints: adminRoute({
        method: 'get',
        path: '/messaging/endpoints',
        roles: ['admin'],
        summary: 'The URLs to give the chain’s gateways: status callbacks per channel and SMS replies',
        description: 'Each carries a signed path segment.',
        tags: ['messages'],
        success: { status: 200, description: '`{ endpoints }`' },
    }),
};

/**
 * Campaign sends: the runs the guard holds (approve by a second admin,
 * release after the canary), the kill switch and test mode, all audited;
 * per-campaign delivery figures; and, per customer, every message decision
 * with its verdict in words ("held: SMS daily cap 3/3, next allowed 09:00
 * Europe/Samara"), so support can say why someone did or did not get one.
 */
export function adminSendRoutes(
    s: SendApiServices,
    options: { publicUrl?: string; timezone: string },
): Router {
    const router = Router();
    const table = adminSendRouteTable;
    const params = (res: { locals: Record<string, unknown> }) =>
        res.locals.params as { id: number; day: string };
    const actor = (res: Parameters<typeof adminPrincipal>[0]) => adminPrincipal(res).username;

    mountRoute(router, table.campaignSends, async (_req, res) => {
        const { id } = params(res);
        res.json({ batches: await s.sendGuard.batches(id), channels: await s.messages.stats(id) });
    });
    mountRoute(router, table.approveSends, async (_req, res) => {
        const { id, day } = params(res);
        const { username, userId } = adminPrincipal(res);
        res.json({ batch: await s.sendGuard.approve(id, day, { actor: username, userId }) });
    });
    mountRoute(router, table.releaseSends, async (_req, res) => {
        const { id, day } = params(res);
        res.json({ batch: await s.sendGuard.release(id, day, actor(res)) });
    });
    mountRoute(router, table.killSends, async (_req, res) => {
        const { reason } = res.locals.body as { reason: string };
        res.json(await s.sendGuard.kill(params(res).id, actor(res), reason));
    });
    mountRoute(router, table.resumeSends, async (_req, res) => {
        await s.sendGuard.resume(params(res).id, actor(res));
        res.json({ resumed: true });
    });
    mountRoute(router, table.setTestCards, async (_req, res) => {
        const { cards } = res.locals.body as { cards: string[] | null };
        await s.sendGuard.setTestCards(params(res).id, cards, actor(res));
        res.json({ testCards: cards });
    });
    mountRoute(router, table.customerMessages, async (_req, res) => {
        const { cardNumber } = res.locals.params as { cardNumber: string };
        const customer = await s.findCustomer(cardNumber);
        if (!customer) throw new RefillError('REFILL_CUSTOMER_NOT_FOUND', 'No customer with this card');
        const timezone = customer.timezone ?? options.timezone;
        const rows = await s.messages.forCustomer(customer.id);
        res.json({
            messages: rows.map(({ verdict: raw, ...m }) => {
                const verdict = raw ? (JSON.parse(raw) as ContactVerdict) : null;
                if (verdict?.decision === 'hold') verdict.nextAllowedAt = new Date(verdict.nextAllowedAt);
                return {
                    ...m,
                    createdAt: m.createdAt.toISOString(),
                    verdict,
                    explanation: verdict
                        ? explainVerdict(verdict, { channel: m.channel, timezone }, m.createdAt)
                        : null,
                };
            }),
            cascades: (await s.cascades.forCustomer(customer.id)).map((c) => ({
                key: c.cascadeKey,
                kind: c.kind,
                status: c.status,
                step: c.step,
                channel: c.channel,
                outcome: c.outcome,
                nextAt: c.nextAt.toISOString(),
                deadlineAt: c.deadlineAt?.toISOString() ?? null,
            })),
        });
    });
    mountRoute(router, table.messagingEndpoints, async (_req, res) => {
        res.json({ endpoints: await s.inbound.endpoints(options.publicUrl) });
    });
    return router;
}
