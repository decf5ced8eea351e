import type { Database } from '../../../kernel/db/database.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { DatabaseTemplateSource } from '../templates/database-template-source.js';
import type { TemplateLocale } from '../templates/template-helpers.js';
import type { TemplateRenderer } from '../templates/template-renderer.js';
import { MESSAGE_KINDS, type MessageKind } from '../../../kernel/vocabulary/message-kinds.js';
import { TEMPLATE_CHANNELS, type TemplateChannel } from '../../../kernel/vocabulary/template-channels.js';
import { sampleData } from '../templates/template-samples.js';
import type { TemplateSource } from '../templates/template-source.js';
import { templateVariables, type TemplateVariable } from '../templates/template-variables.js';
import type { AuditRepository } from '../../admin/index.js';
import type { TemplateKey, TemplateRepository } from '../repositories/template.repository.js';
import type { TemplateVersionRepository } from '../repositories/template-version.repository.js';
import type { TemplateVersion } from '../entities/template-version.entity.js';
import type { PreviewRequest, TemplatePreview, TemplatePreviewService } from './template-preview.service.js';
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

/** A variable with its sample value as a template prints it (an amount in bonuses, a date). */
export interface VariableView extends TemplateVariable {
    example: string;
}

/** How many versions the history answers. */
const HISTORY_LIMIT = 50;

/** How much of a template an audit entry keeps (a TEXT column holds both sides). */
const AUDIT_SOURCE_CHARS = 6000;

/**
 * Message templates for marketers: every kind, channel and locale with
 * where its template comes from; saving an override (checked by the
 * renderer first, audited, effective at once), restoring an older saved
 * version (a save), removing the override to revert to the shipped file
 * (audited); each of them appends a version to the template's history in
 * the same transaction. Previews (sample data or a customer's, SMS
 * segments with the transliterated variant) are the preview service's;
 * the variables a kind's template receives come from the sample data.
 */
export class TemplateService {
    constructor(
        private readonly db: Database,
        private readonly repo: TemplateRepository,
        private readonly versions: TemplateVersionRepository,
        private readonly saved: DatabaseTemplateSource,
        private readonly source: TemplateSource,
        private readonly renderer: TemplateRenderer,
        private readonly previews: TemplatePreviewService,
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

    /**
     * Saves an override after the renderer accepted it, with a version in
     * the history (a restore names the version it copied); audited, used
     * from the next message on.
     */
    async save(
        kind: MessageKind,
        channel: TemplateChannel,
        locale: TemplateLocale,
        source: string,
        actor: string,
        restoredFrom: number | null = null,
    ): Promise<TemplateView> {
        this.renderer.validate(kind, channel, source);
        const key = { kind, channel, locale };
        await this.db.transaction(async (tx) => {
            const now = this.clock();
            const before = await this.repo.find(tx, key);
            await this.repo.upsert(tx, { ...key, source, updatedBy: actor }, now);
            await this.versions.append(tx, {
                ...key,
                action: restoredFrom === null ? 'save' : 'restore',
                source,
                restoredFrom,
                savedBy: actor,
                savedAt: now,
            });
            const details: Record<string, unknown> = {
                before: clip(before?.source ?? null),
                after: clip(source),
            };
            if (restoredFrom !== null) details.restoredFrom = restoredFrom;
            await this.audit.append(
                tx,
                { actor, action: 'template.save', entityType: 'template', entityId: entityId(key), details },
                now,
            );
        });
        this.invalidate();
        return this.get(kind, channel, locale);
    }

    /** Puts an older saved version back in use: a save of its text (checked again, audited). */
    async restore(key: TemplateParams, versionId: number, actor: string): Promise<TemplateView> {
        const version = await this.versions.find(this.db, key, versionId);
        if (!version)
            throw new RefillError('REFILL_NOT_FOUND', `No version ${versionId} of ${entityId(key)}`, [
                { path: 'id', message: 'no such version of this template' },
            ]);
        if (version.source === null)
            throw new RefillError('REFILL_UNPROCESSABLE', 'A revert has no text to restore; revert instead', [
                { path: 'id', message: 'this version is a revert to the shipped file' },
            ]);
        return this.save(key.kind, key.channel, key.locale, version.source, actor, version.id);
    }

    /** Removes an override, reverting to the shipped file; audited, and a `revert` version in the history. */
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
            await this.versions.append(tx, {
                ...key,
                action: 'revert',
                source: null,
                restoredFrom: null,
                savedBy: actor,
                savedAt: now,
            });
            await this.audit.append(
                tx,
                {
                    actor,
                    action: 'template.remove',
                    entityType: 'template',
                    entityId: entityId(key),
                    details: { before: clip(before.source), after: null },
                },
                now,
            );
        });
        this.invalidate();
        return this.get(kind, channel, locale);
    }

    /** The template's saved versions, newest first (the latest {@link HISTORY_LIMIT}). */
    history(key: TemplateParams): Promise<TemplateVersion[]> {
        return this.versions.list(this.db, key, HISTORY_LIMIT);
    }

    /** Renders an unsaved source (checked first) or the template in use, on sample or a customer's data. */
    preview(request: PreviewRequest): Promise<TemplatePreview> {
        return this.previews.preview(request);
    }

    /** The variables a kind's template receives, each with its sample value as a template prints it. */
    variables(kind: MessageKind, locale: TemplateLocale): VariableView[] {
        const data = sampleData(locale);
        return templateVariables(kind, locale).map((v) => ({
            ...v,
            example: this.renderer.renderSource(kind, 'text', locale, v.insert, data).text,
        }));
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

/** The key of one template. */
type TemplateParams = TemplateKey & { kind: MessageKind; channel: TemplateChannel; locale: TemplateLocale };

function entityId(key: TemplateKey): string {
    return `${key.kind}/${key.channel}.${key.locale}`;
}

function clip(source: string | null): string | null {
    return source === null || source.length <= AUDIT_SOURCE_CHARS
        ? source
        : `${source.slice(0, AUDIT_SOURCE_CHARS)}…`;
}
