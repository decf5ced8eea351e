import { EntitySchema } from 'typeorm';
import { bigId, str, text, time } from '../../../kernel/db/entity-columns.js';

/** A record of a manual change: who did what to which object, and the details. */
export interface AuditEntry {
    id: number;
    actor: string;
    action: string;
    entityType: string;
    entityId: string | null;
    /** JSON; never holds phone numbers, emails or full card numbers. */
    details: string | null;
    createdAt: Date;
}

/** TypeORM schema of {@link AuditEntry}. */
export const AuditEntryEntity = new EntitySchema<AuditEntry>({
    name: 'RefillAuditEntry',
    tableName: 'refill_audit_log',
    columns: {
        id: bigId(),
        actor: str('actor', 128),
        action: str('action', 64),
        entityType: str('entity_type', 32),
        entityId: str('entity_id', 64, true),
        details: text('details'),
        createdAt: time('created_at'),
    },
    indices: [
        { name: 'IDX_refill_audit_entity', columns: ['entityType', 'entityId'] },
        { name: 'IDX_refill_audit_created', columns: ['createdAt'] },
        { name: 'IDX_refill_audit_actor', columns: ['actor'] },
    ],
});
