import Joi from 'joi';
import { percent } from '../../../kernel/http/admin.schemas.js';

/** PUT /categories/:code: a chronic (or any) category with its rules. */
export const categoryBody = Joi.object({
    name: Joi.string().min(1).max(255).required(),
    // Stored upper-case, each in one category only: a prefix given twice is a 400 here.
    atcPrefixes: Joi.array()
        .items(
            Joi.string()
                .uppercase()
                .pattern(/^[A-Za-z][0-9A-Za-z]{0,6}$/),
        )
        .unique()
        .max(200)
        .default([]),
    skus: Joi.array().items(Joi.string().min(1).max(64)).unique().max(5000).default([]),
    chronic: Joi.boolean().default(true),
    active: Joi.boolean().default(true),
    refillIntervalDays: Joi.number().integer().min(1).max(365).allow(null).default(null),
    lapseAfterDays: Joi.number().integer().min(1).max(365).allow(null).default(null),
    minPurchases: Joi.number().integer().min(1).max(24).allow(null).default(null),
    seasonalMonths: Joi.array().items(Joi.number().integer().min(1).max(12)).unique().max(11).default([]),
    marginPct: percent.allow(null).default(null),
    publicLabel: Joi.string().max(255).allow(null).default(null),
    accrualRateBp: Joi.number().integer().min(0).max(10_000).allow(null).default(null),
    excludedFromAccrual: Joi.boolean().default(false),
    excludedFromRedemption: Joi.boolean().default(false),
});
