import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Response } from 'express';
import Joi from 'joi';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import { pageAnswer, pageQueryKeys, type PageRequest } from '../../../kernel/http/page.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { isStoreBound } from '../../../kernel/vocabulary/admin-roles.js';
import type { AuditFilter } from '../repositories/audit-log.query.js';
import type { AuditLogService } from '../services/audit-log.service.js';
import { adminPrincipal } from './admin-session.middleware.js';
import { adminRoute } from './api-security.js';
import { auditViewSchema } from './admin-views.schemas.js';

const filterKeys = {
    actor: Joi.string().max(128),
    action: Joi.string().max(64),
    entityType: Joi.string().max(32),
    entityId: Joi.string().max(64),
    from: Joi.date().iso().description('Entries at or after this moment'),
    to: Joi.date().iso().description('Entries before this moment'),
};
const auditQuery = Joi.object({ ...filterKeys, ...pageQueryKeys });
const exportQuery = Joi.object(filterKeys);

/** The audit routes: what each validates, who may call it, what it answers. */
export const adminAuditRouteTable = {
    listAudit: adminRoute({
        method: 'get',
        path: '/audit',
        roles: ['admin', 'analyst', 'manager'],
        summary: 'The audit log, newest first',
        description:
            'Filters combine. Older spellings of an action or entity type match and are answered in today’s. A manager may read only `entityType=customer`.',
        tags: ['audit'],
        query: auditQuery,
        success: { status: 200, description: 'A page of entries', schema: pageAnswer(auditViewSchema) },
    }),
    exportAudit: adminRoute({
        method: 'get',
        path: '/audit/export',
        roles: ['admin', 'analyst'],
        summary: 'The audit log as CSV, newest first (same filters)',
        tags: ['audit'],
        query: exportQuery,
        success: { status: 200, description: 'Every matching entry as CSV', mediaTypes: ['text/csv'] },
    }),
};

/** The filter of a request; a store-bound role may only read customer entries. */
function filterOf(res: Response): AuditFilter {
    const { cursor: _c, limit: _l, ...filter } = res.locals.query as AuditFilter & Partial<PageRequest>;
    if (isStoreBound(adminPrincipal(res).role) && filter.entityType !== 'customer')
        throw new RefillError(
            'REFILL_FORBIDDEN',
            'A manager may read only customer entries (entityType=customer)',
        );
    return filter;
}

/** The audit log for people: filtered pages and a streamed CSV export. */
export function adminAuditRoutes(audit: AuditLogService): Router {
    const router = Router();
    mountRoute(router, adminAuditRouteTable.listAudit, async (_req, res) => {
        res.json(await audit.page(filterOf(res), res.locals.query as PageRequest));
    });
    mountRoute(router, adminAuditRouteTable.exportAudit, async (_req, res) => {
        const filter = filterOf(res);
        res.type('text/csv; charset=utf-8').attachment('audit.csv');
        await pipeline(Readable.from(audit.csv(filter)), res);
    });
    return router;
}
