import type { TemplateInfo } from '../../api/templates';
import type { Tone } from '../../app/status-badge';
import { type Translate } from '../../i18n/locale-provider';
import { isMessageId } from '../../i18n/messages';

/** The kinds, channels and locales a template exists for, in the API's order. */
export const TEMPLATE_KINDS = [
    'lapse-offer',
    'offer-expiry',
    'bonus-expiry',
    'welcome',
    'balance',
    'second-purchase',
    'winback',
    'wonback-thanks',
] as const;
export const TEMPLATE_CHANNELS = ['sms', 'email', 'text', 'telegram', 'push', 'viber', 'whatsapp'] as const;
export const TEMPLATE_LOCALES = ['ru', 'en'] as const;

/** A kind's readable name (`Win-back offer`). */
export function kindLabel(kind: string, t: Translate): string {
    const id = `messageKind.${kind}`;
    return isMessageId(id) ? t(id) : kind;
}

/** A channel's readable name; `text` is the messengers' shared template. */
export function channelLabel(channel: string, t: Translate): string {
    if (channel === 'text') return t('templates.channel.text');
    const id = `channel.${channel}`;
    return isMessageId(id) ? t(id) : channel;
}

/** A template language's name. */
export function localeLabel(locale: string, t: Translate): string {
    return locale === 'ru' ? t('templates.locale.ru') : locale === 'en' ? t('templates.locale.en') : locale;
}

/** Where a template comes from, as a badge: changed here, shipped, another one's, or none. */
export function originBadge(origin: TemplateInfo['origin'], t: Translate): { tone: Tone; label: string } {
    if (origin === 'database') return { tone: 'mark', label: t('templates.origin.database') };
    if (origin === 'file') return { tone: 'neutral', label: t('templates.origin.file') };
    if (origin?.startsWith('fallback:')) {
        const [channel, locale] = origin.slice('fallback:'.length).split('.');
        return {
            tone: 'info',
            label: t('templates.origin.fallback', {
                channel: channelLabel(channel, t),
                locale: localeLabel(locale, t),
            }),
        };
    }
    return { tone: 'bad', label: t('templates.origin.none') };
}

/** Whether a route parameter is one of `values`. */
export function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
    return value !== undefined && (values as readonly string[]).includes(value);
}
