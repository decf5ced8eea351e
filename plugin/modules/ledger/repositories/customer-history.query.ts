import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import { LedgerEntryEntity, type LedgerEntry } from '../entities/ledger-entry.entity.js';
import { PurchaseEntity, type Purchase } from '../entities/purchase.entity.js';
import { PurchaseLineEntity, type PurchaseLine } from '../entities/purchase-line.entity.js';
import { PurchaseReturnEntity, type PurchaseReturn } from '../entities/purchase-return.entity.js';

/** A receipt with its store's code. */
export type StoredReceipt = Purchase & { storeCode: string };

/**
 * A customer's history as the store desk reads it, page by page through
 * the customer's indexes: ledger entries newest first (by id), receipts
 * newest first (by purchase time, then id), with their lines and returns,
 * and the till's ids behind entries' references.
 */
export class CustomerHistoryQuery {
    private readonly entries: EntityRowMapper<LedgerEntry>;
    private readonly purchases: EntityRowMapper<Purchase>;
    private readonly lines: EntityRowMapper<PurchaseLine>;
    private readonly returns: EntityRowMapper<PurchaseReturn>;

    constructor(private readonly db: Database) {
        this.entries = db.rows(LedgerEntryEntity);
        this.purchases = db.rows(PurchaseEntity);
        this.lines = db.rows(PurchaseLineEntity);
        this.returns = db.rows(PurchaseReturnEntity);
    }

    /** Up to `limit` of the customer's entries with an id below `beforeId`, newest first. */
    async entriesPage(customerId: number, beforeId: number | null, limit: number): Promise<LedgerEntry[]> {
        const rows = await this.db.all(
            `SELECT ${this.entries.columns} FROM refill_ledger_entries WHERE customer_id = ?${beforeId === null ? '' : ' AND id < ?'} ORDER BY id DESC LIMIT ${Math.floor(limit)}`,
            beforeId === null ? [customerId] : [customerId, beforeId],
        );
        return rows.map((r) => this.entries.fromRow(r));
    }

    /** Up to `limit` of the customer's receipts before (`purchasedAt`, `id`), newest first. */
    async receiptsPage(
        customerId: number,
        before: { purchasedAt: Date; id: number } | null,
        limit: number,
    ): Promise<StoredReceipt[]> {
        const t = before ? toDbTime(before.purchasedAt) : null;
        // Hand-written: a join for the store code, and a keyset on two columns.
        const rows = await this.db.all(
            `SELECT ${this.purchases.select('p')}, s.code AS store_code FROM refill_purchases p JOIN refill_stores s ON s.id = p.store_id WHERE p.customer_id = ?${before ? ' AND (p.purchased_at < ? OR (p.purchased_at = ? AND p.id < ?))' : ''} ORDER BY p.purchased_at DESC, p.id DESC LIMIT ${Math.floor(limit)}`,
            before ? [customerId, t, t, before.id] : [customerId],
        );
        return rows.map((r) => ({ ...this.purchases.fromRow(r), storeCode: String(r.store_code) }));
    }

    /** The lines of these purchases, in receipt order. */
    async linesOf(purchaseIds: readonly number[]): Promise<PurchaseLine[]> {
        return this.byIds(
            this.lines,
            'refill_purchase_lines',
            'purchase_id',
            purchaseIds,
            'purchase_id, line_no',
        );
    }

    /** The returns of these purchases, oldest first. */
    async returnsOf(purchaseIds: readonly number[]): Promise<PurchaseReturn[]> {
        return this.byIds(this.returns, 'refill_returns', 'purchase_id', purchaseIds, 'returned_at, id');
    }

    /** The till's receipt ids of these purchases, by purchase id. */
    async receiptIds(purchaseIds: readonly number[]): Promise<Map<number, string>> {
        const out = new Map<number, string>();
        for (const chunk of sqlDialect.chunks([...new Set(purchaseIds)])) {
            if (!chunk.length) continue;
            const rows = await this.db.all<{ id: unknown; receipt_id: unknown }>(
                `SELECT id, receipt_id FROM refill_purchases WHERE id IN (${sqlDialect.inList(chunk.length)})`,
                chunk,
            );
            for (const r of rows) out.set(Number(r.id), String(r.receipt_id));
        }
        return out;
    }

    /** Returns by id, with their purchases' ids. */
    async returnsById(returnIds: readonly number[]): Promise<PurchaseReturn[]> {
        return this.byIds(this.returns, 'refill_returns', 'id', [...new Set(returnIds)], 'id');
    }

    private async byIds<T extends object>(
        mapper: EntityRowMapper<T>,
        table: string,
        column: string,
        ids: readonly number[],
        order: string,
    ): Promise<T[]> {
        const out: T[] = [];
        for (const chunk of sqlDialect.chunks(ids)) {
            if (!chunk.length) continue;
            const rows = await this.db.all(
                `SELECT ${mapper.columns} FROM ${table} WHERE ${column} IN (${sqlDialect.inList(chunk.length)}) ORDER BY ${order}`,
                chunk,
            );
            for (const r of rows) out.push(mapper.fromRow(r));
        }
        return out;
    }
}
