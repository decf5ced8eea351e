import { EntitySchema } from 'typeorm';
import { str, time } from '../../../kernel/db/entity-columns.js';

/**
 * A message template saved through the admin API in place of the shipped
 * file `templates/<kind>/<channel>.<locale>.hbs`. Removing it reverts to the
 * file.
 */
export interface TemplateOverride {
    /** A message kind: `lapse-offer`, `offer-expiry`, `bonus-expiry`, `welcome`, `balance`. */
    kind: string;
    /** `sms`, `email`, `text` (shared by messengers) or a messenger channel of its own. */
    channel: string;
    /** `ru` or `en`. */
    locale: string;
    /** The Handlebars source, checked by the renderer before it was saved. */
    source: string;
    /** Who saved it (an admin username or `token:<name>`). */
    updatedBy: string;
    updatedAt: Date;
}

/** TypeORM schema of {@link TemplateOverride}. */
export const TemplateOverrideEntity = new EntitySchema<TemplateOverride>({
    name: 'RefillTemplate',
    tableName: 'refill_templates',
    columns: {
        kind: { ...str('kind', 24), primary: true },
        channel: { ...str('channel', 16), primary: true },
        locale: { ...str('locale', 8), primary: true },
        source: { name: 'source', type: 'text', nullable: false },
        updatedBy: str('updated_by', 128),
        updatedAt: time('updated_at'),
    },
});
