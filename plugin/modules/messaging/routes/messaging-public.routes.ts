import express, { Router } from 'express';
import Joi from 'joi';
import type { InboundMessagesService } from '../inbound-messages.service.js';
import type { EmailEventsService } from '../services/email-events.service.js';
import type { Channel } from '../../../kernel/vocabulary/channels.js';
import { validateOrThrow } from '../../../kernel/http/validate.js';

/** Channel names as the pages show them (a Map: looked up by a channel from a link): the marketing ones. */
const CHANNEL_NAMES = new Map<string, { ru: string; en: string }>(
    Object.entries({
        email: { ru: 'рекламных писем', en: 'promotional emails' },
        sms: { ru: 'рекламных SMS', en: 'promotional text messages' },
        push: { ru: 'рекламных push-уведомлений', en: 'promotional push notifications' },
        telegram: { ru: 'рекламных сообщений в Telegram', en: 'promotional Telegram messages' },
        viber: { ru: 'рекламных сообщений в Viber', en: 'promotional Viber messages' },
        whatsapp: { ru: 'рекламных сообщений в WhatsApp', en: 'promotional WhatsApp messages' },
    } satisfies Record<Channel, { ru: string; en: string }>),
);
/** What an unsubscribe leaves in place: service messages follow their own consent. */
const SERVICE_NOTE =
    '<p>Сообщения о ваших бонусах (сгорание, баланс) продолжат приходить. / Messages about your bonuses (expiry, balance) will still come.</p>';
const token = Joi.string()
    .min(10)
    .max(200)
    .pattern(/^[A-Za-z0-9_.-]+$/)
    .required();
const statusParams = Joi.object({ channel: Joi.string().min(2).max(16).required(), token });
const tokenParams = Joi.object({ token });
const inboundBody = Joi.object({
    from: Joi.string().min(3).max(32).required(),
    text: Joi.string().allow('').max(2000).required(),
}).unknown(true);

function page(title: string, body: string): string {
    return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">${body}</body></html>`;
}

/**
 * Endpoints the outside world calls, without an admin session: delivery
 * reports from gateways and STOP replies (under a signed path segment each
 * operator gets from `GET /admin/v1/messaging/endpoints`), and unsubscribe
 * links from messages. Opening a link only shows a confirmation (mail
 * scanners open links); the button, or a mail client's RFC 8058 one-click
 * POST, withdraws the channel's marketing consent (service messages follow
 * their own). With `messaging.emailEvents` configured, the email provider's
 * signed bounce and complaint events (`POST /email-events`).
 */
export function messagingPublicRoutes(
    inbound: InboundMessagesService,
    emailEvents?: EmailEventsService,
): Router {
    const router = Router();
    const raw = express.text({ type: () => true, limit: '256kb' });
    router.post('/status/:channel/:token', raw, async (req, res) => {
        const { channel, token: t } = validateOrThrow(statusParams, req.params) as {
            channel: string;
            token: string;
        };
        const body = typeof req.body === 'string' ? req.body : '';
        res.json(await inbound.statusCallback(channel, t, { headers: req.headers, body }));
    });
    // The email provider's bounces and complaints, signed over the raw body (see EmailEventsService).
    if (emailEvents)
        router.post('/email-events', raw, async (req, res) => {
            const body = typeof req.body === 'string' ? req.body : '';
            const signature = req.headers['x-refill-signature'];
            res.json(await emailEvents.handle(body, typeof signature === 'string' ? signature : undefined));
        });
    router.post(
        '/inbound/sms/:token',
        express.json({ limit: '16kb' }),
        express.urlencoded({ extended: false, limit: '16kb' }),
        async (req, res) => {
            const { token: t } = validateOrThrow(tokenParams, req.params) as { token: string };
            const { from, text } = validateOrThrow(inboundBody, req.body ?? {}) as {
                from: string;
                text: string;
            };
            res.json(await inbound.inboundSms(t, from, text));
        },
    );
    router.get('/unsubscribe/:token', async (req, res) => {
        const { token: t } = validateOrThrow(tokenParams, req.params) as { token: string };
        const target = await inbound.unsubscribeTarget(t);
        const what = CHANNEL_NAMES.get(target.channel) ?? { ru: target.channel, en: target.channel };
        res.type('html').send(
            page(
                'Отписка / Unsubscribe',
                `<h1>Отписаться от ${what.ru}?</h1><p>Unsubscribe from ${what.en}?</p>${SERVICE_NOTE}<form method="post"><button type="submit">Отписаться / Unsubscribe</button></form>`,
            ),
        );
    });
    router.post(
        '/unsubscribe/:token',
        express.urlencoded({ extended: false, limit: '4kb' }),
        async (req, res) => {
            const { token: t } = validateOrThrow(tokenParams, req.params) as { token: string };
            const { channel } = await inbound.unsubscribe(t);
            const what = CHANNEL_NAMES.get(channel) ?? { ru: channel, en: channel };
            res.type('html').send(
                page(
                    'Отписка / Unsubscribe',
                    `<h1>Вы отписаны от ${what.ru}.</h1><p>You will get no more ${what.en}.</p>${SERVICE_NOTE}`,
                ),
            );
        },
    );
    return router;
}
