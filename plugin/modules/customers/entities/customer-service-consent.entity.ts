import { consentEntitySchema, type CustomerConsent } from './customer-consent.entity.js';

/**
 * The consent of one customer to service messages (bonus expiry, balance,
 * welcome) through one channel, once it has parted from their marketing
 * consent: a STOP reply or an unsubscribe link withdraws marketing only,
 * and a till can set service consent on its own. Without a row the
 * customer's marketing consent of the channel stands for service too.
 */
export type CustomerServiceConsent = CustomerConsent;

/** TypeORM schema of {@link CustomerServiceConsent}. */
export const CustomerServiceConsentEntity = consentEntitySchema(
    'RefillCustomerServiceConsent',
    'refill_customer_service_consents',
);
