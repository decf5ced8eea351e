/**
 * The customers module's door: everything other modules and the composition level
 * may use. Nothing else in `plugin/modules/customers/` is imported from outside it
 * (see README.md here and CONTRIBUTING.md).
 */
/** Entity: cards replaced at the store desk (`refill_card_replacements`). */
export { type CardReplacement, CardReplacementEntity } from './entities/card-replacement.entity.js';
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
/** The card's form (`physical`, `virtual`). */
export { CARD_FORMS, CARD_KINDS, type CardForm } from './entities/customer.entity.js';
/** Repository: cards replaced at the store desk. */
export {
    CardReplacementRepository,
    type NewCardReplacement,
} from './repositories/card-replacement.repository.js';
/** Repository: consents and their history. */
export { ConsentRepository } from './repositories/consent.repository.js';
/** Query: the store desk's customer search (by card, phone, e-mail, the start of a name). */
export { CustomerSearchQuery } from './repositories/customer-search.query.js';
/** Repository: customers (profiles, aggregates, balances' row locks). */
export {
    type CustomerProfile,
    CustomerRepository,
    type CustomerState,
} from './repositories/customer.repository.js';
/** Pure rules: consent decisions and purposes. */
export { type ConsentPurpose, consentPurposeOf, CUSTOMER_OPT_OUT_SOURCES } from './rules/consent.rules.js';
/** What a consent is for, as a list (`marketing`, `service`). */
export { CONSENT_PURPOSES } from './rules/consent.rules.js';
/** Pure rule: why a till may not use a card (replaced, blocked). */
export { CARD_REFUSAL_ERRORS, cardRefusal } from './rules/card-refusal.rules.js';
/** Pure rules: the desk's search read as typed, and the search key of names. */
export { classifyCustomerQuery, type CustomerQuery, nameSearchKey } from './rules/customer-query.rules.js';
/** Pure rules: phone numbers and e-mail addresses masked for lists and logs. */
export { maskEmail, maskPhone } from './rules/contact-mask.js';
/** Pure rule: phone numbers in E.164. */
export { normalisePhone } from './rules/phone.js';
/** Ports of the balance answer (the ledger and campaigns implement them) and the offer view. */
export type {
    ActiveOffersReader,
    BonusBalance,
    BonusBalanceReader,
    OfferView,
} from './services/customer-balance.ports.js';
/** Service: the store desk's customer search and customer card. */
export { CustomerCardService } from './services/customer-card.service.js';
/** The desk's views of customers. */
export type { CustomerCard, CustomerSummary } from './services/customer-card.views.js';
/** Service: enrolment, profiles, consents and balance answers. */
export {
    type BalanceView,
    CustomerService,
    type CustomerUpdate,
    type CustomerView,
} from './services/customer.service.js';
/** Service: replaces a customer's card (audited, idempotent by key). */
export {
    type CardReplacementPorts,
    type CardReplacementRequest,
    CardReplacementService,
} from './services/card-replacement.service.js';
/** Service: the store desk's contacts, consents, block and unblock (audited). */
export {
    type CustomerDeskPorts,
    CustomerDeskService,
    type DeskContacts,
} from './services/customer-desk.service.js';
/** The desk actions' answer: the customer's minimal card. */
export { type DeskCustomerView, deskView } from './services/desk-customer.view.js';
/** POS and admin API: customer body schemas. */
export { adminCardParams, cardKindBody, customerBody } from './routes/customer.schemas.js';
/** Admin API: the store desk's customer routes and their table. */
export { adminDeskRoutes, adminDeskRouteTable, type DeskApiServices } from './routes/admin-desk.routes.js';
/** Admin API: the store desk's customer search and card routes, their table and `:cardNumber`. */
export { adminCustomerRoutes, adminCustomerRouteTable } from './routes/admin-customers.routes.js';
export { adminCardNumberParams } from './routes/customer-card.schemas.js';
/** POS API: the card-read rate limit. */
export { posCardReadLimit } from './routes/pos-card-read-limit.js';
/** POS API: customer routes and their table. */
export { posCustomerRoutes, posCustomerRouteTable } from './routes/pos-customers.routes.js';
/** POS API: the unknown-card monitor. */
export { unknownCardMonitor } from './routes/pos-unknown-card-monitor.js';
