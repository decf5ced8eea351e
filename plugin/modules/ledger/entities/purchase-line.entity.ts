import { EntitySchema } from 'typeorm';
import { bigId, bigInt, int, str } from '../../../kernel/db/entity-columns.js';
import type { Purchase } from './purchase.entity.js';

/**
 * One line of a receipt, with the category resolved at commit time and what
 * it earned and was paid with, so returns can reverse exactly that.
 */
export interface PurchaseLine {
    id: number;
    purchaseId: number;
    /** Position in the receipt, from 0. */
    lineNo: number;
    sku: string;
    name: string;
    atc: string | null;
    categoryId: number | null;
    /** Quantity in thousandths (1.5 packs = 1500). */
    quantityMilli: number;
    amount: number;
    /** Bonuses that paid for part of this line. */
    redeemed: number;
    /** Bonuses this line earned, offer extra included. */
    earned: number;
    /** The part of `earned` that came from a personal offer. */
    offerEarned: number;
    returnedQuantityMilli: number;
    returnedAmount: number;
    /** Earned bonuses already reversed by returns. */
    reversedEarned: number;
    /** Spent bonuses already given back by returns. */
    refundedRedeemed: number;
    /** The related row, when loaded through TypeORM relations. */
    purchase?: Purchase;
}

/** TypeORM schema of {@link PurchaseLine}. */
export const PurchaseLineEntity = new EntitySchema<PurchaseLine>({
    name: 'RefillPurchaseLine',
    tableName: 'refill_purchase_lines',
    columns: {
        id: bigId(),
        purchaseId: bigInt('purchase_id'),
        lineNo: int('line_no'),
        sku: str('sku', 64),
        name: str('name', 255),
        atc: str('atc', 16, true),
        categoryId: int('category_id', true),
        quantityMilli: int('quantity_milli'),
        amount: int('amount'),
        redeemed: int('redeemed', false, 0),
        earned: int('earned', false, 0),
        offerEarned: int('offer_earned', false, 0),
        returnedQuantityMilli: int('returned_quantity_milli', false, 0),
        returnedAmount: int('returned_amount', false, 0),
        reversedEarned: int('reversed_earned', false, 0),
        refundedRedeemed: int('refunded_redeemed', false, 0),
    },
    relations: {
        purchase: {
            type: 'many-to-one',
            target: 'RefillPurchase',
            joinColumn: { name: 'purchase_id' },
            onDelete: 'CASCADE',
        },
    },
    indices: [
        { name: 'UQ_refill_purchase_lines_line', columns: ['purchaseId', 'lineNo'], unique: true },
        // The category editor's ATC autocomplete: a prefix's lines, then their purchases by key.
        { name: 'IDX_refill_purchase_lines_atc', columns: ['atc', 'purchaseId'] },
    ],
});
