import type { LifecycleSegment, LifecycleThresholds } from '../../api/lifecycle';
import type { Translate } from '../../i18n/locale-provider';
import type { MessageId } from '../../i18n/messages';

/** Each segment's name, in the UI language. */
const SEGMENT_NAMES: Record<LifecycleSegment, MessageId> = {
    enrolled: 'lifecycle.segment.enrolled',
    new: 'lifecycle.segment.new',
    developing: 'lifecycle.segment.developing',
    regular: 'lifecycle.segment.regular',
    sleeping: 'lifecycle.segment.sleeping',
    churned: 'lifecycle.segment.churned',
    won_back: 'lifecycle.segment.won_back',
};

/** Each segment's rule in words, with the thresholds as values. */
const SEGMENT_MEANINGS: Record<LifecycleSegment, MessageId> = {
    enrolled: 'lifecycle.meaning.enrolled',
    new: 'lifecycle.meaning.new',
    developing: 'lifecycle.meaning.developing',
    regular: 'lifecycle.meaning.regular',
    sleeping: 'lifecycle.meaning.sleeping',
    churned: 'lifecycle.meaning.churned',
    won_back: 'lifecycle.meaning.won_back',
};

/** A segment's colour in the charts (the same segment, the same colour, on every chart). */
export const SEGMENT_COLORS: Record<LifecycleSegment, string> = {
    enrolled: '#868e96',
    new: '#1c7ed6',
    developing: '#15aabf',
    regular: '#2b8a3e',
    sleeping: '#f08c00',
    churned: '#c92a2a',
    won_back: '#9c36b5',
};

/** A segment's name; `null` (a customer's first classification) is "first classified". */
export function segmentName(t: Translate, segment: LifecycleSegment | null): string {
    return segment === null ? t('lifecycle.segment.none') : t(SEGMENT_NAMES[segment]);
}

/**
 * What a segment means with these thresholds, in words: "no purchase for
 * 60–179 days". The days quoted are the rule's own (`classifyLifecycle`).
 */
export function segmentMeaning(t: Translate, segment: LifecycleSegment, th: LifecycleThresholds): string {
    return t(SEGMENT_MEANINGS[segment], {
        regular: th.regularWithinDays,
        sleeping: th.sleepingAfterDays,
        sleepingLast: th.sleepingAfterDays - 1,
        churned: th.churnedAfterDays,
        churnedLast: th.churnedAfterDays - 1,
        wonBack: th.wonBackDays,
    });
}
