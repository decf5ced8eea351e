import type { Database } from '../../../kernel/db/database.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { DatabaseTemplateSource } from '../templates/database-template-source.js';
import type { TemplateLocale } from '../templates/template-helpers.js';
import type { RenderedMessage, TemplateRenderer } from '../templates/template-renderer.js';
import { MESSAGE_KINDS, type MessageKind } from '../../../kernel/vocabulary/message-kinds.js';
import { TEMPLATE_CHANNELS, type TemplateChannel } from '../../../kernel/vocabulary/template-channels.js';
import { sampleData } from '../templates/template-samples.js';
import type { FoundTemplate, TemplateSource } from '../templates/template-source.js';
import { cheaperVariant, type TranslitScheme } from '../sms/sms-transliteration.js';
import type { SmsEncoding } from '../sms/sms-segments.js';
import type { AuditRepository } from '../../admin/index.js';
import type { TemplateRepository } from '../repositories/template.repository.js';
import type { Clock } from '../../../kernel/clock.js';

/** Locales a template can be edited for. */
export const TEMPLATE_LOCALES = ['ru', 'en'] as const;

/** Where the template in use comes from: saved, shipped, or another channel's or locale's template. */
export type TemplateOrigin = 'database' | 'file' | `fallback:${string}`;

/** One template as the admin API lists it. */
export interface TemplateInfo {
    kind: MessageKind;
    channel: TemplateChannel;
    locale: TemplateLocale;
    /** Null when neither a saved template nor a file nor a fallback exists. */
    origin: TemplateOrigin | null;
    /** Who saved the template in use and when (null for a file). */
    updatedBy: string | null;
    updatedAt: Date | null;
}

/** A template with the source in use. */
export interface TemplateView extends TemplateInfo {
    source: string;
}

/** What a preview asks for: a stored template, or an unsaved source. */
export interface PreviewRequest {
    kind: MessageKind;
    channel: TemplateChannel;
    locale: TemplateLocale;
    source?: string;
}

/** What an SMS costs as it would be sent, against the other variant. */
export interface SmsPreview {
    text: string;
    segments: number;
    encoding: SmsEncoding;
    characters: number;
    transliterated: boolean;
    scheme: TranslitScheme | null;
    original: { segments: number; encoding: SmsEncoding };
    candidate: { text: string; segments: number; encoding: SmsEncoding } | null;
}

/** A template rendered with sample data. */
export interface TemplatePreview {
    message: RenderedMessage;
    sms?: SmsPreview;
}

/** How much of a template an audit entry keeps (a TEXT column holds both sides). */
const AUDIT_SOURCE_CHARS = 6000;

/**
 * Message templates for marketers: every kind, channel and locale with
 * where its template comes from; saving an override (checked by the
 * renderer first, audited, effective at once), removing it to revert to
 * the shipped file (audited), and previews with sample data, with SMS
 * segments and the transliterated variant when the template opted in.
 */
export class TemplateService {
    constructor(
        private readonly db: Database,
        private readonly repo: TemplateRepository,
        private readonly saved: DatabaseTemplateSource,
        private readonly source: TemplateSource,
        private readonly renderer: TemplateRenderer,
        private readonly audit: AuditRepository,
        private readonly clock: Clock,
    ) {}

    /** Every kind × channel × locale with the origin of its template. */
    async list(): Promise<TemplateInfo[]> {
        const out: TemplateInfo[] = [];
        for (const kind of MESSAGE_KINDS)
            for (const channel of TEMPLATE_CHANNELS)
                for (const locale of TEMPLATE_LOCALES) {
                    const { source: _source, ...info } = await this.view(kind, channel, locale);
                    out.push(info);
                }
        return out;
    }

    /** The template in use for a kind, channel and locale. */
    async get(kind: MessageKind, channel: TemplateChannel, locale: TemplateLocale): Promise<TemplateView> {
        const view = await this.view(kind, channel, locale);
        if (view.origin === null)
            throw new RefillError('REFILL_NOT_FOUND', `No ${channel} template for ${kind} (${locale})`);
        return view;
    }

    /** Saves an override after the renderer accepted it; audited, used from the next message on. */
    async save(
        kind: MessageKind,
        channel: TemplateChannel,
        locale: TemplateLocale,
        source: string,
        actor: string,
    ): Promise<TemplateView> {
        this.renderer.validate(kind, channel, source);
        const key = { kind, channel, locale };
        await this.db.transaction(async (tx) => {
            const now = this.clock();
            const before = await this.repo.find(tx, key);
            await this.repo.upsert(tx, { ...key, source, updatedBy: actor }, now);
            await this.audit.append(
                tx,
                {
                    actor,
                    action: 'template.save',
                    entityType: 'template',
                    entityId: `${kind}/${channel}.${locale}`,
                    details: { before: clip(before?.source ?? null), after: clip(source) },
                },
                now,
            );
        });
        this.invalidate();
        return this.get(kind, channel, locale);
    }

    /** Removes an override, reverting to the shipped file; audited. */
    async remove(
        kind: MessageKind,
        channel: TemplateChannel,
        locale: TemplateLocale,
        actor: string,
    ): Promise<TemplateView> {
        const key = { kind, channel, locale };
        await this.db.transaction(async (tx) => {
            const before = await this.repo.find(tx, key);
            if (!before || !(await this.repo.remove(tx, key)))
                throw new RefillError(
                    'REFILL_NOT_FOUND',
                    `No saved ${channel} template for ${kind} (${locale})`,
                );
            const now = this.clock();
            await this.audit.append(
                tx,
                {
                    actor,
                    action: 'template.remove',
                    entityType: 'template',
                    entityId: `${kind}/${channel}.${locale}`,
                    details: { before: clip(before.source), after: null },
                },
                now,
            );
        });
        this.invalidate();
        return this.get(kind, channel, locale);
    }

    /** Renders an unsaved source (checked first) or the template in use with sample data. */
    async preview(request: PreviewRequest): Promise<TemplatePreview> {
        const { kind, channel, locale } = request;
        if (request.source !== undefined) this.renderer.validate(kind, channel, request.source);
        const found: Pick<FoundTemplate, 'source' | 'locale'> | null =
            request.source === undefined
                ? await this.source.find(kind, channel, locale)
                : { source: request.source, locale };
        if (!found)
            throw new RefillError('REFILL_NOT_FOUND', `No ${channel} template for ${kind} (${locale})`);
        const message = this.renderer.renderSource(
            kind,
            channel,
            found.locale,
            found.source,
            sampleData(locale),
        );
        if (channel !== 'sms' || 'html' in message) return { message };
        return { message, sms: smsPreview(message.text, message.transliterate) };
    }

    private invalidate(): void {
        this.saved.invalidate();
        this.renderer.invalidate();
    }

    private async view(
        kind: MessageKind,
        channel: TemplateChannel,
        locale: TemplateLocale,
    ): Promise<TemplateView> {
        const found = await this.source.find(kind, channel, locale);
        if (!found)
            return { kind, channel, locale, origin: null, updatedBy: null, updatedAt: null, source: '' };
        const foundChannel = found.channel ?? channel;
        const fromDb = found.origin === 'database';
        const row = fromDb ? await this.saved.saved(kind, foundChannel, found.locale) : null;
        const origin: TemplateOrigin =
            foundChannel !== channel || found.locale !== locale
                ? `fallback:${foundChannel}.${found.locale}`
                : fromDb
                  ? 'database'
                  : 'file';
        return {
            kind,
            channel,
            locale,
            origin,
            updatedBy: row?.updatedBy ?? null,
            updatedAt: row?.updatedAt ?? null,
            source: found.source,
        };
    }
}

/** The variant of an SMS that would be sent, with both variants' cost. */
function smsPreview(text: string, scheme: TranslitScheme | undefined): SmsPreview {
    const v = cheaperVariant(text, { transliterate: scheme !== undefined, scheme });
    return {
        text: v.text,
        segments: v.segments,
        encoding: v.encoding,
        characters: v.characters,
        transliterated: v.transliterated,
        scheme: scheme ?? null,
        original: { segments: v.original.segments, encoding: v.original.encoding },
        candidate: v.candidate
            ? { text: v.candidate.text, segments: v.candidate.segments, encoding: v.candidate.encoding }
            : null,
    };
}

function clip(source: string | null): string | null {
    return source === null || source.length <= AUDIT_SOURCE_CHARS
        ? source
        : `${source.slice(0, AUDIT_SOURCE_CHARS)}…`;
}
