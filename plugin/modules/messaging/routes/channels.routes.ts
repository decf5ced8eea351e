import { Router } from 'express';
import Joi from 'joi';
import { isoTime } from '../../../kernel/http/page.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { EDITOR_ROLES } from '../../../kernel/vocabulary/admin-roles.js';
import { CHANNELS, type Channel } from '../../../kernel/vocabulary/channels.js';
import { adminPrincipal, adminRoute } from '../../admin/index.js';
import { TEST_SENDS_PER_HOUR, type ChannelStatusService } from '../channels/channel-status.service.js';
import { MESSAGING_READERS } from './message-log.routes.js';

const channelParams = Joi.object({
    channel: Joi.string()
        .valid(...CHANNELS)
        .required(),
});
const testBody = Joi.object({
    to: Joi.string().trim().min(1).max(254).required().description('Phone, e-mail, chat id or device token'),
    text: Joi.string().max(1000).allow('').description('Default: a short test line with the chain’s name'),
});

const channelView = Joi.object({
    channel: Joi.string().valid(...CHANNELS),
    provider: Joi.string().description('outbox, smtp, http-sms, telegram, webhook, or a host’s own id'),
    configured: Joi.boolean().description('False while the channel writes to the outbox'),
    state: Joi.string().valid('healthy', 'failing', 'idle'),
    price: Joi.object({ amount: Joi.number().integer(), per: Joi.string().valid('message', 'segment') })
        .allow(null)
        .description('The provider’s price, minor units'),
    plannedCost: Joi.number().integer().description('The cost cascades plan with, minor units'),
    sender: Joi.string().allow(null),
    answered: Joi.number().integer().description('Messages the provider answered in the last 7 days'),
    failed: Joi.number().integer(),
    failures: Joi.array().items(
        Joi.object({ reason: Joi.string(), count: Joi.number().integer(), lastAt: isoTime })
            .prefs({ presence: 'required' })
            .id('ChannelFailure'),
    ),
})
    .prefs({ presence: 'required' })
    .id('ChannelView');
const testAnswer = Joi.object({
    result: Joi.object({
        outcome: Joi.string().valid('sent', 'failed').required(),
        provider: Joi.string().required(),
        providerMessageId: Joi.string(),
        status: Joi.string(),
        cost: Joi.number().integer(),
        segments: Joi.number().integer().allow(null),
        code: Joi.string(),
        retryable: Joi.boolean(),
    })
        .prefs({ presence: 'optional' })
        .required()
        .id('TestSendResult'),
}).prefs({ presence: 'required' });

/** The channel routes: what each validates, who may call it, what it answers. */
export const adminChannelRouteTable = {
    listChannels: adminRoute({
        method: 'get',
        path: '/channels',
        roles: MESSAGING_READERS,
        summary: 'Each channel’s provider, state, price, sender and failures by reason in the last 7 days',
        description:
            'A channel is `failing` when more than half of its latest 20 answers (or its latest 3) failed, `idle` without answers in 7 days.',
        tags: ['messages'],
        success: {
            status: 200,
            description: '`{ channels }`',
            schema: Joi.object({ channels: Joi.array().items(channelView).required() }),
        },
    }),
    testChannel: adminRoute({
        method: 'post',
        path: '/channels/:channel/test',
        roles: EDITOR_ROLES,
        summary: 'Send a test message through the channel’s real provider',
        description: `Audited with the recipient masked. At most ${TEST_SENDS_PER_HOUR} per person and hour. A provider’s refusal is answered as \`outcome: failed\` with its code.`,
        tags: ['messages'],
        params: channelParams,
        body: testBody,
        success: { status: 200, description: '`{ result }`', schema: testAnswer },
        errors: { REFILL_RATE_LIMITED: `More than ${TEST_SENDS_PER_HOUR} test sends in the last hour` },
    }),
};

/** The channels page: providers and their state, and test sends. */
export function adminChannelRoutes(channels: ChannelStatusService): Router {
    const router = Router();
    mountRoute(router, adminChannelRouteTable.listChannels, async (_req, res) => {
        res.json({ channels: await channels.list() });
    });
    mountRoute(router, adminChannelRouteTable.testChannel, async (_req, res) => {
        const { channel } = res.locals.params as { channel: Channel };
        const { to, text } = res.locals.body as { to: string; text?: string };
        res.json({ result: await channels.testSend(channel, to, text, adminPrincipal(res).username) });
    });
    return router;
}
