import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { StoreEntity, type Store } from '../entities/store.entity.js';

/** Reads and writes `refill_stores`. */
export class StoreRepository {
    private readonly stores: EntityRowMapper<Store>;

    constructor(db: Database) {
        this.stores = db.rows(StoreEntity);
    }

    /** A store by its code. */
    async findByCode(exec: SqlExecutor | Database, code: string): Promise<Store | null> {
        const rows = await exec.all(`SELECT ${this.stores.columns} FROM refill_stores WHERE code = ?`, [
            code,
        ]);
        return rows[0] ? this.stores.fromRow(rows[0]) : null;
    }

    /** A store by id. */
    async findById(exec: SqlExecutor | Database, id: number): Promise<Store | null> {
        const rows = await exec.all(`SELECT ${this.stores.columns} FROM refill_stores WHERE id = ?`, [id]);
        return rows[0] ? this.stores.fromRow(rows[0]) : null;
    }

    /** Every store, by code. */
    async list(exec: SqlExecutor | Database): Promise<Store[]> {
        const rows = await exec.all(`SELECT ${this.stores.columns} FROM refill_stores ORDER BY code`);
        return rows.map((r) => this.stores.fromRow(r));
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
        const store = { code, name, timezone, createdAt: now };
        const shape = this.stores.insertable;
        const { insertId } = await tx.run(shape.insert(1), shape.values(store));
        return { id: insertId, ...store };
    }
}
