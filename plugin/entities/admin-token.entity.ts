import { EntitySchema } from 'typeorm';
import { intId, str, time } from './entity-columns.js';

/**
 * An API token for the admin API (CRM integrations, scripts): a bearer
 * token with a role, stored as its SHA-256 hash, revocable.
 */
export interface AdminToken {
    id: number;
    name: string;
    tokenHash: string;
    role: string;
    createdBy: string;
    createdAt: Date;
    lastUsedAt: Date | null;
    revokedAt: Date | null;
}

/** TypeORM schema of {@link AdminToken}. */
export const AdminTokenEntity = new EntitySchema<AdminToken>({
    name: 'RefillAdminToken',
    tableName: 'refill_admin_tokens',
    columns: {
        id: intId(),
        name: str('name', 128),
        tokenHash: str('token_hash', 64),
        role: str('role', 16),
        createdBy: str('created_by', 128),
        createdAt: time('created_at'),
        lastUsedAt: time('last_used_at', true),
        revokedAt: time('revoked_at', true),
    },
    indices: [{ name: 'UQ_refill_admin_tokens_hash', columns: ['tokenHash'], unique: true }],
});
