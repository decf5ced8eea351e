import { EntitySchema } from 'typeorm';
import { bigInt, bool, str, time } from '../../../kernel/db/entity-columns.js';
import type { CustomerConsent } from './customer-consent.entity.js';

/**
 * The consent of one customer to service messages (bonus expiry, balance,
 * welcome) through one channel, once it has parted from their marketing
 * consent: a STOP reply or an unsubscribe link withdraws marketing only,
 * and a till can set service consent on its own. Without a row the
 * customer's marketing consent of the channel stands for service too.
 */
export type CustomerServiceConsent = CustomerConsent;

/** TypeORM schema of {@link CustomerServiceConsent}. */
export const CustomerServiceConsentEntity = new EntitySchema<CustomerServiceConsent>({
    name: 'RefillCustomerServiceConsent',
    tableName: 'refill_customer_service_consents',
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
