import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import { type Row, type SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { Purchase } from '../entities/purchase.entity.js';
import type { PurchaseLine } from '../entities/purchase-line.entity.js';
import { numOrNull } from '../../../kernel/db/row-mappers.js';

/** A purchase to insert. */
export type NewPurchase = Omit<Purchase, 'id'>;
/** A purchase line to insert. */
export type NewPurchaseLine = Omit<PurchaseLine, 'id' | 'purchaseId'>;

/** A past receipt to import. */
export type ImportedPurchase = Pick<
    Purchase,
    'receiptId' | 'customerId' | 'storeId' | 'purchasedAt' | 'totalAmount' | 'createdAt'
>;
/** A line of a past receipt to import. */
export type ImportedLine = Pick<
    PurchaseLine,
    'purchaseId' | 'lineNo' | 'sku' | 'name' | 'atc' | 'categoryId' | 'quantityMilli' | 'amount'
>;

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

const PURCHASE_COLUMNS =
    'id, receipt_id, customer_id, store_id, purchased_at, total_amount, redeemed, earned, source, request_hash, response, created_at';
const LINE_COLUMNS = [
    'purchase_id',
    'line_no',
    'sku',
    'name',
    'atc',
    'category_id',
    'quantity_milli',
    'amount',
    'redeemed',
    'earned',
    'offer_earned',
    'returned_quantity_milli',
    'returned_amount',
    'reversed_earned',
    'refunded_redeemed',
];

/** Reads and writes `refill_purchases` and `refill_purchase_lines`. */
export class PurchaseRepository {
    constructor(private readonly db: Database) {}

    /** Inserts a purchase; throws a duplicate-key error if its receipt id exists. */
    async insert(tx: SqlExecutor, p: NewPurchase): Promise<number> {
        return (
            await tx.run(
                `INSERT INTO refill_purchases (receipt_id, customer_id, store_id, purchased_at, total_amount, redeemed, earned, source, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
                [
                    p.receiptId,
                    p.customerId,
                    p.storeId,
                    toDbTime(p.purchasedAt),
                    p.totalAmount,
                    p.redeemed,
                    p.earned,
                    p.source,
                    p.requestHash,
                    p.response,
                    toDbTime(p.createdAt),
                ],
            )
        ).insertId;
    }

    /**
     * Inserts past receipts (imports: source `import`, nothing earned or
     * spent, no stored response), up to 1,000 a statement; their ids are read
     * back with {@link idsByReceiptIds}.
     */
    async insertImported(tx: SqlExecutor, purchases: readonly ImportedPurchase[]): Promise<void> {
        for (const chunk of sqlDialect.chunks(purchases)) {
            await tx.run(
                `INSERT INTO refill_purchases (receipt_id, customer_id, store_id, purchased_at, total_amount, source, created_at) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, 7)}`,
                chunk.flatMap((p) => [
                    p.receiptId,
                    p.customerId,
                    p.storeId,
                    toDbTime(p.purchasedAt),
                    p.totalAmount,
                    'import',
                    toDbTime(p.createdAt),
                ]),
            );
        }
    }

    /**
     * Inserts lines of past receipts (imports), up to 3,000 a statement; the
     * columns of what was earned, spent and returned keep their default, 0.
     */
    async insertImportedLines(tx: SqlExecutor, lines: readonly ImportedLine[]): Promise<void> {
        for (const chunk of sqlDialect.chunks(lines, 3000)) {
            await tx.run(
                `INSERT INTO refill_purchase_lines (purchase_id, line_no, sku, name, atc, category_id, quantity_milli, amount) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, 8)}`,
                chunk.flatMap((l) => [
                    l.purchaseId,
                    l.lineNo,
                    l.sku,
                    l.name,
                    l.atc,
                    l.categoryId,
                    l.quantityMilli,
                    l.amount,
                ]),
            );
        }
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
        await tx.run(
            `INSERT INTO refill_purchase_lines (${LINE_COLUMNS.join(', ')}) VALUES ${sqlDialect.valuesPlaceholders(lines.length, LINE_COLUMNS.length)}`,
            lines.flatMap((l) => [
                purchaseId,
                l.lineNo,
                l.sku,
                l.name,
                l.atc,
                l.categoryId,
                l.quantityMilli,
                l.amount,
                l.redeemed,
                l.earned,
                l.offerEarned,
                l.returnedQuantityMilli,
                l.returnedAmount,
                l.reversedEarned,
                l.refundedRedeemed,
            ]),
        );
    }

    /** A purchase by its store and the till's receipt id. */
    async findByReceiptId(
        exec: SqlExecutor | Database,
        storeId: number,
        receiptId: string,
    ): Promise<Purchase | null> {
        const rows = await exec.all(
            `SELECT ${PURCHASE_COLUMNS} FROM refill_purchases WHERE store_id = ? AND receipt_id = ?`,
            [storeId, receiptId],
        );
        return rows[0] ? this.map(rows[0]) : null;
    }

    /** The lines of a purchase, in receipt order. */
    async findLines(exec: SqlExecutor | Database, purchaseId: number): Promise<PurchaseLine[]> {
        const rows = await exec.all(
            `SELECT id, ${LINE_COLUMNS.join(', ')} FROM refill_purchase_lines WHERE purchase_id = ? ORDER BY line_no`,
            [purchaseId],
        );
        return rows.map((r) => ({
            id: Number(r.id),
            purchaseId: Number(r.purchase_id),
            lineNo: Number(r.line_no),
            sku: String(r.sku),
            name: String(r.name),
            atc: (r.atc as string) ?? null,
            categoryId: numOrNull(r.category_id),
            quantityMilli: Number(r.quantity_milli),
            amount: Number(r.amount),
            redeemed: Number(r.redeemed),
            earned: Number(r.earned),
            offerEarned: Number(r.offer_earned),
            returnedQuantityMilli: Number(r.returned_quantity_milli),
            returnedAmount: Number(r.returned_amount),
            reversedEarned: Number(r.reversed_earned),
            refundedRedeemed: Number(r.refunded_redeemed),
        }));
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

    private map(row: Row): Purchase {
        return {
            id: Number(row.id),
            receiptId: String(row.receipt_id),
            customerId: Number(row.customer_id),
            storeId: Number(row.store_id),
            purchasedAt: this.db.time(row.purchased_at),
            totalAmount: Number(row.total_amount),
            redeemed: Number(row.redeemed),
            earned: Number(row.earned),
            source: String(row.source),
            requestHash: (row.request_hash as string) ?? null,
            response: (row.response as string) ?? null,
            createdAt: this.db.time(row.created_at),
        };
    }
}
