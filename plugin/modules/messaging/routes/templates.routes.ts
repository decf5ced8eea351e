import { Router, type Response } from 'express';
import Joi from 'joi';
import type { TemplateLocale } from '../templates/template-helpers.js';
import { MESSAGE_KINDS, type MessageKind } from '../../../kernel/vocabulary/message-kinds.js';
import { TEMPLATE_CHANNELS, type TemplateChannel } from '../../../kernel/vocabulary/template-channels.js';
import { TEMPLATE_LOCALES, type PreviewRequest, type TemplateService } from '../services/template.service.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { adminPrincipal, adminRoute } from '../../admin/index.js';
import { EDITOR_ROLES, READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';

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

const READ = READER_ROLES;
const WRITE = EDITOR_ROLES;

/** The template routes: what each validates, who may call it, what it answers. */
export const adminTemplateRouteTable = {
    listTemplates: adminRoute({
        method: 'get',
        path: '/templates',
        roles: READ,
        summary: 'Every kind × channel × locale with where its template comes from',
        tags: ['templates'],
        success: { status: 200, description: '`{ templates }`' },
    }),
    previewTemplate: adminRoute({
        method: 'post',
        path: '/templates/preview',
        // Writes nothing, but a POST: every role but the read-only analyst (who reads the templates).
        roles: ['admin', 'marketer', 'manager'],
        summary: 'Render a template with sample data, with its SMS segments',
        description: 'Renders `source` (checked first) when given, else the template in use.',
        tags: ['templates'],
        body: previewBody,
        success: { status: 200, description: '`{ preview }`' },
        errors: { REFILL_NOT_FOUND: 'No template for this kind, channel and locale' },
    }),
    getTemplate: adminRoute({
        method: 'get',
        path: '/templates/:kind/:channel/:locale',
        roles: READ,
        summary: 'The template in use for a kind, channel and locale',
        tags: ['templates'],
        params: templateParams,
        success: { status: 200, description: '`{ template }`' },
        errors: { REFILL_NOT_FOUND: 'No template for this kind, channel and locale' },
    }),
    saveTemplate: adminRoute({
        method: 'put',
        path: '/templates/:kind/:channel/:locale',
        roles: WRITE,
        summary: 'Save an override of the shipped template',
        description: 'Checked by rendering it first; used from the next message on. Audited.',
        tags: ['templates'],
        params: templateParams,
        body: saveBody,
        success: { status: 200, description: '`{ template }`' },
    }),
    removeTemplate: adminRoute({
        method: 'delete',
        path: '/templates/:kind/:channel/:locale',
        roles: WRITE,
        summary: 'Remove an override, reverting to the shipped template',
        description: 'Audited.',
        tags: ['templates'],
        params: templateParams,
        success: { status: 200, description: '`{ template }`: the one in use now' },
        errors: { REFILL_NOT_FOUND: 'No saved override for this kind, channel and locale' },
    }),
};

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
    const table = adminTemplateRouteTable;
    const params = (res: Response) => res.locals.params as TemplateParams;

    mountRoute(router, table.listTemplates, async (_req, res) => {
        res.json({ templates: await templates.list() });
    });
    mountRoute(router, table.previewTemplate, async (_req, res) => {
        res.json({ preview: await templates.preview(res.locals.body as PreviewRequest) });
    });
    mountRoute(router, table.getTemplate, async (_req, res) => {
        const p = params(res);
        res.json({ template: await templates.get(p.kind, p.channel, p.locale) });
    });
    mountRoute(router, table.saveTemplate, async (_req, res) => {
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
    });
    mountRoute(router, table.removeTemplate, async (_req, res) => {
        const p = params(res);
        res.json({
            template: await templates.remove(p.kind, p.channel, p.locale, adminPrincipal(res).username),
        });
    });
    return router;
}
