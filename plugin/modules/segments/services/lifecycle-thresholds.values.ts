import Joi from 'joi';
import type { LifecycleThresholds } from '../rules/lifecycle.rules.js';

/** The setting (`refill_settings.name`) the thresholds are saved under, as JSON. */
export const LIFECYCLE_SETTING = 'segments.lifecycle';

const days = (min: number, max: number) => Joi.number().integer().strict(false).min(min).max(max).required();

/**
 * The joi schema of {@link LifecycleThresholds}: whole days, and
 * `regularWithinDays < sleepingAfterDays < churnedAfterDays` so every
 * segment can be reached.
 */
export const lifecycleThresholdsSchema = Joi.object<LifecycleThresholds>({
    regularWithinDays: days(1, 365).description('The chain’s usual interval between purchases, days'),
    sleepingAfterDays: days(2, 730)
        .greater(Joi.ref('regularWithinDays'))
        .description('Days without a purchase after which a customer is sleeping'),
    churnedAfterDays: days(3, 3650)
        .greater(Joi.ref('sleepingAfterDays'))
        .description('Days without a purchase after which a customer is churned'),
    wonBackDays: days(1, 365).description('Days a won-back customer stays won back'),
})
    .required()
    .id('LifecycleThresholds');
