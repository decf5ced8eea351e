import { Router } from 'express';
import Joi from 'joi';
import { CHANNELS, type Channel } from '../../../kernel/vocabulary/channels.js';
import type { OutboxStore } from '../channels/outbox.provider.js';
import type { MessageRepository } from '../repositories/message.repository.js';
import { validateOrThrow } from '../../../kernel/http/validate.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { adminRoute } from '../../admin/index.js';
import { READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';

const statsQuery = Joi.object({ campaignId: Joi.number().integer().min(1) });
const outboxQuery = Joi.object({
    channel: Joi.string().valid(...CHANNELS),
    limit: Joi.number().integer().min(1).max(1000).default(100),
});

/** The message-tracking and outbox routes: what each validates, who may call it, what it answers. */
export const adminMessageRouteTable = {
    messageStats: adminRoute({
        method: 'get',
        path: '/messages/stats',
        roles: READER_ROLES,
        summary: 'Sent, delivered, read, failed (by reason), held, dropped, segments and cost per channel',
        description: 'Of every message, or of one campaign’s.',
        tags: ['messages'],
        query: statsQuery,
        success: { status: 200, description: '`{ channels }`' },
    }),
    listOutbox: adminRoute({
        method: 'get',
        path: '/outbox',
        roles: ['admin', 'analyst'],
        summary: 'The outbox of the standalone default provider, newest first',
        tags: ['messages'],
        query: outboxQuery,
        success: { status: 200, description: '`{ messages }`' },
    }),
};

/** Message tracking per channel (and campaign) and the outbox of the standalone default provider. */
export function adminMessageRoutes(messages: MessageRepository, outbox: OutboxStore): Router {
    const router = Router();
    mountRoute(router, adminMessageRouteTable.messageStats, async (req, res) => {
        const { campaignId } = validateOrThrow(statsQuery, req.query) as { campaignId?: number };
        res.json({ channels: await messages.stats(campaignId) });
    });
    mountRoute(router, adminMessageRouteTable.listOutbox, async (req, res) => {
        const q = validateOrThrow(outboxQuery, req.query) as { channel?: Channel; limit: number };
        res.json({ messages: await outbox.list(q) });
    });
    return router;
}
