import { EntitySchema } from 'typeorm';
import { bigId, bigInt, bool, str, time } from '../../../kernel/db/entity-columns.js';
import type { Customer } from './customer.entity.js';

/** Append-only history of consent changes, kept as proof of consent. */
export interface ConsentEvent {
    id: number;
    customerId: number;
    channel: string;
    granted: boolean;
    changedAt: Date;
    source: string | null;
    recordedAt: Date;
    /** `marketing` or `service`; null for entries recorded before the two were told apart (both). */
    purpose: string | null;
    /** Who changed it at the store desk (`admin:<username>`); null for tills, imports and the customer's replies. */
    actor?: string | null;
    /** Why it was changed at the store desk. */
    reason?: string | null;
    /** The related row, when loaded through TypeORM relations. */
    customer?: Customer;
}

/** TypeORM schema of {@link ConsentEvent}. */
export const ConsentEventEntity = new EntitySchema<ConsentEvent>({
    name: 'RefillConsentEvent',
    tableName: 'refill_consent_events',
    columns: {
        id: bigId(),
        customerId: bigInt('customer_id'),
        channel: str('channel', 16),
        granted: bool('granted'),
        changedAt: time('changed_at'),
        source: str('source', 64, true),
        recordedAt: time('recorded_at'),
        purpose: str('purpose', 12, true),
        actor: str('actor', 128, true),
        reason: str('reason', 500, true),
    },
    relations: {
        customer: {
            type: 'many-to-one',
            target: 'RefillCustomer',
            joinColumn: { name: 'customer_id' },
            onDelete: 'CASCADE',
        },
    },
    indices: [{ name: 'IDX_refill_consent_events_customer', columns: ['customerId', 'channel'] }],
});
