import { Router } from 'express';
import Joi from 'joi';
import { DateTime } from 'luxon';
import { decodeCursor, isoTime, pageAnswer, pageQueryKeys } from '../../../kernel/http/page.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { idParams } from '../../../kernel/http/admin.schemas.js';
import { CHANNELS } from '../../../kernel/vocabulary/channels.js';
import { MESSAGE_KINDS } from '../../../kernel/vocabulary/message-kinds.js';
import { adminRoute } from '../../admin/index.js';
import type { MessageLogRequest, MessageLogService } from '../services/message-log.service.js';

/** Who reads the messaging pages: everyone but the store-bound manager. */
export const MESSAGING_READERS = ['admin', 'marketer', 'analyst'] as const;

/** The statuses a message row can have. */
const STATUSES = ['claimed', 'sending', 'sent', 'delivered', 'read', 'failed', 'held', 'dropped'];
const moment = Joi.alternatives(
    Joi.string().pattern(/^\d{4}-\d{2}-\d{2}$/),
    Joi.string().isoDate(),
).description('A day `YYYY-MM-DD` in the chain’s timezone, or an ISO-8601 moment');

const logQuery = Joi.object({
    card: Joi.string().min(1).max(64).description('The customer’s card number, exactly'),
    campaignId: Joi.number().integer().min(1),
    channel: Joi.string().valid(...CHANNELS),
    status: Joi.string().valid(...STATUSES),
    kind: Joi.string().valid(...MESSAGE_KINDS),
    from: moment.description('Created at or after (a day: from its start)'),
    to: moment.description('Created before (a day: up to its end)'),
    ...pageQueryKeys,
});

const verdict = Joi.object({
    decision: Joi.string().valid('send', 'hold', 'drop').required(),
    reason: Joi.string(),
    nextAllowedAt: isoTime,
    used: Joi.number().integer(),
    cap: Joi.number().integer(),
    gapMinutes: Joi.number().integer(),
    timezone: Joi.string(),
    waived: Joi.object({ reason: Joi.string(), used: Joi.number(), cap: Joi.number() }),
})
    .allow(null)
    .id('MessageVerdict')
    .description('The contact policy’s decision, with the rule that held or dropped it');

const itemKeys = {
    id: Joi.number().integer(),
    cardNumber: Joi.string(),
    campaignId: Joi.number().integer().allow(null),
    kind: Joi.string(),
    step: Joi.number().integer(),
    channel: Joi.string(),
    traffic: Joi.string().description('marketing or service'),
    status: Joi.string().description(STATUSES.join(', ')),
    recipient: Joi.string().allow(null).description('Masked: `+7 916 ***-**-67`, `a***@example.com`, `***`'),
    verdict,
    explanation: Joi.string().allow(null).description('The verdict in words, in the customer’s timezone'),
    customerTimezone: Joi.string(),
    segments: Joi.number().integer().allow(null),
    cost: Joi.number().integer().description('Minor units'),
    failureReason: Joi.string().allow(null),
    createdAt: isoTime,
    statusAt: isoTime.allow(null),
};
const logItem = Joi.object(itemKeys).prefs({ presence: 'required' }).id('MessageLogItem');
const detailAnswer = Joi.object({
    message: Joi.object({
        ...itemKeys,
        key: Joi.string(),
        provider: Joi.string().allow(null),
        attempts: Joi.number().integer(),
        trail: Joi.array().items(
            Joi.object({
                id: itemKeys.id,
                step: itemKeys.step,
                channel: itemKeys.channel,
                status: itemKeys.status,
                verdict,
                explanation: itemKeys.explanation,
                createdAt: isoTime,
            })
                .prefs({ presence: 'required' })
                .id('MessageTrailEntry'),
        ),
        cascade: Joi.object({
            status: Joi.string(),
            outcome: Joi.string().allow(null),
            step: Joi.number().integer(),
            nextAt: isoTime,
        })
            .prefs({ presence: 'required' })
            .allow(null)
            .id('MessageCascade'),
        events: Joi.array().items(
            Joi.object({ status: Joi.string(), at: isoTime, reason: Joi.string().allow(null) })
                .prefs({ presence: 'required' })
                .id('DeliveryEvent'),
        ),
    })
        .prefs({ presence: 'required' })
        .id('MessageLogDetail'),
}).prefs({ presence: 'required' });

/** The message log's routes: what each validates, who may call it, what it answers. */
export const adminMessageLogRouteTable = {
    listMessages: adminRoute({
        method: 'get',
        path: '/messages',
        roles: MESSAGING_READERS,
        summary: 'The message log, newest first: every message decision with its verdict in words',
        description: 'Filters combine. Recipients are masked. Paged by `cursor` (keyset on the id).',
        tags: ['messages'],
        query: logQuery,
        success: { status: 200, description: 'A page of messages', schema: pageAnswer(logItem) },
    }),
    getMessage: adminRoute({
        method: 'get',
        path: '/messages/:id',
        roles: MESSAGING_READERS,
        summary:
            'One message: why it was sent, held or dropped, its reminder’s other steps, and its delivery events',
        tags: ['messages'],
        params: idParams,
        success: { status: 200, description: '`{ message }`', schema: detailAnswer },
        errors: { REFILL_NOT_FOUND: 'No message with this id' },
    }),
};

/** A day or a moment as a Date: a day starts (or, as an end, ends) in `zone`. */
function when(value: string | undefined, zone: string, end: boolean): Date | undefined {
    if (value === undefined) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value);
    const day = DateTime.fromISO(value, { zone });
    return (end ? day.plus({ days: 1 }) : day).toJSDate();
}

/** The message log: a filtered page, and one message with its trail and delivery events. */
export function adminMessageLogRoutes(log: MessageLogService, timezone: string): Router {
    const router = Router();
    mountRoute(router, adminMessageLogRouteTable.listMessages, async (_req, res) => {
        const q = res.locals.query as Omit<MessageLogRequest, 'cursor' | 'from' | 'to'> & {
            card?: string;
            cursor?: string;
            from?: string;
            to?: string;
        };
        const { card, cursor, from, to, ...rest } = q;
        res.json(
            await log.list({
                ...rest,
                cardNumber: card,
                cursor: decodeCursor(cursor, Joi.number().integer().min(1)),
                from: when(from, timezone, false),
                to: when(to, timezone, true),
            }),
        );
    });
    mountRoute(router, adminMessageLogRouteTable.getMessage, async (_req, res) => {
        res.json({ message: await log.detail((res.locals.params as { id: number }).id) });
    });
    return router;
}
