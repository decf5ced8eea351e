import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { AuditEntryEntity, type AuditEntry } from '../entities/audit-entry.entity.js';
import type { AuditAction } from '../../../kernel/vocabulary/audit-actions.js';
import type { AuditEntityType } from '../../../kernel/vocabulary/audit-entity-types.js';

/** An audit record to append. */
export interface AuditRecord {
    /** Who did it: see `kernel/vocabulary/audit-actors.ts`. */
    actor: string;
    action: AuditAction;
    entityType: AuditEntityType;
    entityId: string | null;
    /** Serialised as JSON; callers never put contacts or full card numbers here. */
    details?: Record<string, unknown>;
}

/** Appends to `refill_audit_log`, in the same transaction as the change it records. */
export class AuditRepository {
    private readonly entries: EntityRowMapper<AuditEntry>;

    constructor(db: Database) {
        this.entries = db.rows(AuditEntryEntity);
    }

    /** Appends one record. */
    async append(tx: SqlExecutor, record: AuditRecord, now: Date): Promise<void> {
        const shape = this.entries.insertable;
        await tx.run(
            shape.insert(1),
            shape.values({
                ...record,
                details: record.details ? JSON.stringify(record.details) : null,
                createdAt: now,
            }),
        );
    }
}
