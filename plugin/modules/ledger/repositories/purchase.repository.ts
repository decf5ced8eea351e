import type { Database } from '../../../kernel/db/database.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { type SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { PurchaseEntity, type Purchase } from '../entities/purchase.entity.js';
import { PurchaseLineEntity, type PurchaseLine } from '../entities/purchase-line.entity.js';

/** A purchase to insert. */
export type NewPurchase = Omit<Purchase, 'id'>;
/** A purchase line to insert. */
export type NewPurchaseLine = Omit<PurchaseLine, 'id' | 'purchaseId'>;

/** What an imported receipt sets: nothing earned or spent, no stored response (the rest keeps its default). */
const IMPORTED_PURCHASE = [
    'receiptId',
    'customerId',
    'storeId',
    'purchasedAt',
    'totalAmount',
    'source',
    'createdAt',
] as const;
/** What an imported line sets: what was earned, spent and returned keeps its default, 0. */
const IMPORTED_LINE = [
    'purchaseId',
    'lineNo',
    'sku',
    'name',
    'atc',
    'categoryId',
    'quantityMilli',
    'amount',
] as const;

/** A past receipt to import. */
export type ImportedPurchase = Pick<Purchase, Exclude<(typeof IMPORTED_PURCHASE)[number], 'source'>>;
/** A line of a past receipt to import. */
export type ImportedLine = Pick<PurchaseLine, (typeof IMPORTED_LINE)[number]>;

/** A receipt as tills and imports name it: the till's id within its store. */
export interface ReceiptRef {
    storeId: number;
    receiptId: string;
}

/** The key of a receipt in maps: receipt ids are unique per store only. */
export function receiptKey(storeId: number, receiptId: string): string {
    return `${storeId}\u0000${receiptId}`;
}

/** What a return changes on one line: the new running totals. */
export interface LineReturnTotals {
    id: number;
    returnedQuantityMilli: number;
    returnedAmount: number;
    reversedEarned: number;
    refundedRedeemed: number;
}

/** Reads and writes `refill_purchases` and `refill_purchase_lines`. */
export class PurchaseRepository {
    private readonly purchases: EntityRowMapper<Purchase>;
    private readonly lines: EntityRowMapper<PurchaseLine>;

    constructor(db: Database) {
        this.purchases = db.rows(PurchaseEntity);
        this.lines = db.rows(PurchaseLineEntity);
    }

    /** Inserts a purchase; throws a duplicate-key error if its receipt id exists. */
    async insert(tx: SqlExecutor, p: NewPurchase): Promise<number> {
        const shape = this.purchases.insertable;
        return (await tx.run(shape.insert(1), shape.values(p))).insertId;
    }

    /**
     * Inserts past receipts (imports: source `import`, nothing earned or
     * spent, no stored response), up to 1,000 a statement; their ids are read
     * back with {@link idsByReceiptIds}.
     */
    async insertImported(tx: SqlExecutor, purchases: readonly ImportedPurchase[]): Promise<void> {
        const shape = this.purchases.pick(IMPORTED_PURCHASE);
        for (const chunk of sqlDialect.chunks(purchases)) {
            const rows = chunk.map((p) => ({ ...p, source: 'import' }));
            await tx.run(shape.insert(rows.length), shape.valuesOf(rows));
        }
    }

    /**
     * Inserts lines of past receipts (imports), up to 3,000 a statement; the
     * columns of what was earned, spent and returned keep their default, 0.
     */
    async insertImportedLines(tx: SqlExecutor, lines: readonly ImportedLine[]): Promise<void> {
        const shape = this.lines.pick(IMPORTED_LINE);
        for (const chunk of sqlDialect.chunks(lines, 3000))
            await tx.run(shape.insert(chunk.length), shape.valuesOf(chunk));
    }

    /**
     * Ids of the purchases with these receipt ids in their stores (those that
     * exist), by {@link receiptKey}.
     */
    async idsByReceiptIds(
        exec: SqlExecutor | Database,
        refs: readonly ReceiptRef[],
    ): Promise<Map<string, number>> {
        const out = new Map<string, number>();
        const byStore = new Map<number, string[]>();
        for (const r of refs) {
            const list = byStore.get(r.storeId);
            if (list) list.push(r.receiptId);
            else byStore.set(r.storeId, [r.receiptId]);
        }
        for (const [storeId, receiptIds] of byStore)
            for (const chunk of sqlDialect.chunks(receiptIds)) {
                const rows = await exec.all<{ id: unknown; receipt_id: string }>(
                    `SELECT id, receipt_id FROM refill_purchases WHERE store_id = ? AND receipt_id IN (${sqlDialect.inList(chunk.length)})`,
                    [storeId, ...chunk],
                );
                for (const r of rows) out.set(receiptKey(storeId, String(r.receipt_id)), Number(r.id));
            }
        return out;
    }

    /** Inserts the lines of one purchase in one statement. */
    async insertLines(tx: SqlExecutor, purchaseId: number, lines: readonly NewPurchaseLine[]): Promise<void> {
        if (!lines.length) return;
        const shape = this.lines.insertable;
        const rows = lines.map((l) => ({ ...l, purchaseId }));
        await tx.run(shape.insert(rows.length), shape.valuesOf(rows));
    }

    /** A purchase by its store and the till's receipt id. */
    async findByReceiptId(
        exec: SqlExecutor | Database,
        storeId: number,
        receiptId: string,
    ): Promise<Purchase | null> {
        const rows = await exec.all(
            `SELECT ${this.purchases.columns} FROM refill_purchases WHERE store_id = ? AND receipt_id = ?`,
            [storeId, receiptId],
        );
        return rows[0] ? this.purchases.fromRow(rows[0]) : null;
    }

    /** The lines of a purchase, in receipt order. */
    async findLines(exec: SqlExecutor | Database, purchaseId: number): Promise<PurchaseLine[]> {
        const rows = await exec.all(
            `SELECT ${this.lines.columns} FROM refill_purchase_lines WHERE purchase_id = ? ORDER BY line_no`,
            [purchaseId],
        );
        return rows.map((r) => this.lines.fromRow(r));
    }

    /** Writes the new running return totals of several lines. */
    async updateReturnTotals(tx: SqlExecutor, lines: readonly LineReturnTotals[]): Promise<void> {
        for (const l of lines) {
            await tx.run(
                `UPDATE refill_purchase_lines SET returned_quantity_milli = ?, returned_amount = ?, reversed_earned = ?, refunded_redeemed = ? WHERE id = ?`,
                [l.returnedQuantityMilli, l.returnedAmount, l.reversedEarned, l.refundedRedeemed, l.id],
            );
        }
    }
}
