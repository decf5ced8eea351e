import { Router } from 'express';
import Joi from 'joi';
import { idParams } from '../../../kernel/http/admin.schemas.js';
import { isoTime, pageAnswer, pageQueryKeys, type PageRequest } from '../../../kernel/http/page.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';
import { adminRoute, type AuditLogService } from '../../admin/index.js';
import type { CampaignService } from '../services/campaign.service.js';

/** What the timeline route calls. */
export interface CampaignTimelineServices {
    campaigns: Pick<CampaignService, 'find'>;
    auditLog: Pick<AuditLogService, 'page'>;
}

/** One step of a campaign's history as its timeline shows it. */
const timelineEntry = Joi.object({
    id: Joi.number().integer(),
    actor: Joi.string(),
    action: Joi.string().description('The audit action (`campaign.launch`, `campaign.sends.approve`…)'),
    details: Joi.object()
        .unknown(true)
        .allow(null)
        .description('What the step recorded: a kill switch’s reason, an approval’s canary and size…'),
    createdAt: isoTime,
})
    .prefs({ presence: 'required' })
    .id('CampaignTimelineEntry');

/** The campaign timeline route: what it validates, who may call it, what it answers. */
export const adminCampaignTimelineRouteTable = {
    campaignTimeline: adminRoute({
        method: 'get',
        path: '/campaigns/:id/timeline',
        roles: READER_ROLES,
        summary: 'Every audited step of one campaign, newest first',
        description:
            'Creation, changes, launch, pause, resume, finish, member exports, and its sends: approvals, releases, the kill switch with its reason, test mode. Any admin role reads it (the whole audit log is for admins and analysts).',
        tags: ['campaigns'],
        params: idParams,
        query: Joi.object(pageQueryKeys),
        success: { status: 200, description: 'A page of entries', schema: pageAnswer(timelineEntry) },
        errors: { REFILL_NOT_FOUND: 'No campaign with this id' },
    }),
};

/** A campaign's own slice of the audit log, for everyone who reads the campaign. */
export function adminCampaignTimelineRoutes(s: CampaignTimelineServices): Router {
    const router = Router();
    mountRoute(router, adminCampaignTimelineRouteTable.campaignTimeline, async (_req, res) => {
        const { id } = res.locals.params as { id: number };
        await s.campaigns.find(id);
        const page = await s.auditLog.page(
            { entityType: 'campaign', entityId: String(id) },
            res.locals.query as PageRequest,
        );
        res.json({
            data: page.data.map((e) => ({
                id: e.id,
                actor: e.actor,
                action: e.action,
                details: e.details,
                createdAt: e.createdAt.toISOString(),
            })),
            meta: page.meta,
        });
    });
    return router;
}
