import { Router, type Response } from 'express';
import Joi from 'joi';
import type { TemplateLocale } from '../templates/template-helpers.js';
import { MESSAGE_KINDS, type MessageKind } from '../../../kernel/vocabulary/message-kinds.js';
import { TEMPLATE_CHANNELS, type TemplateChannel } from '../../../kernel/vocabulary/template-channels.js';
import { TEMPLATE_LOCALES, type PreviewRequest, type TemplateService } from '../services/template.service.js';
import { validate } from '../../../kernel/http/validate.js';
import { adminPrincipal, requireRole } from '../../admin/routes/admin-session.middleware.js';

const kind = Joi.string().valid(...MESSAGE_KINDS);
const channel = Joi.string().valid(...TEMPLATE_CHANNELS);
const locale = Joi.string().valid(...TEMPLATE_LOCALES);
const source = Joi.string().min(1).max(20_000);

const templateParams = Joi.object({
    kind: kind.required(),
    channel: channel.required(),
    locale: locale.required(),
});
const saveBody = Joi.object({ source: source.required() });
const previewBody = Joi.object({
    kind: kind.required(),
    channel: channel.required(),
    locale: locale.required(),
    source,
});

/** The template a request names. */
type TemplateParams = { kind: MessageKind; channel: TemplateChannel; locale: TemplateLocale };

/**
 * Message templates: list every kind × channel × locale with where its
 * template comes from, read one, save an override or remove it (admin or
 * marketer; checked, audited), and preview a stored or unsaved template
 * with sample data and SMS segments (any admin role).
 */
export function adminTemplateRoutes(templates: TemplateService): Router {
    const router = Router();
    const read = requireRole('admin', 'manager', 'marketer');
    const write = requireRole('admin', 'marketer');
    const params = (res: Response) => res.locals.params as TemplateParams;

    router.get('/templates', read, async (_req, res) => {
        res.json({ templates: await templates.list() });
    });
    router.post('/templates/preview', read, validate({ body: previewBody }), async (_req, res) => {
        res.json({ preview: await templates.preview(res.locals.body as PreviewRequest) });
    });
    router.get(
        '/templates/:kind/:channel/:locale',
        read,
        validate({ params: templateParams }),
        async (_req, res) => {
            const p = params(res);
            res.json({ template: await templates.get(p.kind, p.channel, p.locale) });
        },
    );
    router.put(
        '/templates/:kind/:channel/:locale',
        write,
        validate({ params: templateParams, body: saveBody }),
        async (_req, res) => {
            const p = params(res);
            const { source: text } = res.locals.body as { source: string };
            const template = await templates.save(
                p.kind,
                p.channel,
                p.locale,
                text,
                adminPrincipal(res).username,
            );
            res.json({ template });
        },
    );
    router.delete(
        '/templates/:kind/:channel/:locale',
        write,
        validate({ params: templateParams }),
        async (_req, res) => {
            const p = params(res);
            res.json({
                template: await templates.remove(p.kind, p.channel, p.locale, adminPrincipal(res).username),
            });
        },
    );
    return router;
}
