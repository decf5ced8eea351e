import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateLocale } from './template-helpers.js';
import type { MessageKind } from '../../../kernel/vocabulary/message-kinds.js';
import {
    SHARED_TEXT_TEMPLATE,
    sharesTextTemplate,
    type TemplateChannel,
} from '../../../kernel/vocabulary/template-channels.js';

/** A template found for a request: its source and the locale it is in (after fallback). */
export interface FoundTemplate {
    source: string;
    locale: TemplateLocale;
    /** The channel whose template it is: `text` when a messenger has none of its own (when known). */
    channel?: TemplateChannel;
    /** The source that held it, such as `database` or `file` (when known). */
    origin?: string;
}

/** Where templates come from: the shipped files, templates saved through the admin API, or both. */
export interface TemplateSource {
    find(kind: MessageKind, channel: TemplateChannel, locale: TemplateLocale): Promise<FoundTemplate | null>;
    /**
     * The template held for exactly this channel and locale, without fallbacks.
     * Sources that have it are layered step by step along the fallback chain.
     */
    exact?(kind: MessageKind, channel: TemplateChannel, locale: TemplateLocale): Promise<string | null>;
    /** What {@link FoundTemplate.origin} says for this source's templates. */
    readonly origin?: string;
}

/** One step of the fallback chain: a channel's template in a locale. */
export interface TemplateStep {
    channel: TemplateChannel;
    locale: TemplateLocale;
}

/**
 * Where a template is looked for, in order: messenger and push channels
 * fall back to `text`; every locale falls back to Russian (the channel's
 * own template, then `text`, in the locale before Russian).
 */
export function templateChain(channel: TemplateChannel, locale: TemplateLocale): TemplateStep[] {
    const channels: TemplateChannel[] = sharesTextTemplate(channel) ? [channel, SHARED_TEXT_TEMPLATE] : [channel];
    const locales: TemplateLocale[] = locale === 'ru' ? ['ru'] : [locale, 'ru'];
    return locales.flatMap((l) => channels.map((c) => ({ channel: c, locale: l })));
}

/** The first step of the chain that any of the sources holds, the sources asked in order at each step. */
export async function findAlongChain(
    sources: readonly TemplateSource[],
    kind: MessageKind,
    channel: TemplateChannel,
    locale: TemplateLocale,
): Promise<FoundTemplate | null> {
    for (const step of templateChain(channel, locale))
        for (const s of sources) {
            const source = await exactOrFind(s, kind, channel, step);
            if (source !== null) return { source, locale: step.locale, channel: step.channel, origin: s.origin };
        }
    return null;
}

/** A source without {@link TemplateSource.exact} answers only for the requested channel, in the step's locale. */
async function exactOrFind(
    s: TemplateSource,
    kind: MessageKind,
    channel: TemplateChannel,
    step: TemplateStep,
): Promise<string | null> {
    if (s.exact) return s.exact(kind, step.channel, step.locale);
    if (step.channel !== channel) return null;
    const found = await s.find(kind, channel, step.locale);
    return found && found.locale === step.locale ? found.source : null;
}

/**
 * The shipped templates: `templates/<kind>/<channel>.<locale>.hbs`, with the
 * fallbacks of {@link templateChain}. Each file is read once and kept in
 * memory (a missing one too), so sending never touches the disk per message.
 */
export class FileTemplateSource implements TemplateSource {
    readonly origin = 'file';
    private readonly files = new Map<string, Promise<string | null>>();

    constructor(private readonly dir: string) {}

    /** Finds the file for a template, with the channel and locale fallbacks. */
    find(kind: MessageKind, channel: TemplateChannel, locale: TemplateLocale): Promise<FoundTemplate | null> {
        return findAlongChain([this], kind, channel, locale);
    }

    /** The file `<kind>/<channel>.<locale>.hbs`, or null when there is none. */
    exact(kind: MessageKind, channel: TemplateChannel, locale: TemplateLocale): Promise<string | null> {
        const path = join(this.dir, kind, `${channel}.${locale}.hbs`);
        let content = this.files.get(path);
        if (!content) {
            content = readFile(path, 'utf8').catch(() => null);
            this.files.set(path, content);
        }
        return content;
    }
}

/**
 * Looks in each source in turn (templates saved in the database first, then
 * the files) at each step of the fallback chain, so an override wins only at
 * its own step: a saved Russian `text` template serves Telegram in Russian,
 * while English Telegram still gets the shipped English `text` file.
 */
export class LayeredTemplateSource implements TemplateSource {
    constructor(private readonly sources: readonly TemplateSource[]) {}

    /** The template of the first step of the chain that any source holds. */
    find(kind: MessageKind, channel: TemplateChannel, locale: TemplateLocale): Promise<FoundTemplate | null> {
        return findAlongChain(this.sources, kind, channel, locale);
    }
}

/**
 * The shipped `templates` folder at the package root, from this module's
 * place in the sources (`plugin/modules/messaging/templates`) or in the build
 * (`dist/plugin/modules/messaging/templates`).
 */
export function shippedTemplatesDir(): string {
    const candidates = ['../../../../templates', '../../../../../templates'].map((p) =>
        fileURLToPath(new URL(p, import.meta.url)),
    );
    return candidates.find((dir) => existsSync(dir)) ?? candidates[0];
}
