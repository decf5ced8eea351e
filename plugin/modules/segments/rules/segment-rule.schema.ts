import Joi from 'joi';
import { CHANNELS } from '../../../kernel/vocabulary/channels.js';
import { LIFECYCLE_SEGMENTS } from '../../../kernel/vocabulary/lifecycle-segments.js';
import { CARD_FORMS, CARD_KINDS, CONSENT_PURPOSES } from '../../customers/index.js';
import {
    SEGMENT_RULE_MAX_DAYS,
    SEGMENT_RULE_MAX_DEPTH,
    SEGMENT_RULE_MAX_GROUP,
    SEGMENT_RULE_MAX_LIST,
    SEGMENT_RULE_MAX_NODES,
    type SegmentConditionType,
    type SegmentRule,
} from './segment-rule.types.js';

/*
 * The joi schema of a segment rule. Groups nest to SEGMENT_RULE_MAX_DEPTH
 * levels: the schema is built level by level, so a group too deep is refused
 * at its own path; the whole rule holds at most SEGMENT_RULE_MAX_NODES nodes.
 */

const INT32 = 2_147_483_647;
const days = Joi.number().integer().min(0).max(SEGMENT_RULE_MAX_DAYS);
const count = Joi.number().integer().min(0).max(INT32);
const money = Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER);
const signedMoney = Joi.number().integer().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const id = Joi.number().integer().min(1).max(INT32);
const list = (item: Joi.Schema) => Joi.array().items(item).min(1).max(SEGMENT_RULE_MAX_LIST).unique();
const channel = Joi.string().valid(...CHANNELS);
const purpose = Joi.string().valid(...CONSENT_PURPOSES);

/** `max` may not be below `min` (both optional). */
function range(min: string, max: string) {
    return (value: Record<string, number | undefined>, helpers: Joi.CustomHelpers) => {
        const lo = value[min];
        const hi = value[max];
        return lo !== undefined && hi !== undefined && hi < lo
            ? helpers.message({ custom: `${max} must not be below ${min}` })
            : value;
    };
}

const condition = (type: SegmentConditionType, keys: Record<string, Joi.Schema>) =>
    Joi.object({ type: Joi.string().valid(type).required(), ...keys });

/** Each condition's schema by its type. */
export const SEGMENT_CONDITION_SCHEMAS: Readonly<Record<SegmentConditionType, Joi.ObjectSchema>> = {
    purchases: condition('purchases', {
        categoryIds: list(id),
        skus: list(Joi.string().trim().min(1).max(64)),
        atcPrefixes: list(
            Joi.string()
                .trim()
                .uppercase()
                .pattern(/^[A-Z0-9]{1,7}$/)
                .message('must be 1–7 letters and digits of an ATC code'),
        ),
        withinDays: days.min(1),
        countMin: count,
        countMax: count,
        amountMin: money,
        amountMax: money,
    })
        .custom(range('countMin', 'countMax'))
        .custom(range('amountMin', 'amountMax')),
    recency: condition('recency', { minDays: days, maxDays: days })
        .or('minDays', 'maxDays')
        .custom(range('minDays', 'maxDays')),
    purchaseCount: condition('purchaseCount', { min: count, max: count })
        .or('min', 'max')
        .custom(range('min', 'max')),
    balance: condition('balance', { min: signedMoney, max: signedMoney })
        .or('min', 'max')
        .custom(range('min', 'max')),
    burning: condition('burning', {
        amountMin: money.min(1).required(),
        withinDays: days.min(1).required(),
    }),
    consent: condition('consent', {
        purpose: purpose.required(),
        channel: channel.required(),
        granted: Joi.boolean().strict().required(),
    }),
    reachable: condition('reachable', { purpose: purpose.required(), channels: list(channel).required() }),
    cardForm: condition('cardForm', { forms: list(Joi.string().valid(...CARD_FORMS)).required() }),
    cardKind: condition('cardKind', { kinds: list(Joi.string().valid(...CARD_KINDS)).required() }),
    homeStore: condition('homeStore', { storeIds: list(id).required() }),
    homeStoreNear: condition('homeStoreNear', {
        storeId: id.required(),
        km: Joi.number().greater(0).max(20_000).required(),
    }),
    lifecycle: condition('lifecycle', {
        segments: list(Joi.string().valid(...LIFECYCLE_SEGMENTS)).required(),
    }),
};

/** Every condition type, in the editor's order. */
export const SEGMENT_CONDITION_TYPES = Object.keys(SEGMENT_CONDITION_SCHEMAS) as SegmentConditionType[];

const conditionSchema = Joi.alternatives().conditional('.type', {
    switch: SEGMENT_CONDITION_TYPES.map((type) => ({ is: type, then: SEGMENT_CONDITION_SCHEMAS[type] })),
    otherwise: Joi.object({
        type: Joi.string()
            .valid(...SEGMENT_CONDITION_TYPES)
            .required(),
    })
        .unknown()
        .messages({ 'object.unknown': 'is not allowed' }),
});

const has = (key: string) => Joi.object({ [key]: Joi.exist() }).unknown();
const isGroup = Joi.alternatives().try(has('all'), has('any'), has('not'));

/** A rule whose groups may nest `levels` more levels. */
function ruleAt(levels: number): Joi.Schema {
    if (levels === 0)
        return Joi.alternatives().conditional(isGroup, {
            then: Joi.object()
                .max(0)
                .messages({ 'object.max': `groups may nest at most ${SEGMENT_RULE_MAX_DEPTH} levels` }),
            otherwise: conditionSchema,
        });
    const inner = ruleAt(levels - 1);
    const group = Joi.array().items(inner).min(1).max(SEGMENT_RULE_MAX_GROUP);
    return Joi.alternatives().conditional(has('all'), {
        then: Joi.object({ all: group.required() }),
        otherwise: Joi.alternatives().conditional(has('any'), {
            then: Joi.object({ any: group.required() }),
            otherwise: Joi.alternatives().conditional(has('not'), {
                then: Joi.object({ not: inner.required() }),
                otherwise: conditionSchema,
            }),
        }),
    });
}

/** How many groups and conditions a rule holds. */
export function segmentRuleSize(rule: SegmentRule): number {
    if ('all' in rule) return 1 + rule.all.reduce((n, r) => n + segmentRuleSize(r), 0);
    if ('any' in rule) return 1 + rule.any.reduce((n, r) => n + segmentRuleSize(r), 0);
    if ('not' in rule) return 1 + segmentRuleSize(rule.not);
    return 1;
}

/** A whole segment rule: nesting, sizes and every condition's parameters. */
export const segmentRuleSchema: Joi.Schema<SegmentRule> = ruleAt(SEGMENT_RULE_MAX_DEPTH).custom(
    (value: SegmentRule, helpers) =>
        segmentRuleSize(value) > SEGMENT_RULE_MAX_NODES
            ? helpers.message({ custom: `must hold at most ${SEGMENT_RULE_MAX_NODES} groups and conditions` })
            : value,
);
