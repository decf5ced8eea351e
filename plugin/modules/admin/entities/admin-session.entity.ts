import { EntitySchema } from 'typeorm';
import type { AdminUser } from './admin-user.entity.js';
import { int, str, time } from '../../../kernel/db/entity-columns.js';

/** A signed-in admin session. The id is the SHA-256 of the token in the session cookie. */
export interface AdminSession {
    id: string;
    userId: number;
    /** The token state-changing requests must echo in `X-CSRF-Token`. */
    csrfToken: string;
    createdAt: Date;
    expiresAt: Date;
    lastSeenAt: Date;
    /** The related row, when loaded through TypeORM relations. */
    user?: AdminUser;
}

/** TypeORM schema of {@link AdminSession}. */
export const AdminSessionEntity = new EntitySchema<AdminSession>({
    name: 'RefillAdminSession',
    tableName: 'refill_admin_sessions',
    columns: {
        id: { ...str('id', 64), primary: true },
        userId: int('user_id'),
        csrfToken: str('csrf_token', 64),
        createdAt: time('created_at'),
        expiresAt: time('expires_at'),
        lastSeenAt: time('last_seen_at'),
    },
    relations: {
        user: {
            type: 'many-to-one',
            target: 'RefillAdminUser',
            joinColumn: { name: 'user_id' },
            onDelete: 'CASCADE',
        },
    },
    indices: [
        { name: 'IDX_refill_admin_sessions_user', columns: ['userId'] },
        { name: 'IDX_refill_admin_sessions_expires', columns: ['expiresAt'] },
    ],
});
