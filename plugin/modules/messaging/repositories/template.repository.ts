import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { TemplateOverrideEntity, type TemplateOverride } from '../entities/template.entity.js';

/** The key of a template: kind, channel and locale. */
export type TemplateKey = Pick<TemplateOverride, 'kind' | 'channel' | 'locale'>;

/** Reads and writes `refill_templates`: templates saved through the admin API. */
export class TemplateRepository {
    private readonly templates: EntityRowMapper<TemplateOverride>;

    constructor(private readonly db: Database) {
        this.templates = db.rows(TemplateOverrideEntity);
    }

    /** Every saved template (few: at most kinds × channels × locales). */
    async list(): Promise<TemplateOverride[]> {
        const rows = await this.db.all(
            `SELECT ${this.templates.columns} FROM refill_templates ORDER BY kind, channel, locale`,
        );
        return rows.map((r) => this.templates.fromRow(r));
    }

    /** The saved template with this key, if any. */
    async find(exec: SqlExecutor | Database, key: TemplateKey): Promise<TemplateOverride | null> {
        const [r] = await exec.all(
            `SELECT ${this.templates.columns} FROM refill_templates WHERE kind = ? AND channel = ? AND locale = ?`,
            [key.kind, key.channel, key.locale],
        );
        return r ? this.templates.fromRow(r) : null;
    }

    /** Saves a template, replacing the one with the same key. */
    async upsert(
        tx: SqlExecutor,
        t: TemplateKey & Pick<TemplateOverride, 'source' | 'updatedBy'>,
        now: Date,
    ): Promise<void> {
        const shape = this.templates.all;
        const set = Object.fromEntries(
            ['source', 'updated_by', 'updated_at'].map((c) => [c, sqlDialect.inserted(tx.dialect, c)]),
        );
        // Hand-written upsert: the key's template is replaced.
        await tx.run(
            shape.insert(1) + sqlDialect.onConflictUpdate(tx.dialect, ['kind', 'channel', 'locale'], set),
            shape.values({ ...t, updatedAt: now }),
        );
    }

    /** Deletes a saved template; returns whether there was one. */
    async remove(tx: SqlExecutor, key: TemplateKey): Promise<boolean> {
        const result = await tx.run(
            `DELETE FROM refill_templates WHERE kind = ? AND channel = ? AND locale = ?`,
            [key.kind, key.channel, key.locale],
        );
        return result.affected > 0;
    }
}
