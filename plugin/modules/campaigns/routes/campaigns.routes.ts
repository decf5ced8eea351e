import { Router } from 'express';
import Joi from 'joi';
import type { CampaignDesign } from '../services/campaign-design.js';
import type { CampaignMembersService } from '../services/campaign-members.service.js';
import type { MemberFilter } from '../repositories/campaign-member-list.query.js';
import type { CampaignPlanningService } from '../services/campaign-planning.service.js';
import type { CampaignReportService } from '../services/campaign-report.service.js';
import type { CampaignSelectionService } from '../services/campaign-selection.service.js';
import type { CampaignService } from '../services/campaign.service.js';
import { validateOrThrow } from '../../../kernel/http/validate.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { idParams } from '../../../kernel/http/admin.schemas.js';
import { createCampaignBody, updateCampaignBody } from './campaign.schemas.js';
import { adminPrincipal, adminRoute } from '../../admin/index.js';
import { campaignReportCsv } from './campaign-report.csv.js';
import { EDITOR_ROLES, READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';

/** The campaign services the routes call. */
export interface CampaignApiServices {
    campaigns: CampaignService;
    campaignSelection: CampaignSelectionService;
    campaignReports: CampaignReportService;
    campaignPlanning: CampaignPlanningService;
    campaignMembers: CampaignMembersService;
}

/** Query of the member list and export. */
const memberQuery = Joi.object({
    page: Joi.number().integer().min(1).max(1_000_000).default(1),
    pageSize: Joi.number().integer().min(1).max(500).default(50),
    group: Joi.string().valid('test', 'control'),
    card: Joi.string().min(1).max(64),
});

/** The query of the member export: the list's filters, no pages. */
const memberExportQuery = memberQuery.fork(['page', 'pageSize'], (k) => k.forbidden());

/** Reading needs any admin role; changing needs admin or marketer. */
const READ = READER_ROLES;
const WRITE = EDITOR_ROLES;
const unknownCampaign = { REFILL_NOT_FOUND: 'No campaign with this id' };

/** A launch, pause, resume or finish of a campaign. */
function campaignMove(move: 'launch' | 'pause' | 'resume' | 'finish', summary: string, description: string) {
    return adminRoute({
        method: 'post',
        path: `/campaigns/:id/${move}`,
        roles: WRITE,
        summary,
        description: `${description} Audited.`,
        tags: ['campaigns'],
        params: idParams,
        success: { status: 200, description: '`{ campaign }`, after the move' },
        errors: {
            ...unknownCampaign,
            REFILL_CONFLICT: 'The campaign’s status does not allow this move (`details.allowedFrom`)',
            ...(move === 'launch'
                ? { REFILL_UNPROCESSABLE: 'The design cannot launch; `details` lists each problem' }
                : {}),
        },
    });
}

/** The campaign routes: what each validates, who may call it, what it answers. */
export const adminCampaignRouteTable = {
    listCampaigns: adminRoute({
        method: 'get',
        path: '/campaigns',
        roles: READ,
        summary: 'Every campaign',
        tags: ['campaigns'],
        success: { status: 200, description: '`{ campaigns }`' },
    }),
    createCampaign: adminRoute({
        method: 'post',
        path: '/campaigns',
        roles: WRITE,
        summary: 'Create a draft campaign',
        description: 'Percentages are percent (`controlSharePct: 10` is 10%). Audited.',
        tags: ['campaigns'],
        body: createCampaignBody,
        success: { status: 201, description: '`{ campaign }`' },
        errors: { REFILL_CONFLICT: 'The code is taken by another campaign' },
    }),
    getCampaign: adminRoute({
        method: 'get',
        path: '/campaigns/:id',
        roles: READ,
        summary: 'One campaign',
        tags: ['campaigns'],
        params: idParams,
        success: { status: 200, description: '`{ campaign }`' },
        errors: unknownCampaign,
    }),
    updateCampaign: adminRoute({
        method: 'patch',
        path: '/campaigns/:id',
        roles: WRITE,
        summary: 'Change a campaign’s design',
        description:
            'Any design fields; after launch only those that do not touch assignment (others answer 409 naming them). Audited.',
        tags: ['campaigns'],
        params: idParams,
        body: updateCampaignBody,
        success: { status: 200, description: '`{ campaign }`' },
        errors: {
            ...unknownCampaign,
            REFILL_CONFLICT: 'Finished, a field frozen after launch (`details`), or a code taken',
        },
    }),
    launchCampaign: campaignMove(
        'launch',
        'Launch a draft',
        'Scheduled until its start, active from then on.',
    ),
    pauseCampaign: campaignMove('pause', 'Pause daily selection', 'Offers already given stay valid.'),
    resumeCampaign: campaignMove('resume', 'Resume a paused campaign', 'Daily selection starts again.'),
    finishCampaign: campaignMove(
        'finish',
        'Finish a campaign',
        'No new members; the report keeps measuring open windows. A finished campaign cannot change.',
    ),
    dryRunCampaign: adminRoute({
        method: 'post',
        path: '/campaigns/:id/dry-run',
        // Writes nothing, but a POST: every role but the read-only analyst (who reads the plan and report).
        roles: ['admin', 'marketer', 'manager'],
        summary: 'Today’s segment without writing anything: its size, reach per channel, exclusions',
        tags: ['campaigns'],
        params: idParams,
        success: { status: 200, description: '`{ dryRun }`' },
        errors: unknownCampaign,
    }),
    planCampaign: adminRoute({
        method: 'get',
        path: '/campaigns/:id/plan',
        roles: READ,
        summary: 'The plan: today’s segment, the expected size, the minimum detectable effect and a forecast',
        description: 'Any state. Its `units` block names the unit of every figure.',
        tags: ['campaigns'],
        params: idParams,
        success: { status: 200, description: '`{ plan }`' },
        errors: unknownCampaign,
    }),
    campaignReport: adminRoute({
        method: 'get',
        path: '/campaigns/:id/report',
        roles: READ,
        summary: 'The campaign’s report: test against control, cost, iROAS',
        description: 'JSON, or CSV with `?format=csv` or `Accept: text/csv`.',
        tags: ['campaigns'],
        params: idParams,
        success: {
            status: 200,
            description: '`{ report }`, or the report as CSV',
            mediaTypes: ['application/json', 'text/csv'],
        },
        errors: unknownCampaign,
    }),
    campaignMembers: adminRoute({
        method: 'get',
        path: '/campaigns/:id/members',
        roles: READ,
        summary: 'A page of the campaign’s members, card numbers masked',
        tags: ['campaigns'],
        params: idParams,
        query: memberQuery,
        success: { status: 200, description: 'A page of members with the total' },
        errors: unknownCampaign,
    }),
    exportCampaignMembers: adminRoute({
        method: 'get',
        path: '/campaigns/:id/members/export',
        roles: WRITE,
        summary: 'Every member as CSV, with whole card numbers',
        description: 'Streamed. Audited.',
        tags: ['campaigns'],
        params: idParams,
        query: memberExportQuery,
        success: { status: 200, description: 'The members as CSV', mediaTypes: ['text/csv'] },
        errors: unknownCampaign,
    }),
};

/** The member filter of a validated query. */
function memberFilter(query: { group?: 'test' | 'control'; card?: string }): MemberFilter {
    return { group: query.group, cardNumber: query.card };
}

/**
 * Campaigns for marketers: list, create, edit, launch, pause, resume,
 * finish (audited), dry-run and plan before launch, the report as JSON or
 * CSV, and the members: a paginated list with masked cards (any admin role)
 * and a CSV export with whole card numbers (admin or marketer; audited).
 * Reading needs any admin role; changing needs admin or marketer.
 */
export function adminCampaignRoutes(s: CampaignApiServices): Router {
    const router = Router();
    const table = adminCampaignRouteTable;
    const id = (res: { locals: Record<string, unknown> }) => (res.locals.params as { id: number }).id;

    mountRoute(router, table.listCampaigns, async (_req, res) => {
        res.json({ campaigns: await s.campaigns.list() });
    });
    mountRoute(router, table.createCampaign, async (_req, res) => {
        const design = res.locals.body as CampaignDesign;
        res.status(201).json({ campaign: await s.campaigns.create(design, adminPrincipal(res).username) });
    });
    mountRoute(router, table.getCampaign, async (_req, res) => {
        res.json({ campaign: await s.campaigns.get(id(res)) });
    });
    mountRoute(router, table.updateCampaign, async (_req, res) => {
        const patch = res.locals.body as Partial<CampaignDesign>;
        res.json({ campaign: await s.campaigns.update(id(res), patch, adminPrincipal(res).username) });
    });
    for (const move of ['launch', 'pause', 'resume', 'finish'] as const)
        mountRoute(router, table[`${move}Campaign`], async (_req, res) => {
            res.json({ campaign: await s.campaigns[move](id(res), adminPrincipal(res).username) });
        });
    mountRoute(router, table.dryRunCampaign, async (_req, res) => {
        res.json({ dryRun: await s.campaignSelection.dryRun(id(res)) });
    });
    mountRoute(router, table.planCampaign, async (_req, res) => {
        res.json({ plan: await s.campaignPlanning.plan(id(res)) });
    });
    mountRoute(router, table.campaignReport, async (req, res) => {
        const report = await s.campaignReports.report(id(res));
        if (req.query.format === 'csv' || req.accepts(['json', 'csv']) === 'csv') {
            res.type('text/csv; charset=utf-8')
                .attachment(`campaign-${report.campaign.code}-report.csv`)
                .send(campaignReportCsv(report));
            return;
        }
        res.json({ report });
    });
    mountRoute(router, table.campaignMembers, async (req, res) => {
        const query = validateOrThrow(memberQuery, req.query) as {
            page: number;
            pageSize: number;
            group?: 'test' | 'control';
            card?: string;
        };
        res.json(await s.campaignMembers.page(id(res), memberFilter(query), query.page, query.pageSize));
    });
    mountRoute(router, table.exportCampaignMembers, async (req, res) => {
        const query = validateOrThrow(
            memberQuery.fork(['page', 'pageSize'], (k) => k.forbidden()),
            req.query,
        );
        const exported = await s.campaignMembers.export(
            id(res),
            memberFilter(query as { group?: 'test' | 'control'; card?: string }),
            adminPrincipal(res).username,
        );
        res.type('text/csv; charset=utf-8').attachment(`campaign-${exported.campaignCode}-members.csv`);
        for await (const chunk of exported.chunks) res.write(chunk);
        res.end();
    });
    return router;
}
