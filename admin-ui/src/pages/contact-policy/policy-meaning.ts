import type { ContactPolicyValues } from '../../api/messaging';
import type { Translate } from '../../i18n/locale-provider';
import { word } from '../customer-card/desk-words';

/** The policy's general values, in the order the page shows them. */
export const GENERAL_VALUES = [
    'window',
    'quietDaysAfterPurchase',
    'minGapMinutes',
    'monthlyMarketingCap',
    'allChannelsDaily',
    'allChannelsWeekly',
] as const;

/** One of {@link GENERAL_VALUES}. */
export type GeneralValue = (typeof GENERAL_VALUES)[number];

/** The channels, in the API's order. */
export const POLICY_CHANNELS = ['sms', 'email', 'push', 'telegram', 'viber', 'whatsapp'] as const;

/** One of {@link POLICY_CHANNELS}. */
export type PolicyChannel = (typeof POLICY_CHANNELS)[number];

/** A general value as shown: `09:00–21:00`, `7`. */
export function generalValue(p: ContactPolicyValues, key: GeneralValue): string {
    switch (key) {
        case 'window':
            return `${p.window.from}–${p.window.to}`;
        case 'allChannelsDaily':
            return String(p.caps.allChannels.daily);
        case 'allChannelsWeekly':
            return String(p.caps.allChannels.weekly);
        default:
            return String(p[key]);
    }
}

/** What a general value means for a customer, in the UI's language. */
export function generalMeaning(p: ContactPolicyValues, key: GeneralValue, t: Translate): string {
    switch (key) {
        case 'window':
            return t('messaging.policy.meaning.window', { from: p.window.from, to: p.window.to });
        case 'quietDaysAfterPurchase':
            return t('messaging.policy.meaning.quietDays', { days: p.quietDaysAfterPurchase });
        case 'minGapMinutes':
            return t('messaging.policy.meaning.minGap', { minutes: p.minGapMinutes });
        case 'monthlyMarketingCap':
            return t('messaging.policy.meaning.monthly', { count: p.monthlyMarketingCap });
        case 'allChannelsDaily':
            return t('messaging.policy.meaning.allDaily', { count: p.caps.allChannels.daily });
        case 'allChannelsWeekly':
            return t('messaging.policy.meaning.allWeekly', { count: p.caps.allChannels.weekly });
    }
}

/** What a channel's caps mean for a customer. */
export function channelMeaning(p: ContactPolicyValues, channel: PolicyChannel, t: Translate): string {
    return t('messaging.policy.meaning.channel', {
        channel: word(t, 'channel', channel),
        daily: p.caps.daily[channel],
        weekly: p.caps.weekly[channel],
        service: p.caps.serviceDaily[channel],
    });
}
