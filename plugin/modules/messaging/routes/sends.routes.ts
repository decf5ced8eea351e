import { Router } from 'express';
import Joi from 'joi';
import type { InboundMessagesService } from '../inbound-messages.service.js';
import { explainVerdict, type ContactVerdict } from '../policy/contact-policy.js';
import type { MessageRepository } from '../repositories/message.repository.js';
import type { CascadeRepository } from '../repositories/cascade.repository.js';
import type { Customer } from '../../customers/entities/customer.entity.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { SendGuardService } from '../services/send-guard.service.js';
import { validate } from '../../../kernel/http/validate.js';
import { idParams } from '../../campaigns/routes/campaign.schemas.js';
import { adminPrincipal, requireRole } from '../../admin/routes/admin-session.middleware.js';

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
const cardParams = Joi.object({ cardNumber: Joi.string().min(1).max(64).required() });

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
    const read = requireRole('admin', 'manager', 'marketer');
    const write = requireRole('admin', 'marketer');
    const params = (res: { locals: Record<string, unknown> }) =>
        res.locals.params as { id: number; day: string };
    const actor = (res: Parameters<typeof adminPrincipal>[0]) => adminPrincipal(res).username;

    router.get('/campaigns/:id/sends', read, validate({ params: idParams }), async (_req, res) => {
        const { id } = params(res);
        res.json({ batches: await s.sendGuard.batches(id), channels: await s.messages.stats(id) });
    });
    router.post(
        '/campaigns/:id/sends/:day/approve',
        write,
        validate({ params: dayParams }),
        async (_req, res) => {
            const { id, day } = params(res);
            const { username, userId } = adminPrincipal(res);
            res.json({ batch: await s.sendGuard.approve(id, day, { actor: username, userId }) });
        },
    );
    router.post(
        '/campaigns/:id/sends/:day/release',
        write,
        validate({ params: dayParams }),
        async (_req, res) => {
            const { id, day } = params(res);
            res.json({ batch: await s.sendGuard.release(id, day, actor(res)) });
        },
    );
    router.post('/campaigns/:id/sends/kill', write, validate({ params: idParams }), async (_req, res) => {
        res.json(await s.sendGuard.kill(params(res).id, actor(res)));
    });
    router.post('/campaigns/:id/sends/resume', write, validate({ params: idParams }), async (_req, res) => {
        await s.sendGuard.resume(params(res).id, actor(res));
        res.json({ resumed: true });
    });
    router.put(
        '/campaigns/:id/test-cards',
        write,
        validate({ params: idParams, body: testCardsBody }),
        async (_req, res) => {
            const { cards } = res.locals.body as { cards: string[] | null };
            await s.sendGuard.setTestCards(params(res).id, cards, actor(res));
            res.json({ testCards: cards });
        },
    );
    router.get(
        '/customers/:cardNumber/messages',
        read,
        validate({ params: cardParams }),
        async (_req, res) => {
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
        },
    );
    router.get('/messaging/endpoints', requireRole('admin'), async (_req, res) => {
        res.json({ endpoints: await s.inbound.endpoints(options.publicUrl) });
    });
    return router;
}
