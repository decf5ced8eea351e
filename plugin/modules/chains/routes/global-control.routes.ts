import { Router } from 'express';
import Joi from 'joi';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { EDITOR_ROLES, READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';
import { adminPrincipal, adminRoute } from '../../admin/index.js';
import { globalControlBody } from '../rules/chain-design.schema.js';
import type { GlobalControlService } from '../services/global-control.service.js';

/** The global control services the routes call. */
export interface GlobalControlApiServices {
    globalControl: GlobalControlService;
}

/** The report's period: `from` inclusive, `to` exclusive, ISO 8601, both required. */
const reportQuery = Joi.object({
    from: Joi.date().iso().required(),
    to: Joi.date().iso().greater(Joi.ref('from')).required(),
});

/** The global control group's routes. */
export const adminGlobalControlRouteTable = {
    getGlobalControl: adminRoute({
        method: 'get',
        path: '/program/global-control',
        roles: READER_ROLES,
        summary: 'The program’s global control group: the share of customers held out of all marketing',
        tags: ['chains'],
        success: { status: 200, description: '`{ globalControl: { shareBp, maxBp } }`' },
    }),
    setGlobalControl: adminRoute({
        method: 'put',
        path: '/program/global-control',
        roles: EDITOR_ROLES,
        summary: 'Set the global control group’s share (basis points, 0 turns it off)',
        description:
            'Its members get no campaign offers, marketing messages or marketing chains. The group is a stable hash: raising the share only moves more customers in. Audited.',
        tags: ['chains'],
        body: globalControlBody,
        success: { status: 200, description: '`{ globalControl }`' },
    }),
    globalControlReport: adminRoute({
        method: 'get',
        path: '/program/global-control/report',
        roles: READER_ROLES,
        summary:
            'Revenue per customer: the global control group against everyone else, and the program’s incremental revenue',
        tags: ['chains'],
        query: reportQuery,
        success: { status: 200, description: '`{ report }`' },
    }),
};

/** The program's global control group: read and set its share (audited), and its report. */
export function adminGlobalControlRoutes(s: GlobalControlApiServices): Router {
    const router = Router();
    const table = adminGlobalControlRouteTable;
    mountRoute(router, table.getGlobalControl, async (_req, res) => {
        res.json({ globalControl: await s.globalControl.get() });
    });
    mountRoute(router, table.setGlobalControl, async (_req, res) => {
        const { shareBp } = res.locals.body as { shareBp: number };
        res.json({ globalControl: await s.globalControl.set(shareBp, adminPrincipal(res).username) });
    });
    mountRoute(router, table.globalControlReport, async (_req, res) => {
        const { from, to } = res.locals.query as { from: Date; to: Date };
        res.json({ report: await s.globalControl.report(from, to) });
    });
    return router;
}
