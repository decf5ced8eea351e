import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { AdminUserStoreEntity, type AdminUserStore } from '../entities/admin-user-store.entity.js';

/** Reads and writes which stores managers are bound to (`refill_admin_user_stores`). */
export class AdminUserStoreRepository {
    private readonly links: EntityRowMapper<AdminUserStore>;

    constructor(db: Database) {
        this.links = db.rows(AdminUserStoreEntity);
    }

    /** The store ids of each of `userIds` (users bound to none are absent), ids ascending. */
    async storeIdsOf(
        exec: SqlExecutor | Database,
        userIds: readonly number[],
    ): Promise<Map<number, number[]>> {
        const out = new Map<number, number[]>();
        if (userIds.length === 0) return out;
        const rows = await exec.all(
            `SELECT ${this.links.columns} FROM refill_admin_user_stores WHERE user_id IN (${userIds.map(() => '?').join(', ')}) ORDER BY user_id, store_id`,
            [...userIds],
        );
        for (const link of rows.map((r) => this.links.fromRow(r))) {
            const list = out.get(link.userId) ?? [];
            list.push(link.storeId);
            out.set(link.userId, list);
        }
        return out;
    }

    /** Binds a user to exactly `storeIds` (none: unbound). */
    async replace(tx: SqlExecutor, userId: number, storeIds: readonly number[]): Promise<void> {
        await tx.run(`DELETE FROM refill_admin_user_stores WHERE user_id = ?`, [userId]);
        if (storeIds.length === 0) return;
        const shape = this.links.all;
        await tx.run(
            shape.insert(storeIds.length),
            shape.valuesOf(storeIds.map((storeId) => ({ userId, storeId }))),
        );
    }
}
