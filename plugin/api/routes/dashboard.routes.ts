import { Router } from 'express';
import { RefillError } from '../../kernel/errors/refill-error.js';
import { mountRoute } from '../../kernel/http/route-table.js';
import { type AdminRole, isStoreBound, READER_ROLES } from '../../kernel/vocabulary/admin-roles.js';
import { adminPrincipal, adminRoute, type StoreService } from '../../modules/admin/index.js';
import { dashboardAnswer, dashboardQuery } from '../dashboard/dashboard.schemas.js';
import type { DashboardScope, DashboardService } from '../dashboard/dashboard.service.js';

/** The dashboard route: what it validates, who may call it, what it answers. */
export const adminDashboardRouteTable = {
    getDashboard: adminRoute({
        method: 'get',
        path: '/dashboard',
        roles: READER_ROLES,
        summary: 'Members, liability, bonus flow, receipts, campaigns, messages and failed jobs at a glance',
        description:
            'From pre-aggregated figures (the `daily-figures` job, every five minutes). A manager sees their stores only: `storeId` must be one of theirs; without it, all of theirs together. Campaigns, messages and jobs are chain-wide.',
        tags: ['dashboard'],
        query: dashboardQuery,
        success: { status: 200, description: 'The dashboard', schema: dashboardAnswer },
        errors: {
            REFILL_FORBIDDEN: 'A manager asked for a store that is not theirs',
            REFILL_NOT_FOUND: 'No store with this id',
        },
    }),
};

/** Which stores the caller may see, and asked for. */
async function scopeOf(
    role: AdminRole,
    own: readonly number[],
    storeId: number | undefined,
    stores: Pick<StoreService, 'list'>,
): Promise<DashboardScope> {
    if (isStoreBound(role)) {
        if (storeId !== undefined && !own.includes(storeId))
            throw new RefillError('REFILL_FORBIDDEN', 'This store is not one of yours', { storeId });
        return { storeIds: storeId === undefined ? own : [storeId] };
    }
    if (storeId === undefined) return { storeIds: null };
    if (!(await stores.list()).some((s) => s.id === storeId))
        throw new RefillError('REFILL_NOT_FOUND', `No store ${storeId}`, { storeId });
    return { storeIds: [storeId] };
}

/** `GET /dashboard` for every admin role; a manager's figures cover their stores. */
export function adminDashboardRoutes(
    dashboard: DashboardService,
    stores: Pick<StoreService, 'list'>,
): Router {
    const router = Router();
    mountRoute(router, adminDashboardRouteTable.getDashboard, async (_req, res) => {
        const principal = adminPrincipal(res);
        const { storeId } = res.locals.query as { storeId?: number };
        res.json(
            await dashboard.dashboard(await scopeOf(principal.role, principal.storeIds, storeId, stores)),
        );
    });
    return router;
}
