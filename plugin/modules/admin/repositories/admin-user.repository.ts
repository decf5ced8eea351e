import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import type { Row, SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { AdminRole, AdminUser } from '../entities/admin-user.entity.js';
import type { AdminSession } from '../entities/admin-session.entity.js';

const USER_COLUMNS =
    'id, username, password_hash, role, display_name, created_at, disabled_at, last_login_at';

/** Reads and writes admin users and their sessions. */
export class AdminUserRepository {
    constructor(private readonly db: Database) {}

    private mapUser(r: Row, prefix = ''): AdminUser {
        return {
            id: Number(r[`${prefix}id`]),
            username: String(r[`${prefix}username`]),
            passwordHash: String(r[`${prefix}password_hash`]),
            role: r[`${prefix}role`] as AdminRole,
            displayName: (r[`${prefix}display_name`] as string) ?? null,
            createdAt: this.db.time(r[`${prefix}created_at`]),
            disabledAt: this.db.timeOrNull(r[`${prefix}disabled_at`]),
            lastLoginAt: this.db.timeOrNull(r[`${prefix}last_login_at`]),
        };
    }

    /** A user by username. */
    async findByUsername(exec: SqlExecutor | Database, username: string): Promise<AdminUser | null> {
        const rows = await exec.all(`SELECT ${USER_COLUMNS} FROM refill_admin_users WHERE username = ?`, [
            username,
        ]);
        return rows[0] ? this.mapUser(rows[0]) : null;
    }

    /** Every user. */
    async list(exec: SqlExecutor | Database): Promise<AdminUser[]> {
        const rows = await exec.all(`SELECT ${USER_COLUMNS} FROM refill_admin_users ORDER BY username`);
        return rows.map((r) => this.mapUser(r));
    }

    /** Creates a user; returns its id. */
    async insert(
        tx: SqlExecutor,
        user: Omit<AdminUser, 'id' | 'disabledAt' | 'lastLoginAt'>,
    ): Promise<number> {
        const { insertId } = await tx.run(
            `INSERT INTO refill_admin_users (username, password_hash, role, display_name, created_at) VALUES (?, ?, ?, ?, ?)`,
            [user.username, user.passwordHash, user.role, user.displayName, toDbTime(user.createdAt)],
        );
        return insertId;
    }

    /** Sets a user's password hash. */
    async setPassword(tx: SqlExecutor, id: number, passwordHash: string): Promise<void> {
        await tx.run(`UPDATE refill_admin_users SET password_hash = ? WHERE id = ?`, [passwordHash, id]);
    }

    /** Records a successful sign-in. */
    async touchLogin(tx: SqlExecutor, id: number, at: Date): Promise<void> {
        await tx.run(`UPDATE refill_admin_users SET last_login_at = ? WHERE id = ?`, [toDbTime(at), id]);
    }

    /** Stores a new session. */
    async insertSession(tx: SqlExecutor, s: AdminSession): Promise<void> {
        await tx.run(
            `INSERT INTO refill_admin_sessions (id, user_id, csrf_token, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)`,
            [
                s.id,
                s.userId,
                s.csrfToken,
                toDbTime(s.createdAt),
                toDbTime(s.expiresAt),
                toDbTime(s.lastSeenAt),
            ],
        );
    }

    /** A live session with its (enabled) user, or null. */
    async findSession(
        exec: SqlExecutor | Database,
        id: string,
        now: Date,
    ): Promise<{ session: AdminSession; user: AdminUser } | null> {
        const rows = await exec.all(
            `SELECT s.id AS s_id, s.user_id, s.csrf_token, s.created_at AS s_created_at, s.expires_at, s.last_seen_at,
                    u.id AS u_id, u.username AS u_username, u.password_hash AS u_password_hash, u.role AS u_role,
                    u.display_name AS u_display_name, u.created_at AS u_created_at, u.disabled_at AS u_disabled_at,
                    u.last_login_at AS u_last_login_at
               FROM refill_admin_sessions s JOIN refill_admin_users u ON u.id = s.user_id
              WHERE s.id = ? AND s.expires_at > ? AND u.disabled_at IS NULL`,
            [id, toDbTime(now)],
        );
        const r = rows[0];
        if (!r) return null;
        return {
            session: {
                id: String(r.s_id),
                userId: Number(r.user_id),
                csrfToken: String(r.csrf_token),
                createdAt: this.db.time(r.s_created_at),
                expiresAt: this.db.time(r.expires_at),
                lastSeenAt: this.db.time(r.last_seen_at),
            },
            user: this.mapUser(r, 'u_'),
        };
    }

    /** Extends a session (sliding expiry). */
    async touchSession(
        exec: SqlExecutor | Database,
        id: string,
        seenAt: Date,
        expiresAt: Date,
    ): Promise<void> {
        await exec.run(`UPDATE refill_admin_sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?`, [
            toDbTime(seenAt),
            toDbTime(expiresAt),
            id,
        ]);
    }

    /** Ends a session. */
    async deleteSession(exec: SqlExecutor | Database, id: string): Promise<void> {
        await exec.run(`DELETE FROM refill_admin_sessions WHERE id = ?`, [id]);
    }

    /** Ends every session of a user (password change, disabling). */
    async deleteSessionsOf(exec: SqlExecutor | Database, userId: number): Promise<void> {
        await exec.run(`DELETE FROM refill_admin_sessions WHERE user_id = ?`, [userId]);
    }
}
