import { EntitySchema } from 'typeorm';
import { bigInt, int, str, time } from '../../../kernel/db/entity-columns.js';

/**
 * A customer's home store: the store where they bought most often in the
 * last 12 months (ties go to the store of the latest purchase), rewritten by
 * the daily `segments-home-stores` job. Customers without a purchase in 12
 * months have no row.
 */
export interface HomeStore {
    customerId: number;
    storeId: number;
    /** Receipts at that store in the 12 months. */
    purchases: number;
    /** The latest of those receipts. */
    lastPurchaseAt: Date;
    /** The chain day (`YYYY-MM-DD`) the row was computed on. */
    computedDay: string;
}

/** TypeORM schema of {@link HomeStore}. */
export const HomeStoreEntity = new EntitySchema<HomeStore>({
    name: 'RefillCustomerHomeStore',
    tableName: 'refill_customer_home_stores',
    columns: {
        customerId: { ...bigInt('customer_id'), primary: true },
        storeId: int('store_id'),
        purchases: int('purchases'),
        lastPurchaseAt: time('last_purchase_at'),
        computedDay: str('computed_day', 10),
    },
    indices: [{ name: 'IDX_refill_customer_home_stores_store', columns: ['storeId'] }],
});
