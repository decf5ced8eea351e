import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { TemplateVersionEntity, type TemplateVersion } from '../entities/template-version.entity.js';
import type { TemplateKey } from './template.repository.js';

/** A version to append: everything but its id. */
export type NewTemplateVersion = Omit<TemplateVersion, 'id'>;

/** Reads and appends `refill_template_versions`: the history of a template's saved versions. */
export class TemplateVersionRepository {
    private readonly versions: EntityRowMapper<TemplateVersion>;

    constructor(db: Database) {
        this.versions = db.rows(TemplateVersionEntity);
    }

    /** Appends a version, in the transaction of the change it records. */
    async append(tx: SqlExecutor, version: NewTemplateVersion): Promise<void> {
        const shape = this.versions.insertable;
        await tx.run(shape.insert(1), shape.values(version));
    }

    /** A template's versions, newest first (at most `limit`). */
    async list(exec: SqlExecutor | Database, key: TemplateKey, limit: number): Promise<TemplateVersion[]> {
        const rows = await exec.all(
            `SELECT ${this.versions.columns} FROM refill_template_versions
             WHERE kind = ? AND channel = ? AND locale = ? ORDER BY id DESC LIMIT ?`,
            [key.kind, key.channel, key.locale, limit],
        );
        return rows.map((r) => this.versions.fromRow(r));
    }

    /** One version of a template, or null when the template has no version with this id. */
    async find(exec: SqlExecutor | Database, key: TemplateKey, id: number): Promise<TemplateVersion | null> {
        const [r] = await exec.all(
            `SELECT ${this.versions.columns} FROM refill_template_versions
             WHERE id = ? AND kind = ? AND channel = ? AND locale = ?`,
            [id, key.kind, key.channel, key.locale],
        );
        return r ? this.versions.fromRow(r) : null;
    }
}
