import Joi from 'joi';
import { isoTime } from '../../../kernel/http/page.js';
import { segmentRuleSchema } from '../rules/segment-rule.schema.js';

/*
 * What the custom segment routes validate and answer (the answer schemas
 * are for the OpenAPI document only).
 */

/** The rule as the document shows it (validated by {@link segmentRuleSchema}). */
const ruleDoc = Joi.object()
    .unknown()
    .description(
        'A tree of `{ all: [..] }`, `{ any: [..] }`, `{ not: rule }` and conditions `{ type, …params }` (see `GET /segments/fields`)',
    );

/** POST /segments and PUT /segments/:id. */
export const segmentBody = Joi.object({
    name: Joi.string().trim().min(1).max(120).required(),
    description: Joi.string().trim().max(500).allow(null, ''),
    rule: segmentRuleSchema.required(),
});

/** POST /segments/count. */
export const countBody = Joi.object({ rule: segmentRuleSchema.required() });

/** GET /segments/:id/members. */
export const membersQuery = Joi.object({
    after: Joi.number().integer().min(0).default(0).description('The last customer id of the previous page'),
    limit: Joi.number().integer().min(1).max(200).default(50),
});

/** A member: id, masked card, name. */
const memberView = Joi.object({
    id: Joi.number().integer().required(),
    cardNumber: Joi.string().required().description('Masked: `****1234`'),
    name: Joi.string().allow(null).required(),
}).id('SegmentMember');

/** A saved segment. */
export const segmentView = Joi.object({
    id: Joi.number().integer().required(),
    name: Joi.string().required(),
    description: Joi.string().allow(null).required(),
    rule: ruleDoc.required(),
    createdBy: Joi.string().required(),
    createdAt: isoTime.required(),
    updatedAt: isoTime.required(),
    archivedAt: isoTime.allow(null).required(),
}).id('CustomSegment');

/** GET /segments. */
export const segmentListAnswer = Joi.object({
    data: Joi.array()
        .items(
            segmentView.keys({
                count: Joi.number()
                    .integer()
                    .allow(null)
                    .required()
                    .description('Members now; null when the rule cannot be evaluated now'),
            }),
        )
        .required(),
});

/** POST /segments/count. */
export const countAnswer = Joi.object({
    count: Joi.number().integer().required(),
    sample: Joi.array().items(memberView).max(10).required(),
});

/** GET /segments/:id/members. */
export const membersAnswer = Joi.object({
    data: Joi.array().items(memberView).required(),
    next: Joi.number()
        .integer()
        .allow(null)
        .required()
        .description('`after` of the next page; null at the end'),
});

/** GET /segments/fields. */
export const fieldsAnswer = Joi.object({
    fields: Joi.array()
        .items(
            Joi.object({
                type: Joi.string().required(),
                params: Joi.array().items(Joi.object().unknown()).required(),
            }),
        )
        .required(),
    limits: Joi.object().unknown().required(),
});
