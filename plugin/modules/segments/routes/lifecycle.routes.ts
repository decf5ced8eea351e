import { Router } from 'express';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { EDITOR_ROLES, READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';
import { adminPrincipal, adminRoute } from '../../admin/index.js';
import { adminCardNumberParams } from '../../customers/index.js';
import type { LifecycleThresholds } from '../rules/lifecycle.rules.js';
import type { LifecycleReportService } from '../services/lifecycle-report.service.js';
import type { LifecycleSettingsService } from '../services/lifecycle-settings.service.js';
import {
    customerLifecycleAnswer,
    flowsAnswer,
    flowsQuery,
    overviewAnswer,
    sizesAnswer,
    sizesQuery,
    thresholdsAnswer,
    thresholdsBody,
} from './lifecycle.schemas.js';

/** What the lifecycle routes call. */
export interface LifecycleApiServices {
    reports: LifecycleReportService;
    settings: LifecycleSettingsService;
}

/** The lifecycle segment routes: what each validates, who may call it, what it answers. */
export const adminLifecycleRouteTable = {
    lifecycleOverview: adminRoute({
        method: 'get',
        path: '/segments/lifecycle',
        roles: READER_ROLES,
        summary: 'Each lifecycle segment’s size and share now, with the thresholds in force',
        tags: ['segments'],
        success: { status: 200, description: 'Every segment in funnel order', schema: overviewAnswer },
    }),
    lifecycleSizes: adminRoute({
        method: 'get',
        path: '/segments/lifecycle/sizes',
        roles: READER_ROLES,
        summary: 'Daily segment sizes (lifecycle and custom segments) over a range of days',
        description: 'Defaults to the last 90 days; at most 731 days. Days without a snapshot are left out.',
        tags: ['segments'],
        query: sizesQuery,
        success: { status: 200, description: 'One entry per day with a snapshot', schema: sizesAnswer },
    }),
    lifecycleFlows: adminRoute({
        method: 'get',
        path: '/segments/lifecycle/flows',
        roles: READER_ROLES,
        summary: 'How many customers moved between lifecycle segments in a month',
        tags: ['segments'],
        query: flowsQuery,
        success: {
            status: 200,
            description: 'Moves by (from, to) and totals per segment',
            schema: flowsAnswer,
        },
    }),
    lifecycleThresholds: adminRoute({
        method: 'get',
        path: '/segments/lifecycle/thresholds',
        roles: READER_ROLES,
        summary: 'The lifecycle thresholds in force, with the defaults',
        tags: ['segments'],
        success: { status: 200, description: 'The thresholds', schema: thresholdsAnswer },
    }),
    saveLifecycleThresholds: adminRoute({
        method: 'put',
        path: '/segments/lifecycle/thresholds',
        roles: EDITOR_ROLES,
        summary: 'Change the lifecycle thresholds; applied from the next daily classification',
        description:
            'Whole days, with regularWithinDays < sleepingAfterDays < churnedAfterDays. Audited with before and after. A day already classified keeps its segments.',
        tags: ['segments'],
        body: thresholdsBody,
        success: { status: 200, description: 'The thresholds as saved', schema: thresholdsAnswer },
    }),
    customerLifecycle: adminRoute({
        method: 'get',
        path: '/customers/:cardNumber/lifecycle',
        roles: READER_ROLES,
        summary: 'The customer’s lifecycle segment and their moves between segments',
        tags: ['customers'],
        params: adminCardNumberParams,
        success: {
            status: 200,
            description: 'Current segment and history, newest first',
            schema: customerLifecycleAnswer,
        },
        errors: { REFILL_CUSTOMER_NOT_FOUND: 'No customer with this card' },
    }),
};

/** The lifecycle segments' admin routes. */
export function adminLifecycleRoutes(s: LifecycleApiServices): Router {
    const router = Router();
    const table = adminLifecycleRouteTable;
    mountRoute(router, table.lifecycleOverview, async (_req, res) => {
        res.json(await s.reports.overview());
    });
    mountRoute(router, table.lifecycleSizes, async (_req, res) => {
        const { from, to } = res.locals.query as { from?: string; to?: string };
        res.json(await s.reports.sizesByDay(from, to));
    });
    mountRoute(router, table.lifecycleFlows, async (_req, res) => {
        const { month } = res.locals.query as { month?: string };
        res.json(await s.reports.flows(month));
    });
    mountRoute(router, table.lifecycleThresholds, async (_req, res) => {
        res.json(await s.settings.view());
    });
    mountRoute(router, table.saveLifecycleThresholds, async (_req, res) => {
        const body = res.locals.body as LifecycleThresholds;
        res.json(await s.settings.save(body, adminPrincipal(res).username));
    });
    mountRoute(router, table.customerLifecycle, async (_req, res) => {
        const { cardNumber } = res.locals.params as { cardNumber: string };
        res.json(await s.reports.customer(cardNumber));
    });
    return router;
}
