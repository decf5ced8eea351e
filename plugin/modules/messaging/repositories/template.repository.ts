import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { Row, SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { TemplateOverride } from '../entities/template.entity.js';

/** The key of a template: kind, channel and locale. */
export type TemplateKey = Pick<TemplateOverride, 'kind' | 'channel' | 'locale'>;

const COLUMNS = 'kind, channel, locale, source, updated_by, updated_at';

/** Reads and writes `refill_templates`: templates saved through the admin API. */
export class TemplateRepository {
    constructor(private readonly db: Database) {}

    /** Every saved template (few: at most kinds × channels × locales). */
    async list(): Promise<TemplateOverride[]> {
        const rows = await this.db.all(
            `SELECT ${COLUMNS} FROM refill_templates ORDER BY kind, channel, locale`,
        );
        return rows.map((r) => this.map(r));
    }

    /** The saved template with this key, if any. */
    async find(exec: SqlExecutor | Database, key: TemplateKey): Promise<TemplateOverride | null> {
        const [r] = await exec.all(
            `SELECT ${COLUMNS} FROM refill_templates WHERE kind = ? AND channel = ? AND locale = ?`,
            [key.kind, key.channel, key.locale],
        );
        return r ? this.map(r) : null;
    }

    /** Saves a template, replacing the one with the same key. */
    async upsert(
        tx: SqlExecutor,
        t: TemplateKey & Pick<TemplateOverride, 'source' | 'updatedBy'>,
        now: Date,
    ): Promise<void> {
        const set = Object.fromEntries(
            ['source', 'updated_by', 'updated_at'].map((c) => [c, sqlDialect.inserted(tx.dialect, c)]),
        );
        await tx.run(
            `INSERT INTO refill_templates (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)` +
                sqlDialect.onConflictUpdate(tx.dialect, ['kind', 'channel', 'locale'], set),
            [t.kind, t.channel, t.locale, t.source, t.updatedBy, toDbTime(now)],
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

    private map(r: Row): TemplateOverride {
        return {
            kind: String(r.kind),
            channel: String(r.channel),
            locale: String(r.locale),
            source: String(r.source),
            updatedBy: String(r.updated_by),
            updatedAt: this.db.time(r.updated_at),
        };
    }
}
