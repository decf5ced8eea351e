import type { ChainStatus, ChainTrigger } from '../../api/chain-types';
import type { Tone } from '../../app/status-badge';
import type { Formatters } from '../../format/use-format';
import type { Translate } from '../../i18n/locale-provider';
import { isMessageId } from '../../i18n/messages';

/** The badge tone of each chain status. */
export const STATUS_TONE: Record<ChainStatus, Tone> = {
    draft: 'neutral',
    active: 'ok',
    paused: 'warn',
    archived: 'mark',
};

/** A word of the `chains.<group>.<value>` vocabulary, or the value itself when there is none. */
export function word(t: Translate, group: string, value: string): string {
    const id = `chains.${group}.${value}`;
    return isMessageId(id) ? t(id) : value;
}

/** A lifecycle segment's name. */
export function segmentName(t: Translate, segment: string): string {
    return word(t, 'segment', segment);
}

/** What starts the chain, in a sentence: "Bonuses burn in 7 days", "Every Monday: sleeping". */
export function triggerInWords(t: Translate, f: Formatters, trigger: ChainTrigger): string {
    switch (trigger.type) {
        case 'purchase-in-category':
            return t('chains.triggerText.purchase-in-category', { id: trigger.categoryId });
        case 'segment-entered':
            return t('chains.triggerText.segment-entered', { segment: segmentName(t, trigger.segment) });
        case 'bonuses-burning':
            return t('chains.triggerText.bonuses-burning', { days: trigger.daysBefore });
        case 'balance-crossed':
            return t('chains.triggerText.balance-crossed', { amount: f.bonuses(trigger.amount) });
        case 'schedule': {
            const audience =
                'lifecycle' in trigger.audience
                    ? segmentName(t, trigger.audience.lifecycle)
                    : t('chains.triggerText.savedSegment', { id: trigger.audience.segmentId });
            return trigger.every === 'day'
                ? t('chains.triggerText.daily', { audience })
                : t('chains.triggerText.weekly', {
                      audience,
                      weekday: word(t, 'weekday', String(trigger.weekday ?? 1)),
                  });
        }
        default:
            return word(t, 'trigger', trigger.type);
    }
}
