import { Router } from 'express';
import Joi from 'joi';
import type { CampaignDesign } from '../services/campaign-design.js';
import type { CampaignMembersService } from '../services/campaign-members.service.js';
import type { MemberFilter } from '../repositories/campaign-member-list.query.js';
import type { CampaignPlanningService } from '../services/campaign-planning.service.js';
import type { CampaignReportService } from '../services/campaign-report.service.js';
import type { CampaignSelectionService } from '../services/campaign-selection.service.js';
import type { CampaignService } from '../services/campaign.service.js';
import { validate, validateOrThrow } from '../../../kernel/http/validate.js';
import { createCampaignBody, idParams, updateCampaignBody } from './campaign.schemas.js';
import { adminPrincipal, requireRole } from '../../admin/routes/admin-session.middleware.js';
import { campaignReportCsv } from './campaign-report.csv.js';

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
    const read = requireRole('admin', 'manager', 'marketer');
    const write = requireRole('admin', 'marketer');
    const id = (res: { locals: Record<string, unknown> }) => (res.locals.params as { id: number }).id;

    router.get('/campaigns', read, async (_req, res) => {
        res.json({ campaigns: await s.campaigns.list() });
    });
    router.post('/campaigns', write, validate({ body: createCampaignBody }), async (_req, res) => {
        const design = res.locals.body as CampaignDesign;
        res.status(201).json({ campaign: await s.campaigns.create(design, adminPrincipal(res).username) });
    });
    router.get('/campaigns/:id', read, validate({ params: idParams }), async (_req, res) => {
        res.json({ campaign: await s.campaigns.get(id(res)) });
    });
    router.patch(
        '/campaigns/:id',
        write,
        validate({ params: idParams, body: updateCampaignBody }),
        async (_req, res) => {
            const patch = res.locals.body as Partial<CampaignDesign>;
            res.json({ campaign: await s.campaigns.update(id(res), patch, adminPrincipal(res).username) });
        },
    );
    for (const move of ['launch', 'pause', 'resume', 'finish'] as const)
        router.post(`/campaigns/:id/${move}`, write, validate({ params: idParams }), async (_req, res) => {
            res.json({ campaign: await s.campaigns[move](id(res), adminPrincipal(res).username) });
        });
    router.post('/campaigns/:id/dry-run', read, validate({ params: idParams }), async (_req, res) => {
        res.json({ dryRun: await s.campaignSelection.dryRun(id(res)) });
    });
    router.get('/campaigns/:id/plan', read, validate({ params: idParams }), async (_req, res) => {
        res.json({ plan: await s.campaignPlanning.plan(id(res)) });
    });
    router.get('/campaigns/:id/report', read, validate({ params: idParams }), async (req, res) => {
        const report = await s.campaignReports.report(id(res));
        if (req.query.format === 'csv' || req.accepts(['json', 'csv']) === 'csv') {
            res.type('text/csv; charset=utf-8')
                .attachment(`campaign-${report.campaign.code}-report.csv`)
                .send(campaignReportCsv(report));
            return;
        }
        res.json({ report });
    });
    router.get('/campaigns/:id/members', read, validate({ params: idParams }), async (req, res) => {
        const query = validateOrThrow(memberQuery, req.query) as {
            page: number;
            pageSize: number;
            group?: 'test' | 'control';
            card?: string;
        };
        res.json(await s.campaignMembers.page(id(res), memberFilter(query), query.page, query.pageSize));
    });
    router.get('/campaigns/:id/members/export', write, validate({ params: idParams }), async (req, res) => {
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
