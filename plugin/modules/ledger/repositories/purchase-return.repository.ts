import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { type SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { PurchaseReturn } from '../entities/purchase-return.entity.js';

/** A return to insert. */
export type NewPurchaseReturn = Omit<PurchaseReturn, 'id'>;

/** Reads and writes `refill_returns`. */
export class PurchaseReturnRepository {
    constructor(private readonly db: Database) {}

    /** Inserts a return; throws a duplicate-key error if its return id exists. */
    async insert(tx: SqlExecutor, r: NewPurchaseReturn): Promise<number> {
        return (
            await tx.run(
                `INSERT INTO refill_returns (return_id, purchase_id, store_id, returned_at, amount, reversed, refunded, shortfall, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
                [
                    r.returnId,
                    r.purchaseId,
                    r.storeId,
                    toDbTime(r.returnedAt),
                    r.amount,
                    r.reversed,
                    r.refunded,
                    r.shortfall,
                    r.requestHash,
                    r.response,
                    toDbTime(r.createdAt),
                ],
            )
        ).insertId;
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
            `SELECT id, return_id, purchase_id, store_id, returned_at, amount, reversed, refunded, shortfall, request_hash, response, created_at FROM refill_returns WHERE store_id = ? AND return_id = ?`,
            [storeId, returnId],
        );
        const r = rows[0];
        if (!r) return null;
        return {
            id: Number(r.id),
            returnId: String(r.return_id),
            purchaseId: Number(r.purchase_id),
            storeId: Number(r.store_id),
            returnedAt: this.db.time(r.returned_at),
            amount: Number(r.amount),
            reversed: Number(r.reversed),
            refunded: Number(r.refunded),
            shortfall: Number(r.shortfall),
            requestHash: String(r.request_hash),
            response: (r.response as string) ?? null,
            createdAt: this.db.time(r.created_at),
        };
    }
}
