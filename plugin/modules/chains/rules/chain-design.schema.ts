import Joi from 'joi';
import { CHANNELS } from '../../../kernel/vocabulary/channels.js';
import { LIFECYCLE_SEGMENTS } from '../../../kernel/vocabulary/lifecycle-segments.js';
import { MESSAGE_KINDS } from '../../../kernel/vocabulary/message-kinds.js';
import { GLOBAL_CONTROL_MAX_BP } from '../../campaigns/index.js';
import {
    CHAIN_BRANCH_CONDITIONS,
    CHAIN_EVENTS,
    CHAIN_STEP_TYPES,
    CHAIN_TRIGGER_TYPES,
} from './chain-definition.js';

/*
 * The joi shape of a chain's design (`ChainDesign`): what `POST /chains` and
 * `PUT /chains/:id` validate, each bad field answered by its path
 * (`steps[2].hours`). Amounts are minor units, shares basis points, waits
 * whole hours. What joi cannot see (ids unique, targets existing, loops)
 * is `chain-design.rules.ts`.
 */

/** The longest wait or branch window: a year, in hours. */
export const MAX_CHAIN_HOURS = 24 * 366;
/** The most steps a chain may have. */
export const MAX_CHAIN_STEPS = 50;
/** The largest bonus one grant step may give, minor units. */
export const MAX_CHAIN_GRANT = 10_000_000;

const hours = Joi.number().integer().min(1).max(MAX_CHAIN_HOURS);
const stepId = Joi.string().pattern(/^[a-z0-9][a-z0-9_-]{0,39}$/i);
const segment = Joi.string().valid(...LIFECYCLE_SEGMENTS);
const chainEvent = Joi.string().valid(...CHAIN_EVENTS);

const audience = Joi.object({
    lifecycle: segment,
    segmentId: Joi.number().integer().min(1).max(2_147_483_647),
}).xor('lifecycle', 'segmentId');

const triggerByType: Record<(typeof CHAIN_TRIGGER_TYPES)[number], Joi.ObjectSchema> = {
    enrolled: Joi.object({ type: Joi.valid('enrolled').required() }),
    'first-purchase': Joi.object({ type: Joi.valid('first-purchase').required() }),
    'purchase-in-category': Joi.object({
        type: Joi.valid('purchase-in-category').required(),
        categoryId: Joi.number().integer().min(1).max(2_147_483_647).required(),
    }),
    'segment-entered': Joi.object({
        type: Joi.valid('segment-entered').required(),
        segment: segment.required(),
    }),
    'bonuses-burning': Joi.object({
        type: Joi.valid('bonuses-burning').required(),
        daysBefore: Joi.number().integer().min(1).max(90).required(),
    }),
    birthday: Joi.object({ type: Joi.valid('birthday').required() }),
    'balance-crossed': Joi.object({
        type: Joi.valid('balance-crossed').required(),
        amount: Joi.number().integer().min(1).max(1_000_000_000).required(),
    }),
    schedule: Joi.object({
        type: Joi.valid('schedule').required(),
        every: Joi.string().valid('day', 'week').required(),
        weekday: Joi.when('every', {
            is: 'week',
            then: Joi.number().integer().min(1).max(7).required(),
            otherwise: Joi.forbidden(),
        }),
        audience: audience.required(),
    }),
};

/** One schema per type, chosen by `type` so a bad field is reported at its own path. */
function byType<T extends string>(types: readonly T[], schemas: Record<T, Joi.ObjectSchema>): Joi.Schema {
    return Joi.alternatives().conditional('.type', {
        switch: types.map((t) => ({ is: t, then: schemas[t] })),
        otherwise: Joi.object({
            type: Joi.string()
                .valid(...types)
                .required(),
        }).unknown(true),
    });
}

const stepByType: Record<(typeof CHAIN_STEP_TYPES)[number], Joi.ObjectSchema> = {
    send: Joi.object({
        id: stepId.required(),
        type: Joi.valid('send').required(),
        kind: Joi.string()
            .valid(...MESSAGE_KINDS)
            .required(),
        channels: Joi.array()
            .items(Joi.string().valid(...CHANNELS))
            .min(1)
            .unique(),
        deadlineHours: hours,
    }),
    wait: Joi.object({
        id: stepId.required(),
        type: Joi.valid('wait').required(),
        hours: hours.required(),
        until: chainEvent,
    }),
    branch: Joi.object({
        id: stepId.required(),
        type: Joi.valid('branch').required(),
        condition: Joi.string()
            .valid(...CHAIN_BRANCH_CONDITIONS)
            .required(),
        segment: Joi.when('condition', {
            is: 'entered-segment',
            then: segment.required(),
            otherwise: Joi.forbidden(),
        }),
        withinHours: hours,
        then: stepId,
        otherwise: stepId,
    }),
    grant: Joi.object({
        id: stepId.required(),
        type: Joi.valid('grant').required(),
        bonus: Joi.number().integer().min(1).max(MAX_CHAIN_GRANT).required(),
        lifetimeDays: Joi.number().integer().min(1).max(730).required(),
    }),
    exit: Joi.object({ id: stepId.required(), type: Joi.valid('exit').required() }),
};

const reentry = Joi.object({
    rule: Joi.string().valid('once', 'every', 'always').required(),
    days: Joi.when('rule', {
        is: 'every',
        then: Joi.number().integer().min(1).max(3650).required(),
        otherwise: Joi.forbidden(),
    }),
});

/** The design's fields with their rules. */
const designFields = {
    key: Joi.string()
        .pattern(/^[a-z0-9][a-z0-9-]{0,63}$/)
        .message('must be 1 to 64 lower-case letters, digits and dashes')
        .required(),
    name: Joi.string().trim().min(1).max(200).required(),
    trigger: byType(CHAIN_TRIGGER_TYPES, triggerByType).required(),
    steps: Joi.array().items(byType(CHAIN_STEP_TYPES, stepByType)).min(1).max(MAX_CHAIN_STEPS).required(),
    goal: Joi.string().valid('purchase', 'points-used').allow(null).default(null),
    goalWindowDays: Joi.number().integer().min(1).max(365).default(30),
    stopOn: Joi.array().items(chainEvent).unique().default([]),
    reentry: reentry.default({ rule: 'once' }),
    priority: Joi.number().integer().min(0).max(10_000).default(100),
    holdoutBp: Joi.number().integer().min(0).max(5000).default(1000),
    budgetCap: Joi.number().integer().min(1).max(100_000_000_000).allow(null).default(null),
};

/** `POST /chains`: a whole design (defaults filled in). */
export const chainDesignBody = Joi.object(designFields);

/** `PUT /chains/:id`: the whole design and the `version` it was read at (a stale one answers 409). */
export const updateChainBody = Joi.object({
    ...designFields,
    version: Joi.number().integer().min(1).required(),
});

/** `POST /chains/:id/pause` and `/archive`: why, for the audit log. */
export const chainMoveBody = Joi.object({ reason: Joi.string().trim().min(3).max(500).required() });

/** `PUT /program/global-control`: the share held out, basis points. */
export const globalControlBody = Joi.object({
    shareBp: Joi.number().integer().min(0).max(GLOBAL_CONTROL_MAX_BP).required(),
});
