import { EntitySchema } from 'typeorm';
import { bigInt, bool, str, time } from '../../../kernel/db/entity-columns.js';
import type { Customer } from './customer.entity.js';

/**
 * The current consent of one customer to marketing through one channel
 * (service messages follow `refill_customer_service_consents`, or this
 * consent where the customer has no service consent of their own).
 */
export interface CustomerConsent {
    customerId: number;
    /** sms, email, push, telegram, viber or whatsapp. */
    channel: string;
    granted: boolean;
    /** When the customer gave or withdrew it. */
    changedAt: Date;
    /** Where it was recorded: a store code, `import`, `admin`. */
    source: string | null;
    /** The related row, when loaded through TypeORM relations. */
    customer?: Customer;
}

/**
 * A table of per-channel consents: one row per customer and channel. The
 * marketing and the service consents are kept in two tables of this shape.
 */
export function consentEntitySchema(name: string, tableName: string): EntitySchema<CustomerConsent> {
    return new EntitySchema<CustomerConsent>({
        name,
        tableName,
        columns: {
            customerId: { ...bigInt('customer_id'), primary: true },
            channel: { ...str('channel', 16), primary: true },
            granted: bool('granted'),
            changedAt: time('changed_at'),
            source: str('source', 64, true),
        },
        relations: {
            customer: {
                type: 'many-to-one',
                target: 'RefillCustomer',
                joinColumn: { name: 'customer_id' },
                onDelete: 'CASCADE',
            },
        },
    });
}

/** TypeORM schema of {@link CustomerConsent}. */
export const CustomerConsentEntity = consentEntitySchema('RefillCustomerConsent', 'refill_customer_consents');
