import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import type { Row, SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { Store } from '../entities/store.entity.js';

/** Reads and writes `refill_stores`. */
export class StoreRepository {
    constructor(private readonly db: Database) {}

    /** A store by its code. */
    async findByCode(exec: SqlExecutor | Database, code: string): Promise<Store | null> {
        const rows = await exec.all(
            `SELECT id, code, name, timezone, created_at FROM refill_stores WHERE code = ?`,
            [code],
        );
        return rows[0] ? this.map(rows[0]) : null;
    }

    /** A store by id. */
    async findById(exec: SqlExecutor | Database, id: number): Promise<Store | null> {
        const rows = await exec.all(
            `SELECT id, code, name, timezone, created_at FROM refill_stores WHERE id = ?`,
            [id],
        );
        return rows[0] ? this.map(rows[0]) : null;
    }

    /** Every store, by code. */
    async list(exec: SqlExecutor | Database): Promise<Store[]> {
        const rows = await exec.all(
            `SELECT id, code, name, timezone, created_at FROM refill_stores ORDER BY code`,
        );
        return rows.map((r) => this.map(r));
    }

    /** Creates a store, or updates its name and timezone; returns it. */
    async upsert(
        tx: SqlExecutor,
        code: string,
        name: string,
        timezone: string | null,
        now: Date,
    ): Promise<Store> {
        const existing = await this.findByCode(tx, code);
        if (existing) {
            await tx.run(`UPDATE refill_stores SET name = ?, timezone = ? WHERE id = ?`, [
                name,
                timezone,
                existing.id,
            ]);
            return { ...existing, name, timezone };
        }
        const { insertId } = await tx.run(
            `INSERT INTO refill_stores (code, name, timezone, created_at) VALUES (?, ?, ?, ?)`,
            [code, name, timezone, toDbTime(now)],
        );
        return { id: insertId, code, name, timezone, createdAt: now };
    }

    private map(r: Row): Store {
        return {
            id: Number(r.id),
            code: String(r.code),
            name: String(r.name),
            timezone: (r.timezone as string) ?? null,
            createdAt: this.db.time(r.created_at),
        };
    }
}
