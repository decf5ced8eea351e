import { Router } from 'express';
import Joi from 'joi';
import { CHANNELS, type Channel } from '../../../kernel/vocabulary/channels.js';
import type { OutboxStore } from '../channels/outbox.provider.js';
import type { MessageRepository } from '../repositories/message.repository.js';
import { validateOrThrow } from '../../../kernel/http/validate.js';
import { requireRole } from '../../admin/routes/admin-session.middleware.js';

const statsQuery = Joi.object({ campaignId: Joi.number().integer().min(1) });
const outboxQuery = Joi.object({
    channel: Joi.string().valid(...CHANNELS),
    limit: Joi.number().integer().min(1).max(1000).default(100),
});

/** Message tracking per channel (and campaign) and the outbox of the standalone default provider. */
export function adminMessageRoutes(messages: MessageRepository, outbox: OutboxStore): Router {
    const router = Router();
    router.get('/messages/stats', requireRole('admin', 'manager', 'marketer'), async (req, res) => {
        const { campaignId } = validateOrThrow(statsQuery, req.query) as { campaignId?: number };
        res.json({ channels: await messages.stats(campaignId) });
    });
    router.get('/outbox', requireRole('admin'), async (req, res) => {
        const q = validateOrThrow(outboxQuery, req.query) as { channel?: Channel; limit: number };
        res.json({ messages: await outbox.list(q) });
    });
    return router;
}
