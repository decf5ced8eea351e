import { EntitySchema } from 'typeorm';
import { bigId, bigInt, str } from '../../../kernel/db/entity-columns.js';
import type { LifecycleSegment } from '../../../kernel/vocabulary/lifecycle-segments.js';

/**
 * One move of a customer between lifecycle segments, recorded by the daily
 * job: at most one per customer and day (the unique key is what makes a
 * rerun of the day record nothing twice). The flows report counts these.
 */
export interface LifecycleTransitionRecord {
    id: number;
    customerId: number;
    /** The segment they left; null on their first classification. */
    fromSegment: LifecycleSegment | null;
    toSegment: LifecycleSegment;
    /** The chain-local day of the classification, `YYYY-MM-DD`. */
    day: string;
}

/** TypeORM schema of {@link LifecycleTransitionRecord}. */
export const LifecycleTransitionEntity = new EntitySchema<LifecycleTransitionRecord>({
    name: 'RefillLifecycleTransition',
    tableName: 'refill_lifecycle_transitions',
    columns: {
        id: bigId(),
        customerId: bigInt('customer_id'),
        fromSegment: str('from_segment', 12, true),
        toSegment: str('to_segment', 12),
        day: str('day', 10),
    },
    indices: [
        {
            name: 'UQ_refill_lifecycle_transitions_customer_day',
            columns: ['customerId', 'day'],
            unique: true,
        },
        { name: 'IDX_refill_lifecycle_transitions_day', columns: ['day'] },
        { name: 'IDX_refill_lifecycle_transitions_to', columns: ['toSegment', 'day'] },
    ],
});
