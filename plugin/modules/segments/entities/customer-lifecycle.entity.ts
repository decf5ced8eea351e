import { EntitySchema } from 'typeorm';
import { bigInt, str, time } from '../../../kernel/db/entity-columns.js';
import type { LifecycleSegment } from '../../../kernel/vocabulary/lifecycle-segments.js';

/**
 * A customer's current lifecycle segment, kept by the `segments-daily` job:
 * one row per classified customer. Custom segment rules and audiences read
 * (customer_id, segment) through the (segment, customer_id) index.
 */
export interface CustomerLifecycle {
    customerId: number;
    /** One of LIFECYCLE_SEGMENTS. */
    segment: LifecycleSegment;
    /** The chain-local day they entered the segment, `YYYY-MM-DD`. */
    sinceDay: string;
    /** The chain-local day of the last classification, `YYYY-MM-DD` (a rerun that day skips them). */
    classifiedDay: string;
    updatedAt: Date;
}

/** TypeORM schema of {@link CustomerLifecycle}. */
export const CustomerLifecycleEntity = new EntitySchema<CustomerLifecycle>({
    name: 'RefillCustomerLifecycle',
    tableName: 'refill_customer_lifecycle',
    columns: {
        customerId: { ...bigInt('customer_id'), primary: true },
        segment: str('segment', 12),
        sinceDay: str('since_day', 10),
        classifiedDay: str('classified_day', 10),
        updatedAt: time('updated_at'),
    },
    indices: [{ name: 'IDX_refill_customer_lifecycle_segment', columns: ['segment', 'customerId'] }],
});
