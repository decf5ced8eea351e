import type { Database } from '../db/database.js';
import { toDbTime } from '../db/db-time.js';
import type { SqlExecutor } from '../db/sql-executor.js';
import type { AdminToken } from '../entities/admin-token.entity.js';

/** Reads and writes `refill_admin_tokens` (hashes only; the token itself is shown once). */
export class AdminTokenRepository {
    constructor(private readonly db: Database) {}

    /** Stores a new token's hash; returns its id. */
    async insert(
        tx: SqlExecutor,
        token: Pick<AdminToken, 'name' | 'tokenHash' | 'role' | 'createdBy'>,
        now: Date,
    ): Promise<number> {
        const result = await tx.run(
            `INSERT INTO refill_admin_tokens (name, token_hash, role, created_by, created_at) VALUES (?, ?, ?, ?, ?)`,
            [token.name, token.tokenHash, token.role, token.createdBy, toDbTime(now)],
        );
        return result.insertId;
    }

    /** The live (not revoked) token with this hash. */
    async findLive(hash: string): Promise<AdminToken | null> {
        const [r] = await this.db.all(
            `SELECT id, name, token_hash, role, created_by, created_at, last_used_at, revoked_at FROM refill_admin_tokens WHERE token_hash = ? AND revoked_at IS NULL`,
            [hash],
        );
        if (!r) return null;
        return {
            id: Number(r.id),
            name: String(r.name),
            tokenHash: String(r.token_hash),
            role: String(r.role),
            createdBy: String(r.created_by),
            createdAt: this.db.time(r.created_at),
            lastUsedAt: this.db.timeOrNull(r.last_used_at),
            revokedAt: null,
        };
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
