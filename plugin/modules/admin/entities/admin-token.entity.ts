import { EntitySchema } from 'typeorm';
import type { AdminUser } from './admin-user.entity.js';
import { int, intId, str, time } from '../../../kernel/db/entity-columns.js';

/**
 * An API token for the admin API (CRM integrations, scripts): a bearer
 * token with a role, stored as its SHA-256 hash, revocable. It acts for the
 * person it is bound to (`userId`); a token bound to nobody can do what its
 * role allows except vouch as a second person (approving a large send).
 */
export interface AdminToken {
    id: number;
    name: string;
    tokenHash: string;
    role: string;
    createdBy: string;
    /** The admin user the token acts for, or null for a token of no person. */
    userId: number | null;
    createdAt: Date;
    lastUsedAt: Date | null;
    revokedAt: Date | null;
    /** The related row, when loaded through TypeORM relations. */
    user?: AdminUser | null;
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
        userId: int('user_id', true),
        createdAt: time('created_at'),
        lastUsedAt: time('last_used_at', true),
        revokedAt: time('revoked_at', true),
    },
    relations: {
        user: {
            type: 'many-to-one',
            target: 'RefillAdminUser',
            joinColumn: { name: 'user_id' },
            nullable: true,
            onDelete: 'CASCADE',
        },
    },
    indices: [
        { name: 'UQ_refill_admin_tokens_hash', columns: ['tokenHash'], unique: true },
        { name: 'IDX_refill_admin_tokens_user', columns: ['userId'] },
    ],
});
