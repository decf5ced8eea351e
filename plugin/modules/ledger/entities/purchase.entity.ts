import { EntitySchema } from 'typeorm';
import { bigId, bigInt, int, str, jsonText, time } from '../../../kernel/db/entity-columns.js';
import type { Customer } from '../../customers/index.js';
import type { Store } from '../../admin/index.js';

/**
 * A committed sale (a receipt). `receiptId` is the till's id, unique within
 * its store, and the idempotency key: a retry with the same body replays `response`.
 */
export interface Purchase {
    id: number;
    receiptId: string;
    customerId: number;
    storeId: number;
    purchasedAt: Date;
    /** Sum of line amounts, minor units. */
    totalAmount: number;
    /** Bonuses spent on it. */
    redeemed: number;
    /** Bonuses it earned, offers included. */
    earned: number;
    /** `pos` for live sales, `import` for history. */
    source: string;
    /** SHA-256 of the canonical request, to tell a retry from a conflicting reuse of the id. */
    requestHash: string | null;
    /** The JSON response given to the till, replayed on retries. */
    response: string | null;
    createdAt: Date;
    /** The related row, when loaded through TypeORM relations. */
    customer?: Customer;
    /** The related row, when loaded through TypeORM relations. */
    store?: Store;
}

/** TypeORM schema of {@link Purchase}. */
export const PurchaseEntity = new EntitySchema<Purchase>({
    name: 'RefillPurchase',
    tableName: 'refill_purchases',
    columns: {
        id: bigId(),
        receiptId: str('receipt_id', 64),
        customerId: bigInt('customer_id'),
        storeId: int('store_id'),
        purchasedAt: time('purchased_at'),
        totalAmount: int('total_amount'),
        redeemed: int('redeemed', false, 0),
        earned: int('earned', false, 0),
        source: str('source', 8),
        requestHash: str('request_hash', 64, true),
        response: jsonText('response'),
        createdAt: time('created_at'),
    },
    relations: {
        customer: {
            type: 'many-to-one',
            target: 'RefillCustomer',
            joinColumn: { name: 'customer_id' },
            onDelete: 'RESTRICT',
        },
        store: {
            type: 'many-to-one',
            target: 'RefillStore',
            joinColumn: { name: 'store_id' },
            onDelete: 'RESTRICT',
        },
    },
    indices: [
        { name: 'UQ_refill_purchases_store_receipt', columns: ['storeId', 'receiptId'], unique: true },
        { name: 'IDX_refill_purchases_customer', columns: ['customerId', 'purchasedAt'] },
        { name: 'IDX_refill_purchases_store', columns: ['storeId', 'purchasedAt'] },
    ],
});
