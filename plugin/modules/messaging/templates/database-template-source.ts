import type { TemplateOverride } from '../entities/template.entity.js';
import type { TemplateRepository } from '../repositories/template.repository.js';
import type { TemplateLocale } from './template-helpers.js';
import type { MessageKind } from '../../../kernel/vocabulary/message-kinds.js';
import type { TemplateChannel } from '../../../kernel/vocabulary/template-channels.js';
import { findAlongChain, type FoundTemplate, type TemplateSource } from './template-source.js';

/**
 * Templates saved through the admin API (`refill_templates`), with the same
 * channel and locale fallbacks as the files. All rows are loaded with one
 * query and kept in memory, so sending a large campaign never queries per
 * message; {@link invalidate} (after a save) and, for other processes, a
 * time to live reload them.
 */
export class DatabaseTemplateSource implements TemplateSource {
    readonly origin = 'database';
    private rows: Promise<Map<string, TemplateOverride>> | null = null;
    private loadedAt = 0;

    constructor(
        private readonly repo: TemplateRepository,
        private readonly ttlMs = 60_000,
    ) {}

    /** Finds a saved template, with the channel and locale fallbacks. */
    find(kind: MessageKind, channel: TemplateChannel, locale: TemplateLocale): Promise<FoundTemplate | null> {
        return findAlongChain([this], kind, channel, locale);
    }

    /** The template saved for exactly this channel and locale. */
    async exact(kind: MessageKind, channel: TemplateChannel, locale: TemplateLocale): Promise<string | null> {
        return (await this.saved(kind, channel, locale))?.source ?? null;
    }

    /** The saved row for exactly this key, with who saved it and when. */
    async saved(kind: string, channel: string, locale: string): Promise<TemplateOverride | null> {
        return (await this.load()).get(key(kind, channel, locale)) ?? null;
    }

    /** Drops the rows held in memory; the next lookup reloads them. */
    invalidate(): void {
        this.rows = null;
    }

    private load(): Promise<Map<string, TemplateOverride>> {
        if (this.rows && Date.now() - this.loadedAt < this.ttlMs) return this.rows;
        const rows = this.repo
            .list()
            .then((list) => new Map(list.map((t) => [key(t.kind, t.channel, t.locale), t])));
        this.rows = rows;
        this.loadedAt = Date.now();
        // A failed load is not kept: the next lookup tries again.
        rows.catch(() => {
            if (this.rows === rows) this.rows = null;
        });
        return rows;
    }
}

function key(kind: string, channel: string, locale: string): string {
    return `${kind}/${channel}.${locale}`;
}
