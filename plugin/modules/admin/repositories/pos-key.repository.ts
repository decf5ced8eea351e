import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { PosKeyEntity, type PosKey } from '../entities/pos-key.entity.js';

/** A POS key that is valid, with its store. */
export interface ActivePosKey {
    keyId: number;
    storeId: number;
    storeCode: string;
}

/** A POS key as listed for operators (never the key itself). */
export interface PosKeySummary {
    id: number;
    storeCode: string;
    keyHint: string;
    label: string | null;
    createdAt: Date;
    revokedAt: Date | null;
}

/** Reads and writes `refill_pos_keys`. */
export class PosKeyRepository {
    private readonly keys: EntityRowMapper<PosKey>;

    constructor(private readonly db: Database) {
        this.keys = db.rows(PosKeyEntity);
    }

    /** Stores a new key's hash. */
    async insert(
        tx: SqlExecutor,
        storeId: number,
        keyHash: string,
        keyHint: string,
        label: string | null,
        now: Date,
    ): Promise<number> {
        const shape = this.keys.pick(['storeId', 'keyHash', 'keyHint', 'label', 'createdAt']);
        const { insertId } = await tx.run(
            shape.insert(1),
            shape.values({ storeId, keyHash, keyHint, label, createdAt: now }),
        );
        return insertId;
    }

    /** The unrevoked key with this hash, if any. */
    async findActiveByHash(keyHash: string): Promise<ActivePosKey | null> {
        // Hand-written: a join with the store (a projection).
        const rows = await this.db.all(
            `SELECT k.id, k.store_id, s.code FROM refill_pos_keys k JOIN refill_stores s ON s.id = k.store_id WHERE k.key_hash = ? AND k.revoked_at IS NULL`,
            [keyHash],
        );
        const r = rows[0];
        return r ? { keyId: Number(r.id), storeId: Number(r.store_id), storeCode: String(r.code) } : null;
    }

    /**
     * A stamp that changes whenever a key is revoked (how many are revoked and
     * when the last one was): instances compare it to drop their cached keys.
     */
    async revocationStamp(exec: SqlExecutor | Database): Promise<string> {
        // Hand-written: an aggregate.
        const [row] = await exec.all(
            `SELECT COUNT(revoked_at) AS revoked, MAX(revoked_at) AS latest FROM refill_pos_keys`,
        );
        return `${Number(row?.revoked ?? 0)}@${row?.latest ? this.db.time(row.latest).toISOString() : '-'}`;
    }

    /** Every key, newest first. */
    async list(exec: SqlExecutor | Database): Promise<PosKeySummary[]> {
        // Hand-written: a join with the store (a projection).
        const rows = await exec.all(
            `SELECT k.id, s.code, k.key_hint, k.label, k.created_at, k.revoked_at FROM refill_pos_keys k JOIN refill_stores s ON s.id = k.store_id ORDER BY k.id DESC`,
        );
        return rows.map((r) => ({
            id: Number(r.id),
            storeCode: String(r.code),
            keyHint: String(r.key_hint),
            label: (r.label as string) ?? null,
            createdAt: this.db.time(r.created_at),
            revokedAt: this.db.timeOrNull(r.revoked_at),
        }));
    }

    /** A key by id. */
    async findById(exec: SqlExecutor | Database, id: number): Promise<PosKey | null> {
        const rows = await exec.all(`SELECT ${this.keys.columns} FROM refill_pos_keys WHERE id = ?`, [id]);
        return rows[0] ? this.keys.fromRow(rows[0]) : null;
    }

    /** A store's keys, newest first. */
    async listByStore(exec: SqlExecutor | Database, storeId: number): Promise<PosKey[]> {
        const rows = await exec.all(
            `SELECT ${this.keys.columns} FROM refill_pos_keys WHERE store_id = ? ORDER BY id DESC`,
            [storeId],
        );
        return rows.map((r) => this.keys.fromRow(r));
    }

    /** Records when and from which IP a key was used. */
    async touchUse(exec: SqlExecutor | Database, id: number, at: Date, ip: string): Promise<void> {
        await exec.run(`UPDATE refill_pos_keys SET last_used_at = ?, last_used_ip = ? WHERE id = ?`, [
            toDbTime(at),
            ip.slice(0, 64),
            id,
        ]);
    }

    /** Revokes a key; returns whether it existed and was active. */
    async revoke(tx: SqlExecutor, id: number, now: Date): Promise<boolean> {
        const { affected } = await tx.run(
            `UPDATE refill_pos_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`,
            [toDbTime(now), id],
        );
        return affected > 0;
    }
}
