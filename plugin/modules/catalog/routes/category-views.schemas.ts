import Joi from 'joi';
import { isoTime } from '../../../kernel/http/page.js';

/*
 * The answers of the category routes and the ATC autocomplete, as joi
 * schemas for the OpenAPI document and the admin UI's generated types.
 * The category and the suggestion are named with `.id()` so the document
 * lists each once; the rebuild is inlined (it is nullable where it appears).
 */

const count = Joi.number().integer().min(0);

/** A rebuild's progress. */
export const rebuildProgressSchema = Joi.object({
    category: Joi.string().required(),
    state: Joi.string().valid('queued', 'running', 'done', 'failed').required(),
    phase: Joi.string().valid('remap', 'stats', 'done').required(),
    done: count.required().description('Lines plus customers looked at'),
    total: count.required().description('Lines plus customers to look at'),
    lines: Joi.object({
        done: count.required(),
        total: count.required(),
        changed: count.required(),
    }).required(),
    customers: Joi.object({ done: count.required(), total: count.required() }).required(),
    rowsWritten: count.required(),
    requestedAt: isoTime.required(),
    startedAt: isoTime.allow(null).required(),
    finishedAt: isoTime.allow(null).required(),
    error: Joi.string().allow(null).required(),
});

/** A category with its rules, reach and rebuild. */
export const categoryViewSchema = Joi.object({
    code: Joi.string().required(),
    name: Joi.string().required(),
    chronic: Joi.boolean().required(),
    active: Joi.boolean().required(),
    atcPrefixes: Joi.array().items(Joi.string()).required(),
    skus: Joi.array().items(Joi.string()).required(),
    refillIntervalDays: Joi.number().integer().allow(null).required(),
    lapseAfterDays: Joi.number().integer().allow(null).required(),
    minPurchases: Joi.number().integer().allow(null).required(),
    seasonalMonths: Joi.array()
        .items(Joi.number().integer())
        .required()
        .description('Months 1–12 out of season'),
    marginPct: Joi.number().allow(null).required(),
    publicLabel: Joi.string()
        .allow(null)
        .required()
        .description('The drug-name-free words messages use for the category'),
    accrualRateBp: Joi.number().integer().allow(null).required(),
    excludedFromAccrual: Joi.boolean().required(),
    excludedFromRedemption: Joi.boolean().required(),
    reach: Joi.object({
        buyers: count.required().description('Customers with a purchase of it in the last 365 days'),
        revenue: Joi.number().integer().required().description('Their net revenue of it, minor units'),
        lapsedBuyers: count.required().description('Buyers the lapse rule calls lapsed today (chronic only)'),
    })
        .allow(null)
        .required()
        .description('Null with `?reach=false`'),
    rebuild: rebuildProgressSchema.allow(null).required(),
}).id('CategoryView');

/** `GET /categories`. */
export const categoriesAnswer = Joi.object({ categories: Joi.array().items(categoryViewSchema).required() });
/** `GET /categories/:code` and `PUT /categories/:code`. */
export const categoryAnswer = Joi.object({ category: categoryViewSchema.required() });
/** `GET|POST /categories/:code/rebuild`. */
export const rebuildAnswer = Joi.object({ rebuild: rebuildProgressSchema.allow(null).required() });

/** `GET /categories?reach=`. */
export const categoriesQuery = Joi.object({
    reach: Joi.boolean().default(true).description('`false` leaves the reach out (faster)'),
});

/** `GET /catalog/atc`: the typed start of an ATC code, and how many suggestions to answer. */
export const atcQuery = Joi.object({
    prefix: Joi.string()
        .trim()
        .uppercase()
        .pattern(/^[A-Z][0-9A-Z]{0,6}$/)
        .required()
        .messages({ 'string.pattern.base': 'must be the start of an ATC code such as N06A' }),
    limit: Joi.number().integer().min(1).max(50).default(10),
});

/** One ATC suggestion. */
export const atcSuggestionSchema = Joi.object({
    prefix: Joi.string().required(),
    level: Joi.number().integer().min(1).max(5).required().description('ATC level 1–5'),
    products: count.required().description('Catalogue products whose ATC code starts with it'),
    buyers: count.required().description('Customers who bought such a product in the last 365 days'),
}).id('AtcSuggestion');

/** `GET /catalog/atc`. */
export const atcAnswer = Joi.object({ suggestions: Joi.array().items(atcSuggestionSchema).required() });
