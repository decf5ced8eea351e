import Joi from 'joi';
import { createCampaignBody } from '../../modules/campaigns/index.js';
import { CONSENT_CHANNELS } from '../../kernel/vocabulary/channels.js';

/*
 * What the campaign editor's routes take and answer. The answers' schemas
 * are for the OpenAPI document (the admin UI's types are generated from
 * them); the OpenAPI test checks real answers against them.
 */

const count = Joi.number().integer().min(0);
const money = Joi.number().integer().description('Minor units');
const time = Joi.string().isoDate();
const campaignId = Joi.number().integer().min(1).max(2_147_483_647);
const channel = Joi.string().valid(...CONSENT_CHANNELS);
const card = Joi.string().min(1).max(64);

/** An estimate with its interval (null bounds: none yet). */
const interval = Joi.object({
    estimate: Joi.number(),
    low: Joi.number().allow(null),
    high: Joi.number().allow(null),
}).prefs({ presence: 'required' });

/** POST /campaigns/estimate: a whole design as `POST /campaigns` takes it, and the campaign it edits. */
export const estimateBody = createCampaignBody.keys({
    campaignId: campaignId.description('The saved campaign this design edits (its members and salt count)'),
});

/** POST /campaigns/preview-message. */
export const previewBody = Joi.object({
    design: createCampaignBody.required(),
    campaignId,
    channel: channel.required(),
    card: card.description('A customer’s card; without it, the first eligible customer of today’s segment'),
});

/** POST /campaigns/:id/test-send. */
export const testSendBody = Joi.object({
    channel: channel.required(),
    card: card.required().description('One of the campaign’s test cards (PUT /campaigns/:id/test-cards)'),
});

/** One campaign of the list. */
const overviewCampaign = Joi.object({
    id: Joi.number().integer(),
    code: Joi.string(),
    name: Joi.string(),
    status: Joi.string().description('draft, scheduled, active, paused or finished'),
    categoryCode: Joi.string().allow(null),
    offerKind: Joi.string().valid('multiplier', 'gift'),
    controlSharePct: Joi.number(),
    startsAt: time.allow(null),
    endsAt: time.allow(null),
    launchedAt: time.allow(null),
    finishedAt: time.allow(null),
    createdAt: time,
    members: count.allow(null).description('Both groups, as of the last computed report (null: not yet)'),
    uplift: interval
        .allow(null)
        .description('Provisional conversion uplift, test minus control, fraction with its 95% interval'),
    romi: interval
        .allow(null)
        .description(
            'Provisional ROMI over every member so far, (margin − cost)/cost, with its 95% interval',
        ),
    figuresAt: time.allow(null).description('When the figures were computed'),
})
    .prefs({ presence: 'required' })
    .id('CampaignOverviewItem');

/** GET /campaigns/overview. */
export const overviewAnswer = Joi.object({
    campaigns: Joi.array().items(overviewCampaign).description('Newest first'),
    pending: count.description(
        'Campaigns with members whose figures are still being computed: ask again in a few seconds',
    ),
}).prefs({ presence: 'required' });

const scenarios = Joi.object({
    pessimistic: Joi.number(),
    neutral: Joi.number(),
    optimistic: Joi.number(),
}).prefs({ presence: 'required' });

/** POST /campaigns/estimate (the plan's own figures are described by `GET /campaigns/:id/plan`). */
export const estimateAnswer = Joi.object({
    estimate: Joi.object({
        units: Joi.object().pattern(Joi.string(), Joi.string()),
        dryRun: Joi.object({
            eligible: count,
            lapsed: count,
            candidates: count,
            alreadyMembers: count,
            skipped: Joi.string().allow(null),
            exclusions: Joi.object().pattern(Joi.string(), count).description('Customers per reason'),
            reachable: Joi.object()
                .pattern(Joi.string(), count)
                .description('Eligible customers per channel'),
            firstReachable: Joi.object()
                .pattern(Joi.string(), count)
                .description('Eligible customers by the first cascade channel that reaches them'),
        })
            .unknown(true)
            .prefs({ presence: 'required' }),
        plannedSize: Joi.object({ total: count, days: count, today: count, basis: Joi.string() })
            .unknown(true)
            .prefs({ presence: 'required' }),
        controlSharePct: Joi.number(),
        baselineConversionPct: Joi.number(),
        baselineSource: Joi.string(),
        mde: Joi.object({
            absolute: Joi.number(),
            relative: Joi.number().allow(null),
            absolutePp: Joi.number(),
        })
            .unknown(true)
            .allow(null),
        revenueMde: Joi.object({ absolute: Joi.number(), baselineMean: Joi.number() })
            .unknown(true)
            .allow(null),
        forecast: Joi.object({
            basis: Joi.string(),
            count: count,
            pessimistic: Joi.object({ absoluteUplift: Joi.number() }).unknown(true),
            neutral: Joi.object({ absoluteUplift: Joi.number() }).unknown(true),
            optimistic: Joi.object({ absoluteUplift: Joi.number() }).unknown(true),
            incrementalConverters: scenarios,
        })
            .unknown(true)
            .allow(null),
        warnings: Joi.array().items(Joi.string()),
        steps: Joi.array().items(
            Joi.object({
                channel: Joi.string(),
                waitMinutes: count,
                await: Joi.string().valid('delivered', 'read'),
                costPerMessage: money,
                segments: count.allow(null),
            })
                .prefs({ presence: 'required' })
                .id('EstimateStep'),
        ),
        testMembers: count,
        bonusPerConverter: money,
        bill: Joi.object({
            messages: Joi.array().items(
                Joi.object({ channel: Joi.string(), messages: count, costPerMessage: money, cost: money })
                    .prefs({ presence: 'required' })
                    .id('BillLine'),
            ),
            messageCost: money,
            converters: scenarios,
            bonusCost: scenarios,
            total: scenarios,
        }).prefs({ presence: 'required' }),
    })
        .unknown(true)
        .prefs({ presence: 'required' }),
}).prefs({ presence: 'required' });

/** A rendered preview. */
const preview = Joi.object({
    channel: Joi.string(),
    locale: Joi.string().valid('ru', 'en'),
    source: Joi.string().valid('card', 'segment'),
    customer: Joi.object({ card: Joi.string(), name: Joi.string().allow(null) }).prefs({
        presence: 'required',
    }),
    reachable: Joi.boolean(),
    subject: Joi.string().allow(null),
    text: Joi.string().allow(''),
    html: Joi.string().allow(null),
    sms: Joi.object({ segments: count, transliterated: Joi.boolean() }).allow(null),
})
    .prefs({ presence: 'required' })
    .id('MessagePreview');

/** POST /campaigns/preview-message. */
export const previewAnswer = Joi.object({ preview }).prefs({ presence: 'required' });

/** POST /campaigns/:id/test-send. */
export const testSendAnswer = Joi.object({ preview, providerMessageId: Joi.string() }).prefs({
    presence: 'required',
});
