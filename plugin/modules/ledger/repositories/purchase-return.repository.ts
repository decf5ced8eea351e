import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { type SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { PurchaseReturnEntity, type PurchaseReturn } from '../entities/purchase-return.entity.js';

/** A return to insert. */
export type NewPurchaseReturn = Omit<PurchaseReturn, 'id'>;

/** Reads and writes `refill_returns`. */
export class PurchaseReturnRepository {
    private readonly returns: EntityRowMapper<PurchaseReturn>;

    constructor(db: Database) {
        this.returns = db.rows(PurchaseReturnEntity);
    }

    /** Inserts a return; throws a duplicate-key error if its return id exists. */
    async insert(tx: SqlExecutor, r: NewPurchaseReturn): Promise<number> {
        const shape = this.returns.insertable;
        return (await tx.run(shape.insert(1), shape.values(r))).insertId;
    }

    /** Stores a return's ledger totals and the response given, for replays. */
    async complete(
        tx: SqlExecutor,
        id: number,
        totals: { reversed: number; refunded: number; shortfall: number },
        response: string,
    ): Promise<void> {
        await tx.run(
            `UPDATE refill_returns SET reversed = ?, refunded = ?, shortfall = ?, response = ? WHERE id = ?`,
            [totals.reversed, totals.refunded, totals.shortfall, response, id],
        );
    }

    /** A return by the store that took it and its till-side id. */
    async findByReturnId(
        exec: SqlExecutor | Database,
        storeId: number,
        returnId: string,
    ): Promise<PurchaseReturn | null> {
        const rows = await exec.all(
            `SELECT ${this.returns.columns} FROM refill_returns WHERE store_id = ? AND return_id = ?`,
            [storeId, returnId],
        );
        return rows[0] ? this.returns.fromRow(rows[0]) : null;
    }
}
