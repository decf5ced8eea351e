import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { likeContains } from '../../../kernel/db/like-pattern.js';
import { AdminUserEntity, type AdminUser } from '../entities/admin-user.entity.js';
import { AdminSessionEntity, type AdminSession } from '../entities/admin-session.entity.js';

/** Reads and writes admin users and their sessions. */
export class AdminUserRepository {
    private readonly users: EntityRowMapper<AdminUser>;
    private readonly sessions: EntityRowMapper<AdminSession>;

    constructor(db: Database) {
        this.users = db.rows(AdminUserEntity);
        this.sessions = db.rows(AdminSessionEntity);
    }

    /** A user by username. */
    async findByUsername(exec: SqlExecutor | Database, username: string): Promise<AdminUser | null> {
        const rows = await exec.all(
            `SELECT ${this.users.columns} FROM refill_admin_users WHERE username = ?`,
            [username],
        );
        return rows[0] ? this.users.fromRow(rows[0]) : null;
    }

    /** A user by id. */
    async findById(exec: SqlExecutor | Database, id: number): Promise<AdminUser | null> {
        const rows = await exec.all(`SELECT ${this.users.columns} FROM refill_admin_users WHERE id = ?`, [
            id,
        ]);
        return rows[0] ? this.users.fromRow(rows[0]) : null;
    }

    /**
     * Up to `limit` users with an id above `afterId`, by id; `q` keeps those
     * whose username or display name contains it (case-insensitive).
     */
    async page(
        exec: SqlExecutor | Database,
        filter: { q?: string; afterId?: number },
        limit: number,
    ): Promise<AdminUser[]> {
        const where = ['id > ?'];
        const params: unknown[] = [filter.afterId ?? 0];
        if (filter.q) {
            where.push(`(username LIKE ? ESCAPE '!' OR LOWER(display_name) LIKE ? ESCAPE '!')`);
            params.push(likeContains(filter.q), likeContains(filter.q));
        }
        const rows = await exec.all(
            `SELECT ${this.users.columns} FROM refill_admin_users WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`,
            [...params, limit],
        );
        return rows.map((r) => this.users.fromRow(r));
    }

    /** Changes a user's display name, role or disabled time (the fields `patch` sets). */
    async update(
        tx: SqlExecutor,
        id: number,
        patch: Partial<Pick<AdminUser, 'displayName' | 'role' | 'disabledAt'>>,
    ): Promise<void> {
        const { sets, params } = this.users.assignments(patch, ['displayName', 'role', 'disabledAt']);
        if (sets.length)
            await tx.run(`UPDATE refill_admin_users SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
    }

    /** Every user. */
    async list(exec: SqlExecutor | Database): Promise<AdminUser[]> {
        const rows = await exec.all(`SELECT ${this.users.columns} FROM refill_admin_users ORDER BY username`);
        return rows.map((r) => this.users.fromRow(r));
    }

    /** Creates a user; returns its id. */
    async insert(
        tx: SqlExecutor,
        user: Omit<AdminUser, 'id' | 'disabledAt' | 'lastLoginAt'>,
    ): Promise<number> {
        const shape = this.users.pick(['username', 'passwordHash', 'role', 'displayName', 'createdAt']);
        const { insertId } = await tx.run(shape.insert(1), shape.values(user));
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
        const shape = this.sessions.all;
        await tx.run(shape.insert(1), shape.values(s));
    }

    /** A live session with its (enabled) user, or null. */
    async findSession(
        exec: SqlExecutor | Database,
        id: string,
        now: Date,
    ): Promise<{ session: AdminSession; user: AdminUser } | null> {
        // Hand-written: a join of the session and its person, each under its own prefix.
        const rows = await exec.all(
            `SELECT ${this.sessions.select('s', 's_')}, ${this.users.select('u', 'u_')}
               FROM refill_admin_sessions s JOIN refill_admin_users u ON u.id = s.user_id
              WHERE s.id = ? AND s.expires_at > ? AND u.disabled_at IS NULL`,
            [id, toDbTime(now)],
        );
        const r = rows[0];
        if (!r) return null;
        return { session: this.sessions.all.reader('s_')(r), user: this.users.all.reader('u_')(r) };
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

    /** Ends every session of a user (password change, disabling) but the one kept, if any. */
    async deleteSessionsOf(exec: SqlExecutor | Database, userId: number, keep = ''): Promise<void> {
        await exec.run(`DELETE FROM refill_admin_sessions WHERE user_id = ? AND id <> ?`, [userId, keep]);
    }
}
