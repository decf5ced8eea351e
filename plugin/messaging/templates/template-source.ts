import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TemplateLocale } from './template-helpers.js';
import type { MessageChannel, MessageKind } from './template-renderer.js';

/** A template found for a request: its source and the locale it is in (after fallback). */
export interface FoundTemplate {
    source: string;
    locale: TemplateLocale;
}

/** Where templates come from: the shipped files, templates saved through the admin API, or both. */
export interface TemplateSource {
    find(kind: MessageKind, channel: MessageChannel, locale: TemplateLocale): Promise<FoundTemplate | null>;
}

/** Channels that use the shared plain-text template unless they have their own. */
const TEXT_CHANNELS = new Set<MessageChannel>(['push', 'telegram', 'viber', 'whatsapp']);

/**
 * The shipped templates: `templates/<kind>/<channel>.<locale>.hbs`.
 * Messenger and push channels fall back to `text.<locale>.hbs`; every
 * locale falls back to Russian.
 */
export class FileTemplateSource implements TemplateSource {
    constructor(private readonly dir: string) {}

    /** Finds the file for a template, with the channel and locale fallbacks. */
    async find(
        kind: MessageKind,
        channel: MessageChannel,
        locale: TemplateLocale,
    ): Promise<FoundTemplate | null> {
        const channels = TEXT_CHANNELS.has(channel) ? [channel, 'text'] : [channel];
        for (const loc of locale === 'ru' ? ['ru' as const] : [locale, 'ru' as const])
            for (const ch of channels) {
                const source = await readFile(join(this.dir, kind, `${ch}.${loc}.hbs`), 'utf8').catch(
                    () => null,
                );
                if (source !== null) return { source, locale: loc };
            }
        return null;
    }
}

/** Looks in each source in turn (templates saved in the database first, then the files). */
export class LayeredTemplateSource implements TemplateSource {
    constructor(private readonly sources: readonly TemplateSource[]) {}

    /** The first source's template that exists. */
    async find(
        kind: MessageKind,
        channel: MessageChannel,
        locale: TemplateLocale,
    ): Promise<FoundTemplate | null> {
        for (const s of this.sources) {
            const found = await s.find(kind, channel, locale);
            if (found) return found;
        }
        return null;
    }
}
