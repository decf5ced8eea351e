import { Router } from 'express';
import { mountRoute } from '../../kernel/http/route-table.js';
import { idParams } from '../../kernel/http/admin.schemas.js';
import { EDITOR_ROLES, READER_ROLES } from '../../kernel/vocabulary/admin-roles.js';
import type { Channel } from '../../kernel/vocabulary/channels.js';
import { adminPrincipal, adminRoute } from '../../modules/admin/index.js';
import type { CampaignDesign } from '../../modules/campaigns/index.js';
import {
    estimateAnswer,
    estimateBody,
    overviewAnswer,
    previewAnswer,
    previewBody,
    testSendAnswer,
    testSendBody,
} from '../campaign-editor/campaign-editor.schemas.js';
import type { CampaignEstimateService } from '../campaign-editor/campaign-estimate.service.js';
import type { CampaignMessagePreviewService } from '../campaign-editor/campaign-message-preview.service.js';
import type { CampaignOverviewService } from '../campaign-editor/campaign-overview.service.js';

/** What the campaign editor's routes call. */
export interface CampaignEditorServices {
    campaignOverview: CampaignOverviewService;
    campaignEstimates: CampaignEstimateService;
    campaignPreviews: CampaignMessagePreviewService;
}

/** Writes nothing, but POSTs a design: every role but the read-only analyst (who reads a saved plan). */
const DESIGNERS = ['admin', 'marketer', 'manager'] as const;
const unknownCategory = 'the design’s `categoryCode` names no category (a 400 with its path)';

/** The campaign editor's routes: what each validates, who may call it, what it answers. */
export const adminCampaignEditorRouteTable = {
    campaignOverview: adminRoute({
        method: 'get',
        path: '/campaigns/overview',
        roles: READER_ROLES,
        summary: 'Every campaign with its members, running conversion uplift and ROMI',
        description:
            'The figures come from reports computed in the background (at most every ten minutes per campaign); `pending` counts campaigns whose first figures are still being computed.',
        tags: ['campaigns'],
        success: { status: 200, description: '`{ campaigns, pending }`', schema: overviewAnswer },
    }),
    estimateCampaign: adminRoute({
        method: 'post',
        path: '/campaigns/estimate',
        roles: [...DESIGNERS],
        summary: 'The live estimate of an unsaved design: segment, size, MDE, forecast and bill',
        description: `The body is a whole design as \`POST /campaigns\` takes it (validated the same way), optionally with the \`campaignId\` it edits. Writes nothing. Its \`units\` block names the unit of every figure; the bill is messages by channel × cost per message plus the expected offer bonuses per forecast scenario. A 400 when ${unknownCategory}.`,
        tags: ['campaigns'],
        body: estimateBody,
        success: { status: 200, description: '`{ estimate }`', schema: estimateAnswer },
        errors: { REFILL_NOT_FOUND: 'No campaign with `campaignId`' },
    }),
    previewCampaignMessage: adminRoute({
        method: 'post',
        path: '/campaigns/preview-message',
        roles: [...DESIGNERS],
        summary: 'A cascade step’s message rendered with the design’s offer for a real customer',
        description:
            'For the card given, or the first eligible customer of today’s dry run. Card numbers come back masked. Writes nothing.',
        tags: ['campaigns'],
        body: previewBody,
        success: { status: 200, description: '`{ preview }`', schema: previewAnswer },
        errors: {
            REFILL_NOT_FOUND: 'No campaign with `campaignId`, or nobody in today’s segment',
            REFILL_CUSTOMER_NOT_FOUND: 'No customer with this card',
        },
    }),
    testSendCampaignMessage: adminRoute({
        method: 'post',
        path: '/campaigns/:id/test-send',
        roles: EDITOR_ROLES,
        summary: 'Send a cascade step’s message to one of the campaign’s test cards',
        description:
            'Through the channel’s provider at once, outside the contact policy and the campaign’s reminders. Audited (`campaign.test_send`).',
        tags: ['campaigns'],
        params: idParams,
        body: testSendBody,
        success: { status: 200, description: '`{ preview, providerMessageId }`', schema: testSendAnswer },
        errors: {
            REFILL_NOT_FOUND: 'No campaign with this id',
            REFILL_CUSTOMER_NOT_FOUND: 'No customer with this card',
            REFILL_UNPROCESSABLE: 'Not a test card of the campaign, or no address in this channel',
        },
    }),
};

/**
 * The campaign list's figures and the campaign editor's live side: the
 * estimate of an unsaved design, a step's message for a real customer, and
 * a test send to a test card (audited). At the composition level: they
 * compose campaigns with messaging (cascade costs, templates, providers).
 * Mounted before the campaign routes, so `/campaigns/overview` is not read
 * as a campaign id.
 */
export function adminCampaignEditorRoutes(s: CampaignEditorServices): Router {
    const router = Router();
    const table = adminCampaignEditorRouteTable;
    mountRoute(router, table.campaignOverview, async (_req, res) => {
        res.json(await s.campaignOverview.overview());
    });
    mountRoute(router, table.estimateCampaign, async (_req, res) => {
        const { campaignId, ...design } = res.locals.body as CampaignDesign & { campaignId?: number };
        res.json({ estimate: await s.campaignEstimates.estimate(design, campaignId) });
    });
    mountRoute(router, table.previewCampaignMessage, async (_req, res) => {
        const ask = res.locals.body as {
            design: CampaignDesign;
            campaignId?: number;
            channel: Channel;
            card?: string;
        };
        res.json({ preview: await s.campaignPreviews.preview(ask) });
    });
    mountRoute(router, table.testSendCampaignMessage, async (_req, res) => {
        const { id } = res.locals.params as { id: number };
        const { channel, card } = res.locals.body as { channel: Channel; card: string };
        res.json(await s.campaignPreviews.testSend(id, channel, card, adminPrincipal(res).username));
    });
    return router;
}
