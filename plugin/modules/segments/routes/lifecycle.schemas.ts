import Joi from 'joi';
import { LIFECYCLE_SEGMENTS } from '../../../kernel/vocabulary/lifecycle-segments.js';
import { lifecycleThresholdsSchema } from '../services/lifecycle-thresholds.values.js';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const segment = Joi.string().valid(...LIFECYCLE_SEGMENTS);
/** A chain-local calendar day. */
const day = Joi.string().pattern(DAY).message('must be a day as YYYY-MM-DD');

/** `GET /segments/lifecycle/sizes` query. */
export const sizesQuery = Joi.object({
    from: day.description('First day (default: 89 days before `to`)'),
    to: day.description('Last day, inclusive (default: today)'),
});

/** `GET /segments/lifecycle/flows` query. */
export const flowsQuery = Joi.object({
    month: Joi.string()
        .pattern(MONTH)
        .message('must be a month as YYYY-MM')
        .description('The month (default: this month)'),
});

/** The thresholds body and answer. */
export const thresholdsBody = lifecycleThresholdsSchema;

/** `GET /segments/lifecycle` answer. */
export const overviewAnswer = Joi.object({
    day: day.description('Today, chain-local'),
    classifiedDay: day.allow(null).description('The day of the latest classification'),
    thresholds: lifecycleThresholdsSchema,
    segments: Joi.array().items(
        Joi.object({
            segment,
            size: Joi.number().integer(),
            share: Joi.number().description('Percent of the classified customers'),
        })
            .prefs({ presence: 'required' })
            .id('LifecycleSegmentSize'),
    ),
})
    .prefs({ presence: 'required' })
    .id('LifecycleOverview');

/** `GET /segments/lifecycle/sizes` answer. */
export const sizesAnswer = Joi.object({
    from: day,
    to: day,
    days: Joi.array().items(
        Joi.object({
            day,
            sizes: Joi.object()
                .pattern(Joi.string(), Joi.number().integer())
                .description('Size per segment key: a lifecycle segment or `custom:<id>`'),
        }).prefs({ presence: 'required' }),
    ),
})
    .prefs({ presence: 'required' })
    .id('LifecycleSizes');

/** `GET /segments/lifecycle/flows` answer. */
export const flowsAnswer = Joi.object({
    month: Joi.string(),
    flows: Joi.array().items(
        Joi.object({
            from: segment.allow(null).description('Null: first classified'),
            to: segment,
            customers: Joi.number().integer(),
        }).prefs({ presence: 'required' }),
    ),
    totals: Joi.array().items(
        Joi.object({ segment, entered: Joi.number().integer(), left: Joi.number().integer() }).prefs({
            presence: 'required',
        }),
    ),
})
    .prefs({ presence: 'required' })
    .id('LifecycleFlows');

/** The thresholds answer. */
export const thresholdsAnswer = Joi.object({
    thresholds: lifecycleThresholdsSchema,
    defaults: lifecycleThresholdsSchema,
    customised: Joi.boolean().description('Whether saved thresholds override the defaults'),
})
    .prefs({ presence: 'required' })
    .id('LifecycleThresholdsView');

/** `GET /customers/:cardNumber/lifecycle` answer. */
export const customerLifecycleAnswer = Joi.object({
    segment: segment.allow(null).description('Null until first classified'),
    since: day.allow(null),
    classifiedDay: day.allow(null),
    history: Joi.array().items(
        Joi.object({ day, from: segment.allow(null), to: segment }).prefs({ presence: 'required' }),
    ),
})
    .prefs({ presence: 'required' })
    .id('CustomerLifecycle');
