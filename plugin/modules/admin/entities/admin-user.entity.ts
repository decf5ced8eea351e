import { EntitySchema } from 'typeorm';
import { intId, str, time } from '../../../kernel/db/entity-columns.js';
import type { AdminRole } from '../../../kernel/vocabulary/admin-roles.js';

/** What an admin user may do (the vocabulary's roles, re-exported with the entity). */
export type { AdminRole };

/** A person who signs in to the admin API and UI. */
export interface AdminUser {
    id: number;
    username: string;
    /** scrypt hash (`scrypt$N$r$p$salt$hash`), never the password. */
    passwordHash: string;
    role: AdminRole;
    displayName: string | null;
    createdAt: Date;
    /** Set when the account was disabled; disabled users cannot sign in. */
    disabledAt: Date | null;
    lastLoginAt: Date | null;
}

/** TypeORM schema of {@link AdminUser}. */
export const AdminUserEntity = new EntitySchema<AdminUser>({
    name: 'RefillAdminUser',
    tableName: 'refill_admin_users',
    columns: {
        id: intId(),
        username: str('username', 64),
        passwordHash: str('password_hash', 255),
        role: str('role', 16),
        displayName: str('display_name', 255, true),
        createdAt: time('created_at'),
        disabledAt: time('disabled_at', true),
        lastLoginAt: time('last_login_at', true),
    },
    indices: [{ name: 'UQ_refill_admin_users_username', columns: ['username'], unique: true }],
});
