/**
 * The customers module's door: everything other modules and the composition level
 * may use. Nothing else in `plugin/modules/customers/` is imported from outside it
 * (see README.md here and CONTRIBUTING.md).
 */
/** Entity: the consent history (`refill_consent_events`). */
export { type ConsentEvent, ConsentEventEntity } from './entities/consent-event.entity.js';
/** Entity: marketing consents (`refill_customer_consents`). */
export { type CustomerConsent, CustomerConsentEntity } from './entities/customer-consent.entity.js';
/** Entity: service consents (`refill_customer_service_consents`). */
export {
    type CustomerServiceConsent,
    CustomerServiceConsentEntity,
} from './entities/customer-service-consent.entity.js';
/** Entity: customers and their card kind (`refill_customers`). */
export { type CardKind, type Customer, CustomerEntity } from './entities/customer.entity.js';
/** Repository: consents and their history. */
export { ConsentRepository } from './repositories/consent.repository.js';
/** Repository: customers (profiles, aggregates, balances' row locks). */
export {
    type CustomerProfile,
    CustomerRepository,
    type CustomerState,
} from './repositories/customer.repository.js';
/** Pure rules: consent decisions and purposes. */
export { type ConsentPurpose, consentPurposeOf, CUSTOMER_OPT_OUT_SOURCES } from './rules/consent.rules.js';
/** Pure rule: phone numbers in E.164. */
export { normalisePhone } from './rules/phone.js';
/** Ports of the balance answer (the ledger and campaigns implement them) and the offer view. */
export type {
    ActiveOffersReader,
    BonusBalance,
    BonusBalanceReader,
    OfferView,
} from './services/customer-balance.ports.js';
/** Service: enrolment, profiles, consents and balance answers. */
export {
    type BalanceView,
    CustomerService,
    type CustomerUpdate,
    type CustomerView,
} from './services/customer.service.js';
/** POS and admin API: customer body schemas. */
export { adminCardParams, cardKindBody, customerBody } from './routes/customer.schemas.js';
/** POS API: the card-read rate limit. */
export { posCardReadLimit } from './routes/pos-card-read-limit.js';
/** POS API: customer routes and their table. */
export { posCustomerRoutes, posCustomerRouteTable } from './routes/pos-customers.routes.js';
/** POS API: the unknown-card monitor. */
export { unknownCardMonitor } from './routes/pos-unknown-card-monitor.js';
