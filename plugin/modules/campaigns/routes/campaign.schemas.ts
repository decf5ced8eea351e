import Joi from 'joi';
import { adminCode as code, percent as pct } from '../../../kernel/http/admin.schemas.js';
import { CONSENT_CHANNELS } from '../../../kernel/vocabulary/channels.js';

const money = Joi.number().integer().min(0).max(1_000_000_000);

const offer = Joi.object({
    kind: Joi.string().valid('multiplier', 'gift').required(),
    multiplier: Joi.when('kind', {
        is: 'multiplier',
        then: Joi.number().integer().min(2).max(20).required(),
        otherwise: Joi.forbidden(),
    }),
    giftAmount: Joi.when('kind', {
        is: 'gift',
        then: money.min(1).required(),
        otherwise: Joi.forbidden(),
    }),
    minAmount: Joi.when('kind', { is: 'gift', then: money, otherwise: Joi.forbidden() }),
    validDays: Joi.number().integer().min(1).max(365).default(14),
    bonusLifetimeDays: Joi.number().integer().min(1).max(365).default(30),
});

const filters = Joi.object({
    minAverageReceipt: money,
    minRevenue12m: money,
    minPurchaseCount: Joi.number().integer().min(0).max(100_000),
    minPurchasesPerMonth: Joi.number().min(0).max(1000),
    regular: Joi.object({
        activeDays: Joi.number().integer().min(1).max(730).default(90),
        minPurchases: Joi.number().integer().min(1).max(1000).default(2),
    }),
});

/** Every design field with its rule; `create` adds defaults and required marks. */
const fields = {
    code,
    name: Joi.string().min(1).max(255),
    categoryCode: code,
    audience: Joi.string().valid('lapsed', 'lapsed+regular'),
    lapseKPct: Joi.number().integer().min(100).max(1000),
    controlSharePct: pct.max(50),
    allowZeroControl: Joi.boolean(),
    offer,
    settlementLagDays: Joi.number().integer().min(0).max(60),
    cooldownDays: Joi.number().integer().min(0).max(365),
    dailyCap: Joi.number().integer().min(1).max(10_000_000).allow(null),
    /** Minor units; null for none. */
    budgetCap: Joi.number().integer().min(1).max(Number.MAX_SAFE_INTEGER).allow(null),
    /** An SMS alpha name (Latin letters, digits, . - _ and space, up to 11) or an email From. */
    senderName: Joi.alternatives(
        Joi.string().pattern(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,10}$/),
        Joi.string().email(),
        Joi.string().pattern(/^[^<>\r\n]{1,40} <[^<>\s@]+@[^<>\s@]+>$/),
    ).allow(null),
    channels: Joi.array()
        .items(Joi.string().valid(...CONSENT_CHANNELS))
        .min(1)
        .unique(),
    cascade: Joi.object({
        steps: Joi.array()
            .items(
                Joi.object({
                    channel: Joi.string()
                        .valid(...CONSENT_CHANNELS)
                        .required(),
                    waitMinutes: Joi.number()
                        .integer()
                        .min(1)
                        .max(60 * 24 * 14)
                        .required(),
                    await: Joi.string().valid('delivered', 'read').default('delivered'),
                }),
            )
            .min(1)
            .max(6)
            .unique('channel'),
        excludedSegments: Joi.array().items(Joi.string().valid('lapsed', 'regular')).unique(),
    }).allow(null),
    filters,
    marginPct: pct,
    redemptionPct: pct,
    expected: Joi.object({
        conversionPct: pct.greater(0).less(100),
        upliftPct: pct.greater(0),
        dailySize: Joi.number().integer().min(1).max(10_000_000),
    }),
    runHour: Joi.number().integer().min(0).max(23),
    startsAt: Joi.date().iso().allow(null),
    endsAt: Joi.date().iso().allow(null),
};

/** POST /campaigns: a new draft. */
export const createCampaignBody = Joi.object({
    ...fields,
    code: code.required(),
    name: fields.name.required(),
    categoryCode: code.required(),
    offer: offer.required(),
    channels: fields.channels.required(),
    audience: fields.audience.default('lapsed'),
    lapseKPct: fields.lapseKPct.default(150),
    controlSharePct: fields.controlSharePct.default(10),
    allowZeroControl: fields.allowZeroControl.default(false),
    settlementLagDays: fields.settlementLagDays.default(7),
    cooldownDays: fields.cooldownDays.default(60),
    dailyCap: fields.dailyCap.default(null),
    budgetCap: fields.budgetCap.default(null),
    senderName: fields.senderName.default(null),
    filters: filters.default({}),
    marginPct: fields.marginPct.default(30),
    redemptionPct: fields.redemptionPct.default(100),
    runHour: fields.runHour.default(7),
    startsAt: fields.startsAt.default(null),
    endsAt: fields.endsAt.default(null),
});

/** PATCH /campaigns/:id: any design fields. */
export const updateCampaignBody = Joi.object(fields).min(1);
