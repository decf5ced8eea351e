import { Router } from 'express';
import Joi from 'joi';
import { idParams } from '../../../kernel/http/admin.schemas.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';
import { adminRoute } from '../../admin/index.js';
import type { SendReviewService } from '../services/send-review.service.js';

/** What the review route calls. */
export interface SendReviewApiServices {
    sendReview: SendReviewService;
}

const dayParams = idParams.keys({
    day: Joi.string()
        .pattern(/^\d{4}-\d{2}-\d{2}$/)
        .message('must be a day as YYYY-MM-DD')
        .required(),
});

const minor = Joi.number().integer().description('Minor units');

/** GET /campaigns/:id/sends/:day/review (for the OpenAPI document). */
const reviewAnswer = Joi.object({
    review: Joi.object({
        runDay: Joi.string(),
        status: Joi.string().valid('released', 'awaiting_approval', 'canary', 'canary_failed', 'killed'),
        recipients: Joi.number().integer(),
        canarySize: Joi.number().integer().description('The canary slice released (0 before approval)'),
        plannedCanary: Joi.number().integer().description('The canary slice an approval would release now'),
        launchedBy: Joi.string()
            .allow(null)
            .description('Who launched the campaign: they cannot approve its run'),
        note: Joi.string().allow(null),
        bill: Joi.object({
            sampled: Joi.number().integer().description('Recipients the estimate rests on (the first by id)'),
            channels: Joi.array().items(
                Joi.object({
                    channel: Joi.string(),
                    messages: Joi.number().integer(),
                    cost: minor,
                })
                    .prefs({ presence: 'required' })
                    .id('SendReviewChannel'),
            ),
            unreachable: Joi.number().integer().description('Recipients no channel of the campaign reaches'),
            messageCost: minor.description('Estimated cost of the run’s first messages, minor units'),
        }),
        previews: Joi.array()
            .items(
                Joi.object({
                    card: Joi.string().description('Masked to the last four digits'),
                    channel: Joi.string().allow(null),
                    subject: Joi.string().allow(null),
                    text: Joi.string().allow(null),
                    segments: Joi.number().integer().allow(null),
                    cost: minor,
                })
                    .prefs({ presence: 'required' })
                    .id('RecipientPreview'),
            )
            .description('The messages of the first recipients, as the dispatcher would render them'),
    })
        .prefs({ presence: 'required' })
        .id('SendReview'),
}).prefs({ presence: 'required' });

/** The held-run review route: what it validates, who may call it, what it answers. */
export const adminSendReviewRouteTable = {
    reviewSends: adminRoute({
        method: 'get',
        path: '/campaigns/:id/sends/:day/review',
        roles: READER_ROLES,
        summary: 'What approving a campaign run means: its size, canary, estimated bill, first messages',
        description:
            'The bill is estimated from the first 200 recipients: each one’s first reachable channel at its configured cost (SMS by segments), scaled to the run. The first five messages are rendered as they would be sent; cards are masked.',
        tags: ['sends'],
        params: dayParams,
        success: { status: 200, description: '`{ review }`', schema: reviewAnswer },
        errors: { REFILL_NOT_FOUND: 'No campaign with this id, or no send batch on this day' },
    }),
};

/** The review of a held campaign run, for the person asked to approve it (any admin role reads it). */
export function adminSendReviewRoutes(s: SendReviewApiServices): Router {
    const router = Router();
    mountRoute(router, adminSendReviewRouteTable.reviewSends, async (_req, res) => {
        const { id, day } = res.locals.params as { id: number; day: string };
        res.json({ review: await s.sendReview.review(id, day) });
    });
    return router;
}
