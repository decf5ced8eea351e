import { EntitySchema } from 'typeorm';
import { bigId, bigInt, str, time } from '../../../kernel/db/entity-columns.js';

/** What made a template version: a save, a restore of an older version, or a revert to the shipped file. */
export type TemplateVersionAction = 'save' | 'restore' | 'revert';

/**
 * One version of a message template in its history: written with every
 * save, restore and revert through the admin API, in the same transaction,
 * so the history says who put each text in use and when.
 */
export interface TemplateVersion {
    id: number;
    /** The template's kind, channel and locale (as in `refill_templates`). */
    kind: string;
    channel: string;
    locale: string;
    action: TemplateVersionAction;
    /** The Handlebars source put in use; null for a revert (the shipped file is the version). */
    source: string | null;
    /** The version a restore copied. */
    restoredFrom: number | null;
    /** Who did it (an admin username or `token:<name>`). */
    savedBy: string;
    savedAt: Date;
}

/** TypeORM schema of {@link TemplateVersion}. */
export const TemplateVersionEntity = new EntitySchema<TemplateVersion>({
    name: 'RefillTemplateVersion',
    tableName: 'refill_template_versions',
    columns: {
        id: bigId(),
        kind: str('kind', 24),
        channel: str('channel', 16),
        locale: str('locale', 8),
        action: str('action', 12),
        source: { name: 'source', type: 'text', nullable: true },
        restoredFrom: bigInt('restored_from', true),
        savedBy: str('saved_by', 128),
        savedAt: time('saved_at'),
    },
    indices: [{ name: 'IDX_refill_template_versions_key', columns: ['kind', 'channel', 'locale', 'id'] }],
});
