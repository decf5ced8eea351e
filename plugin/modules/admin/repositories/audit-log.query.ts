import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { LEGACY_AUDIT_ACTIONS } from '../../../kernel/vocabulary/audit-actions.js';
import { LEGACY_AUDIT_ENTITY_TYPES } from '../../../kernel/vocabulary/audit-entity-types.js';
import { AuditEntryEntity, type AuditEntry } from '../entities/audit-entry.entity.js';

/** Which audit entries to read (every field optional; all must hold). */
export interface AuditFilter {
    /** Who did it, exactly as recorded. */
    actor?: string;
    /** An action in today's spelling; older spellings of it match too. */
    action?: string;
    /** An entity type in today's spelling; older spellings of it match too. */
    entityType?: string;
    entityId?: string;
    /** Entries at or after this moment. */
    from?: Date;
    /** Entries before this moment. */
    to?: Date;
}

/** A spelling and every older spelling that means the same. */
function spellings(current: string, legacy: Readonly<Record<string, string>>): string[] {
    return [current, ...Object.keys(legacy).filter((old) => legacy[old] === current)];
}

/** Reads the audit log, newest first, for the admin API and its CSV export. */
export class AuditLogQuery {
    private readonly entries: EntityRowMapper<AuditEntry>;

    constructor(private readonly db: Database) {
        this.entries = db.rows(AuditEntryEntity);
    }

    /** Up to `limit` entries matching `filter` with an id below `beforeId`, newest first. */
    async page(filter: AuditFilter, beforeId: number | undefined, limit: number): Promise<AuditEntry[]> {
        const where: string[] = [];
        const params: unknown[] = [];
        const oneOf = (column: string, values: string[]) => {
            where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
            params.push(...values);
        };
        if (beforeId !== undefined) {
            where.push('id < ?');
            params.push(beforeId);
        }
        if (filter.actor !== undefined) oneOf('actor', [filter.actor]);
        if (filter.action !== undefined) oneOf('action', spellings(filter.action, LEGACY_AUDIT_ACTIONS));
        if (filter.entityType !== undefined)
            oneOf('entity_type', spellings(filter.entityType, LEGACY_AUDIT_ENTITY_TYPES));
        if (filter.entityId !== undefined) oneOf('entity_id', [filter.entityId]);
        if (filter.from) {
            where.push('created_at >= ?');
            params.push(toDbTime(filter.from));
        }
        if (filter.to) {
            where.push('created_at < ?');
            params.push(toDbTime(filter.to));
        }
        const rows = await this.db.all(
            `SELECT ${this.entries.columns} FROM refill_audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
            [...params, limit],
        );
        return rows.map((r) => this.entries.fromRow(r));
    }
}
