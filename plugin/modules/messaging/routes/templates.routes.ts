import { Router, type Response } from 'express';
import type { TemplateLocale } from '../templates/template-helpers.js';
import type { MessageKind } from '../../../kernel/vocabulary/message-kinds.js';
import type { TemplateChannel } from '../../../kernel/vocabulary/template-channels.js';
import type { TemplateService } from '../services/template.service.js';
import type { PreviewRequest } from '../services/template-preview.service.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { adminPrincipal, adminRoute } from '../../admin/index.js';
import { EDITOR_ROLES, READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';
import {
    historyAnswer,
    previewAnswer,
    previewBody,
    previewQuery,
    saveBody,
    templateAnswer,
    templateListAnswer,
    templateParams,
    variablesAnswer,
    variablesQuery,
    versionParams,
} from './template.schemas.js';

const READ = READER_ROLES;
const WRITE = EDITOR_ROLES;
const NOT_FOUND = { REFILL_NOT_FOUND: 'No template for this kind, channel and locale' } as const;
const REFUSED =
    'A template that would fail at send time is refused with `REFILL_VALIDATION`; its `source` detail has the reason, a `rule` and, where Handlebars knows it, the `line` and `column`.';

/** The template routes: what each validates, who may call it, what it answers. */
export const adminTemplateRouteTable = {
    listTemplates: adminRoute({
        method: 'get',
        path: '/templates',
        roles: READ,
        summary: 'Every kind × channel × locale with where its template comes from',
        tags: ['templates'],
        success: { status: 200, description: 'Every template', schema: templateListAnswer },
    }),
    templateVariables: adminRoute({
        method: 'get',
        path: '/templates/variables',
        roles: READ,
        summary: 'The variables a kind’s template receives, with sample values',
        tags: ['templates'],
        query: variablesQuery,
        success: { status: 200, description: 'The variables', schema: variablesAnswer },
    }),
    previewTemplate: adminRoute({
        method: 'post',
        path: '/templates/preview',
        // Writes nothing, but a POST: every role but the read-only analyst (who reads the templates).
        roles: ['admin', 'marketer', 'manager'],
        summary: 'Render an unsaved or stored template on sample data or a customer’s, with its SMS segments',
        description: `Renders \`source\` (checked first) when given, else the template in use; with \`cardNumber\`, on that customer's name, balance, active offer and timezone (the rest from the samples). SMS: the segments of the text as it is and transliterated. ${REFUSED}`,
        tags: ['templates'],
        body: previewBody,
        success: { status: 200, description: 'The rendered message', schema: previewAnswer },
        errors: { ...NOT_FOUND, REFILL_CUSTOMER_NOT_FOUND: 'No customer has this card number' },
    }),
    getTemplate: adminRoute({
        method: 'get',
        path: '/templates/:kind/:channel/:locale',
        roles: READ,
        summary: 'The template in use for a kind, channel and locale',
        tags: ['templates'],
        params: templateParams,
        success: { status: 200, description: 'The template', schema: templateAnswer },
        errors: NOT_FOUND,
    }),
    previewStoredTemplate: adminRoute({
        method: 'get',
        path: '/templates/:kind/:channel/:locale/preview',
        roles: READ,
        summary: 'Render the template in use on sample data or a customer’s, with its SMS segments',
        tags: ['templates'],
        params: templateParams,
        query: previewQuery,
        success: { status: 200, description: 'The rendered message', schema: previewAnswer },
        errors: { ...NOT_FOUND, REFILL_CUSTOMER_NOT_FOUND: 'No customer has this card number' },
    }),
    templateHistory: adminRoute({
        method: 'get',
        path: '/templates/:kind/:channel/:locale/history',
        roles: READ,
        summary: 'The saved versions of a template, newest first, with who saved each',
        description: 'The latest 50: saves, restores and reverts to the shipped file (which keep no text).',
        tags: ['templates'],
        params: templateParams,
        success: { status: 200, description: 'The versions', schema: historyAnswer },
    }),
    saveTemplate: adminRoute({
        method: 'put',
        path: '/templates/:kind/:channel/:locale',
        roles: WRITE,
        summary: 'Save an override of the shipped template',
        description: `Checked by rendering it first; used from the next message on. Audited, and a version in the history. ${REFUSED}`,
        tags: ['templates'],
        params: templateParams,
        body: saveBody,
        success: { status: 200, description: 'The template now in use', schema: templateAnswer },
    }),
    restoreTemplateVersion: adminRoute({
        method: 'post',
        path: '/templates/:kind/:channel/:locale/history/:id/restore',
        roles: WRITE,
        summary: 'Put an older saved version back in use',
        description:
            'A save of that version’s text: checked again, audited, a `restore` version in the history.',
        tags: ['templates'],
        params: versionParams,
        success: { status: 200, description: 'The template now in use', schema: templateAnswer },
        errors: {
            REFILL_NOT_FOUND: 'The template has no version with this id',
            REFILL_UNPROCESSABLE: 'The version is a revert to the shipped file (it has no text)',
        },
    }),
    removeTemplate: adminRoute({
        method: 'delete',
        path: '/templates/:kind/:channel/:locale',
        roles: WRITE,
        summary: 'Remove an override, reverting to the shipped template',
        description: 'Audited, and a `revert` version in the history.',
        tags: ['templates'],
        params: templateParams,
        success: { status: 200, description: 'The template in use now', schema: templateAnswer },
        errors: { REFILL_NOT_FOUND: 'No saved override for this kind, channel and locale' },
    }),
};

/** The template a request names. */
type TemplateParams = { kind: MessageKind; channel: TemplateChannel; locale: TemplateLocale };

/**
 * Message templates: list every kind × channel × locale with where its
 * template comes from, read one with its history and the variables of its
 * kind, save an override, restore an older version or revert to the file
 * (admin or marketer; checked, audited, versioned), and preview a stored or
 * unsaved template on sample data or a customer's, with SMS segments.
 */
export function adminTemplateRoutes(templates: TemplateService): Router {
    const router = Router();
    const table = adminTemplateRouteTable;
    const params = (res: Response) => res.locals.params as TemplateParams;
    const actor = (res: Response) => adminPrincipal(res).username;

    mountRoute(router, table.listTemplates, async (_req, res) => {
        res.json({ templates: await templates.list() });
    });
    mountRoute(router, table.templateVariables, (_req, res) => {
        const q = res.locals.query as { kind: MessageKind; locale: TemplateLocale };
        res.json({ variables: templates.variables(q.kind, q.locale) });
    });
    mountRoute(router, table.previewTemplate, async (_req, res) => {
        res.json({ preview: await templates.preview(res.locals.body as PreviewRequest) });
    });
    mountRoute(router, table.getTemplate, async (_req, res) => {
        const p = params(res);
        res.json({ template: await templates.get(p.kind, p.channel, p.locale) });
    });
    mountRoute(router, table.previewStoredTemplate, async (_req, res) => {
        const { cardNumber } = res.locals.query as { cardNumber?: string };
        res.json({ preview: await templates.preview({ ...params(res), cardNumber }) });
    });
    mountRoute(router, table.templateHistory, async (_req, res) => {
        res.json({ versions: await templates.history(params(res)) });
    });
    mountRoute(router, table.saveTemplate, async (_req, res) => {
        const p = params(res);
        const { source } = res.locals.body as { source: string };
        res.json({ template: await templates.save(p.kind, p.channel, p.locale, source, actor(res)) });
    });
    mountRoute(router, table.restoreTemplateVersion, async (_req, res) => {
        const { id, ...key } = res.locals.params as TemplateParams & { id: number };
        res.json({ template: await templates.restore(key, id, actor(res)) });
    });
    mountRoute(router, table.removeTemplate, async (_req, res) => {
        const p = params(res);
        res.json({ template: await templates.remove(p.kind, p.channel, p.locale, actor(res)) });
    });
    return router;
}
