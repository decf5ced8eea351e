import { toDbTime } from '../../../kernel/db/db-time.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
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
    /** Appends one record. */
    async append(tx: SqlExecutor, record: AuditRecord, now: Date): Promise<void> {
        await tx.run(
            `INSERT INTO refill_audit_log (actor, action, entity_type, entity_id, details, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
            [
                record.actor,
                record.action,
                record.entityType,
                record.entityId,
                record.details ? JSON.stringify(record.details) : null,
                toDbTime(now),
            ],
        );
    }
}
