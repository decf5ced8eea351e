import { Router } from 'express';
import Joi from 'joi';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { idParams } from '../../../kernel/http/admin.schemas.js';
import { EDITOR_ROLES, READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';
import { adminPrincipal, adminRoute } from '../../admin/index.js';
import type { ChainDesign } from '../rules/chain-definition.js';
import { chainDesignBody, chainMoveBody, updateChainBody } from '../rules/chain-design.schema.js';
import type { ChainAdminService } from '../services/chain-admin.service.js';
import type { ChainReportService } from '../services/chain-report.service.js';

/** The chain services the routes call. */
export interface ChainApiServices {
    chainAdmin: ChainAdminService;
    chainReports: ChainReportService;
}

/** The report's entry range and margin: `from` inclusive, `to` exclusive, ISO 8601. */
export const chainReportQuery = Joi.object({
    from: Joi.date().iso(),
    to: Joi.date().iso().greater(Joi.ref('from')),
    marginPct: Joi.number().min(0).max(100).precision(2),
});

const unknownChain = { REFILL_NOT_FOUND: 'No chain with this id' };

/** An activate, pause or archive of a chain. */
function chainMove(move: 'activate' | 'pause' | 'archive', summary: string, description: string) {
    return adminRoute({
        method: 'post',
        path: `/chains/:id/${move}`,
        roles: EDITOR_ROLES,
        summary,
        description: `${description} Audited.`,
        tags: ['chains'],
        params: idParams,
        ...(move === 'activate' ? {} : { body: chainMoveBody }),
        success: { status: 200, description: '`{ chain }`, after the move' },
        errors: {
            ...unknownChain,
            REFILL_CONFLICT: 'The chain’s status does not allow this move (`details.allowedFrom`)',
            ...(move === 'activate'
                ? {
                      REFILL_UNPROCESSABLE:
                          'The design names what no longer exists; `details` lists each problem',
                  }
                : {}),
        },
    });
}

/** The chain routes: what each validates, who may call it, what it answers. */
export const adminChainRouteTable = {
    listChains: adminRoute({
        method: 'get',
        path: '/chains',
        roles: READER_ROLES,
        summary: 'Every trigger chain with its live figures',
        description: '`activeRuns` and `entered7d` count both groups; `goalRate` is the test group’s.',
        tags: ['chains'],
        success: { status: 200, description: '`{ chains }`' },
    }),
    createChain: adminRoute({
        method: 'post',
        path: '/chains',
        roles: EDITOR_ROLES,
        summary: 'Create a draft chain',
        description:
            'Amounts in minor units, shares in basis points, waits in hours. A design the checks refuse answers 400 with each problem by path (`steps[2].then`). Audited.',
        tags: ['chains'],
        body: chainDesignBody,
        success: { status: 201, description: '`{ chain }`' },
        errors: { REFILL_CONFLICT: 'The key is taken by another chain' },
    }),
    getChain: adminRoute({
        method: 'get',
        path: '/chains/:id',
        roles: READER_ROLES,
        summary: 'One chain: its design, status and version',
        tags: ['chains'],
        params: idParams,
        success: { status: 200, description: '`{ chain }`' },
        errors: unknownChain,
    }),
    updateChain: adminRoute({
        method: 'put',
        path: '/chains/:id',
        roles: EDITOR_ROLES,
        summary: 'Save a chain’s whole design',
        description:
            'Send the `version` you read: a stale one answers 409 (`details.currentVersion`). An active or paused chain keeps every step runs stand on (409 with `details.steps`). The key never changes. Audited.',
        tags: ['chains'],
        params: idParams,
        body: updateChainBody,
        success: { status: 200, description: '`{ chain }`' },
        errors: {
            ...unknownChain,
            REFILL_CONFLICT: 'A stale version, an archived chain, a changed key, or steps with runs removed',
        },
    }),
    activateChain: chainMove(
        'activate',
        'Activate a draft or paused chain',
        'Customers enter it from now on.',
    ),
    pauseChain: chainMove(
        'pause',
        'Pause an active chain',
        'Nobody enters; runs wait where they stand. `{ reason }`.',
    ),
    archiveChain: chainMove(
        'archive',
        'Archive a chain',
        'Its open runs end `cancelled`; it can no longer change. `{ reason }`.',
    ),
    chainSteps: adminRoute({
        method: 'get',
        path: '/chains/:id/steps',
        roles: READER_ROLES,
        summary: 'Live counts per step: runs standing on it and runs that executed it, by group',
        tags: ['chains'],
        params: idParams,
        success: { status: 200, description: '`{ steps: [{ stepId, type, at, passed }] }`' },
        errors: unknownChain,
    }),
    chainReport: adminRoute({
        method: 'get',
        path: '/chains/:id/report',
        roles: READER_ROLES,
        summary:
            'The chain’s report: entries, SRM, funnel, goal and revenue against the holdout, cost, ROMI, budget',
        description:
            'Runs entered in [`from`, `to`) (any when absent). ROMI needs a gross margin: pass `marginPct`; without it `romi` is null and `iroas` still shows.',
        tags: ['chains'],
        params: idParams,
        query: chainReportQuery,
        success: { status: 200, description: '`{ report }`' },
        errors: unknownChain,
    }),
};

/**
 * Trigger chains for marketers: list, read, create, edit (optimistic
 * version), activate, pause and archive (audited), the live step counts and
 * the report. Reading needs any admin role; changing needs admin or marketer.
 */
export function adminChainRoutes(s: ChainApiServices): Router {
    const router = Router();
    const table = adminChainRouteTable;
    const id = (res: { locals: Record<string, unknown> }) => (res.locals.params as { id: number }).id;
    const reason = (res: { locals: Record<string, unknown> }) =>
        (res.locals.body as { reason: string }).reason;

    mountRoute(router, table.listChains, async (_req, res) => {
        res.json({ chains: await s.chainAdmin.list() });
    });
    mountRoute(router, table.createChain, async (_req, res) => {
        const design = res.locals.body as ChainDesign;
        res.status(201).json({ chain: await s.chainAdmin.create(design, adminPrincipal(res).username) });
    });
    mountRoute(router, table.getChain, async (_req, res) => {
        res.json({ chain: await s.chainAdmin.get(id(res)) });
    });
    mountRoute(router, table.updateChain, async (_req, res) => {
        const { version, ...design } = res.locals.body as ChainDesign & { version: number };
        res.json({
            chain: await s.chainAdmin.update(id(res), design, version, adminPrincipal(res).username),
        });
    });
    mountRoute(router, table.activateChain, async (_req, res) => {
        res.json({ chain: await s.chainAdmin.activate(id(res), adminPrincipal(res).username) });
    });
    mountRoute(router, table.pauseChain, async (_req, res) => {
        res.json({ chain: await s.chainAdmin.pause(id(res), reason(res), adminPrincipal(res).username) });
    });
    mountRoute(router, table.archiveChain, async (_req, res) => {
        res.json({ chain: await s.chainAdmin.archive(id(res), reason(res), adminPrincipal(res).username) });
    });
    mountRoute(router, table.chainSteps, async (_req, res) => {
        res.json({ steps: await s.chainAdmin.steps(id(res)) });
    });
    mountRoute(router, table.chainReport, async (_req, res) => {
        const q = res.locals.query as { from?: Date; to?: Date; marginPct?: number };
        res.json({
            report: await s.chainReports.report(id(res), {
                from: q.from ?? null,
                to: q.to ?? null,
                marginPct: q.marginPct ?? null,
            }),
        });
    });
    return router;
}
