import type { SegmentFieldParam } from '../../../api/segments';
import type { Translate } from '../../../i18n/locale-provider';
import { isMessageId } from '../../../i18n/messages';
import { segmentName } from '../../lifecycle/lifecycle-words';
import type { LifecycleSegment } from '../../../api/lifecycle';
import type { PlacedProblem } from './rule-model';

/** A message by an id built from data (`segments.type.recency`), else `fallback`. */
function word(t: Translate, id: string, fallback: string): string {
    return isMessageId(id) ? t(id) : fallback;
}

/** A condition kind's name. */
export function conditionName(t: Translate, type: string): string {
    return word(t, `segments.type.${type}`, type);
}

/** A parameter's label. */
export function paramLabel(t: Translate, type: string, param: string): string {
    return word(t, `segments.param.${type}.${param}`, word(t, `segments.param.${param}`, param));
}

/** A value's label in a select (a channel, a purpose, a card kind or form, a lifecycle segment). */
export function valueLabel(t: Translate, param: SegmentFieldParam, value: unknown): string {
    const text = String(value);
    switch (param.name) {
        case 'channel':
        case 'channels':
            return word(t, `channel.${text}`, text);
        case 'purpose':
            return word(t, `consentKind.${text}`, text);
        case 'kinds':
            return word(t, `cardKind.${text}`, text);
        case 'forms':
            return word(t, `segments.cardForm.${text}`, text);
        case 'segments':
            return segmentName(t, value as LifecycleSegment);
        default:
            return text;
    }
}

/** What a problem the API found means, in the UI language (joi's English stays on the server). */
export function problemText(t: Translate, problem: PlacedProblem): string {
    const type = problem.type;
    if (type === 'REFILL_UNPROCESSABLE')
        return problem.param === 'segments'
            ? t('segments.error.noLifecycle')
            : t('segments.error.storePlace');
    if (type === 'any.required') return t('form.required');
    if (type === 'object.missing') return t('segments.error.bound');
    // The API's own checks (joi `custom`): bounds out of order; anything else is worded generically.
    if ((type === 'custom' || type === 'any.custom') && /must not be below/.test(problem.message))
        return t('segments.error.order');
    if (type === 'array.min' || type === 'array.includesRequiredUnknowns') return t('segments.error.list');
    if (type === 'array.unique') return t('segments.error.unique');
    if (type.startsWith('number.')) return t('segments.error.number');
    if (type.startsWith('string.pattern')) return t('segments.error.pattern');
    if (type === 'object.max') return t('segments.error.depth');
    return t('form.invalid');
}
