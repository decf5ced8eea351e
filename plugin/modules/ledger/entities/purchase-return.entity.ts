import { EntitySchema } from 'typeorm';
import { bigId, bigInt, int, str, jsonText, time } from '../../../kernel/db/entity-columns.js';
import type { Purchase } from './purchase.entity.js';
import type { Store } from '../../admin/index.js';

/** A return of some or all lines of a purchase; `returnId` is its idempotency key. */
export interface PurchaseReturn {
    id: number;
    returnId: string;
    purchaseId: number;
    storeId: number;
    returnedAt: Date;
    /** Money returned to the customer, minor units. */
    amount: number;
    /** Earned bonuses taken back. */
    reversed: number;
    /** Spent bonuses given back as a new lot. */
    refunded: number;
    /** What could not be taken back because it was already spent (recorded as debt or written off). */
    shortfall: number;
    requestHash: string;
    response: string | null;
    createdAt: Date;
    /** The related row, when loaded through TypeORM relations. */
    purchase?: Purchase;
    /** The related row, when loaded through TypeORM relations. */
    store?: Store;
}

/** TypeORM schema of {@link PurchaseReturn}. */
export const PurchaseReturnEntity = new EntitySchema<PurchaseReturn>({
    name: 'RefillPurchaseReturn',
    tableName: 'refill_returns',
    columns: {
        id: bigId(),
        returnId: str('return_id', 64),
        purchaseId: bigInt('purchase_id'),
        storeId: int('store_id'),
        returnedAt: time('returned_at'),
        amount: int('amount'),
        reversed: int('reversed', false, 0),
        refunded: int('refunded', false, 0),
        shortfall: int('shortfall', false, 0),
        requestHash: str('request_hash', 64),
        response: jsonText('response'),
        createdAt: time('created_at'),
    },
    relations: {
        purchase: {
            type: 'many-to-one',
            target: 'RefillPurchase',
            joinColumn: { name: 'purchase_id' },
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
        { name: 'UQ_refill_returns_store_return', columns: ['storeId', 'returnId'], unique: true },
        { name: 'IDX_refill_returns_purchase', columns: ['purchaseId'] },
    ],
});
