import Joi from 'joi';

/*
 * What `GET /dashboard` takes and answers. The answer's schema is for the
 * OpenAPI document (the admin UI's types are generated from it); the
 * OpenAPI test checks a real answer against it.
 */

const count = Joi.number().integer().min(0);
const bonuses = Joi.number().integer();
const day = Joi.string()
    .pattern(/^\d{4}-\d{2}-\d{2}$/)
    .description('A calendar day in the chain’s timezone');

/** The query: one store, optional (a manager's must be one of theirs). */
export const dashboardQuery = Joi.object({
    storeId: Joi.number()
        .integer()
        .min(1)
        .max(2_147_483_647)
        .description('Only this store (a manager: one of theirs; without it, all of theirs)'),
});

/** The answer. */
export const dashboardAnswer = Joi.object({
    asOf: Joi.string().isoDate().description('When the pre-aggregated figures were last brought up to date'),
    timezone: Joi.string().description('The chain’s timezone: the days below are its calendar days'),
    currency: Joi.string().description('ISO 4217 code of the money amounts (minor units)'),
    members: Joi.object({
        total: count,
        active30d: count.description('Members who bought within the last 30 days'),
        newThisMonth: count.description('Members enrolled since the first of this month'),
    }).id('DashboardMembers'),
    liability: Joi.object({
        outstanding: bonuses.description('Bonuses the members hold: available and pending'),
        burnsNext30d: bonuses.description('Remaining bonuses of lots that expire within 30 days'),
    }).id('DashboardLiability'),
    bonusFlow: Joi.array()
        .items(Joi.object({ day, accrued: bonuses, redeemed: bonuses }).id('DashboardBonusDay'))
        .description('90 days, oldest first, every day present'),
    receipts: Joi.array()
        .items(
            Joi.object({
                day,
                storeId: Joi.number().integer(),
                storeCode: Joi.string(),
                receipts: count,
                revenue: Joi.number().integer().description('Minor units'),
            }).id('DashboardReceiptDay'),
        )
        .description('30 days, by day then store; days and stores without sales are left out'),
    campaigns: Joi.array().items(
        Joi.object({
            id: Joi.number().integer(),
            name: Joi.string(),
            status: Joi.string(),
            members: count.allow(null).description('Both groups, as of the last computed report'),
            uplift: Joi.object({
                estimate: Joi.number(),
                low: Joi.number().allow(null),
                high: Joi.number().allow(null),
            })
                .allow(null)
                .description('Provisional conversion uplift (test − control rate) with its interval')
                .id('DashboardUplift'),
        }).id('DashboardCampaign'),
    ),
    messagesToday: Joi.array().items(
        Joi.object({ channel: Joi.string(), sent: count, delivered: count, failed: count }).id(
            'DashboardChannelDay',
        ),
    ),
    failedJobs: Joi.array().items(
        Joi.object({
            name: Joi.string(),
            failedAt: Joi.string().isoDate(),
            error: Joi.string().allow(null),
        }).id('DashboardFailedJob'),
    ),
}).id('Dashboard');
