import { EntitySchema } from 'typeorm';
import { bigInt, int, str, time } from '../../../kernel/db/entity-columns.js';
import type { Customer } from '../../customers/index.js';
import type { Category } from './category.entity.js';

/**
 * What one customer bought of one category, kept in the commit transaction so
 * the daily lapse selection is a range scan on `(category_id, last_at)`.
 * `recentDays` holds the days (since 1970-01-01, UTC) of the latest purchases,
 * newest first, so the count in any window and the customer's own rhythm stay
 * right on any later day without rescanning purchase lines.
 */
export interface CustomerCategoryStat {
    customerId: number;
    categoryId: number;
    firstAt: Date;
    lastAt: Date;
    /** Distinct purchase days, all time. */
    purchaseCount: number;
    totalAmount: number;
    /** Comma-separated epoch days, newest first, at most {@link RECENT_DAYS_KEPT}. */
    recentDays: string;
    /** The related row, when loaded through TypeORM relations. */
    customer?: Customer;
    /** The related row, when loaded through TypeORM relations. */
    category?: Category;
}

/** TypeORM schema of {@link CustomerCategoryStat}. */
export const CustomerCategoryStatEntity = new EntitySchema<CustomerCategoryStat>({
    name: 'RefillCustomerCategoryStat',
    tableName: 'refill_customer_category_stats',
    columns: {
        customerId: { ...bigInt('customer_id'), primary: true },
        categoryId: { ...int('category_id'), primary: true },
        firstAt: time('first_at'),
        lastAt: time('last_at'),
        purchaseCount: int('purchase_count'),
        totalAmount: bigInt('total_amount'),
        recentDays: str('recent_days', 255),
    },
    relations: {
        customer: {
            type: 'many-to-one',
            target: 'RefillCustomer',
            joinColumn: { name: 'customer_id' },
            onDelete: 'RESTRICT',
        },
        category: {
            type: 'many-to-one',
            target: 'RefillCategory',
            joinColumn: { name: 'category_id' },
            onDelete: 'CASCADE',
        },
    },
    indices: [
        {
            name: 'IDX_refill_ccs_category_last_customer',
            columns: ['categoryId', 'lastAt', 'customerId'],
        },
    ],
});
