import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { AdminTokenEntity, type AdminToken } from '../entities/admin-token.entity.js';

/** A live token with the person it acts for. */
export interface LiveAdminToken extends AdminToken {
    /** The (normalised) username of the token's person, or null for a token of no person. */
    username: string | null;
}

/** Reads and writes `refill_admin_tokens` (hashes only; the token itself is shown once). */
export class AdminTokenRepository {
    private readonly tokens: EntityRowMapper<AdminToken>;

    constructor(private readonly db: Database) {
        this.tokens = db.rows(AdminTokenEntity);
    }

    /** Stores a new token's hash; returns its id. */
    async insert(
        tx: SqlExecutor,
        token: Pick<AdminToken, 'name' | 'tokenHash' | 'role' | 'createdBy' | 'userId'>,
        now: Date,
    ): Promise<number> {
        const shape = this.tokens.pick(['name', 'tokenHash', 'role', 'createdBy', 'userId', 'createdAt']);
        const result = await tx.run(shape.insert(1), shape.values({ ...token, createdAt: now }));
        return result.insertId;
    }

    /** The live (not revoked) token with this hash, with its person; none when that person is disabled. */
    async findLive(hash: string): Promise<LiveAdminToken | null> {
        // Hand-written: a join with the token's person.
        const [r] = await this.db.all(
            `SELECT ${this.tokens.select('t')}, u.username
               FROM refill_admin_tokens t LEFT JOIN refill_admin_users u ON u.id = t.user_id
              WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.user_id IS NULL OR u.disabled_at IS NULL)`,
            [hash],
        );
        if (!r) return null;
        return {
            ...this.tokens.fromRow(r),
            username: r.username === null || r.username === undefined ? null : String(r.username),
        };
    }

    /** The people of every token (live or revoked) ever named `name`. */
    async peopleNamed(name: string): Promise<number[]> {
        const rows = await this.db.all(
            `SELECT DISTINCT user_id FROM refill_admin_tokens WHERE name = ? AND user_id IS NOT NULL`,
            [name],
        );
        return rows.map((r) => Number(r.user_id));
    }

    /** Records a use (at most once a minute per token, to keep reads cheap). */
    async touch(id: number, now: Date): Promise<void> {
        await this.db.run(
            `UPDATE refill_admin_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`,
            [toDbTime(now), id, toDbTime(new Date(now.getTime() - 60_000))],
        );
    }

    /** Revokes a token by name; returns whether one was live. */
    async revoke(tx: SqlExecutor, name: string, now: Date): Promise<boolean> {
        const result = await tx.run(
            `UPDATE refill_admin_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL`,
            [toDbTime(now), name],
        );
        return result.affected > 0;
    }
}
