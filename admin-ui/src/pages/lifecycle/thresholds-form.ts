import { isApiError } from '../../api/api-error';
import { THRESHOLD_FIELDS, type LifecycleThresholds } from '../../api/lifecycle';
import type { Translate } from '../../i18n/locale-provider';
import type { MessageId } from '../../i18n/messages';

/** One threshold field's value: a number, or `''` while empty (Mantine's NumberInput). */
export type ThresholdValues = Record<keyof LifecycleThresholds, number | string>;

/** Each threshold's label. */
export const THRESHOLD_LABELS: Record<keyof LifecycleThresholds, MessageId> = {
    regularWithinDays: 'lifecycle.thresholds.regularWithinDays',
    sleepingAfterDays: 'lifecycle.thresholds.sleepingAfterDays',
    churnedAfterDays: 'lifecycle.thresholds.churnedAfterDays',
    wonBackDays: 'lifecycle.thresholds.wonBackDays',
};

/** Each threshold's meaning, under its field. */
export const THRESHOLD_HINTS: Record<keyof LifecycleThresholds, MessageId> = {
    regularWithinDays: 'lifecycle.thresholds.regularWithinDays.hint',
    sleepingAfterDays: 'lifecycle.thresholds.sleepingAfterDays.hint',
    churnedAfterDays: 'lifecycle.thresholds.churnedAfterDays.hint',
    wonBackDays: 'lifecycle.thresholds.wonBackDays.hint',
};

/** The threshold a field must exceed (the API's order: regular < sleeping < churned). */
const MUST_EXCEED: Partial<Record<keyof LifecycleThresholds, keyof LifecycleThresholds>> = {
    sleepingAfterDays: 'regularWithinDays',
    churnedAfterDays: 'sleepingAfterDays',
};

/** Whether `name` is a threshold field. */
function isThreshold(name: string): name is keyof LifecycleThresholds {
    return (THRESHOLD_FIELDS as readonly string[]).includes(name);
}

/** The body of `PUT /segments/lifecycle/thresholds` from the form (empty fields sent as they are, for the API to refuse). */
export function thresholdsBody(values: ThresholdValues): LifecycleThresholds {
    const num = (v: number | string) => (v === '' ? (null as unknown as number) : Number(v));
    return {
        regularWithinDays: num(values.regularWithinDays),
        sleepingAfterDays: num(values.sleepingAfterDays),
        churnedAfterDays: num(values.churnedAfterDays),
        wonBackDays: num(values.wonBackDays),
    };
}

/**
 * The API's 400 as messages at the fields its paths name, in the UI
 * language: the order of the thresholds, their bounds, or "whole days".
 */
export function thresholdErrors(
    error: unknown,
    values: ThresholdValues,
    t: Translate,
): Partial<Record<keyof LifecycleThresholds, string>> {
    if (!isApiError(error, 'REFILL_VALIDATION') || !Array.isArray(error.details)) return {};
    const out: Partial<Record<keyof LifecycleThresholds, string>> = {};
    for (const detail of error.details as Array<{ path?: unknown; type?: unknown }>) {
        const path = typeof detail?.path === 'string' ? detail.path : '';
        if (!isThreshold(path) || out[path]) continue;
        const other = MUST_EXCEED[path];
        if (detail.type === 'number.greater' && other)
            out[path] = t('lifecycle.thresholds.error.greater', {
                other: t(THRESHOLD_LABELS[other]),
                value: String(values[other]),
            });
        else if (detail.type === 'number.min' || detail.type === 'number.max')
            out[path] = t('lifecycle.thresholds.error.range');
        else out[path] = t('lifecycle.thresholds.error.days');
    }
    return out;
}
