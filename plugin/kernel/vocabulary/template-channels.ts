import { CHANNELS, type Channel } from './channels.js';

/** The template push and the messengers share when they have none of their own. */
export const SHARED_TEXT_TEMPLATE = 'text';

/**
 * Channels whose template falls back to the shared `text` template: push and
 * the messengers (in the order the admin API lists their templates).
 */
export const TEXT_TEMPLATE_CHANNELS = [
    'telegram',
    'push',
    'viber',
    'whatsapp',
] as const satisfies readonly Channel[];

/** A channel a template is stored for: any channel, or the shared `text`. */
export type TemplateChannel = Channel | typeof SHARED_TEXT_TEMPLATE;

/** Whether a channel's template falls back to the shared `text` template. */
export function sharesTextTemplate(channel: string): boolean {
    return (TEXT_TEMPLATE_CHANNELS as readonly string[]).includes(channel);
}

/**
 * Channels a template is stored and edited for, in the order the admin API
 * lists them: the channels with a template of their own, the shared `text`,
 * then the channels that fall back to it.
 */
export const TEMPLATE_CHANNELS: readonly TemplateChannel[] = [
    ...CHANNELS.filter((c) => !sharesTextTemplate(c)),
    SHARED_TEXT_TEMPLATE,
    ...TEXT_TEMPLATE_CHANNELS,
];
