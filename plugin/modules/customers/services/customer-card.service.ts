import type { Database } from '../../../kernel/db/database.js';
import Joi from 'joi';
import { decodeCursor, toPage, type Page, type PageRequest } from '../../../kernel/http/page.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import { classifyCustomerQuery } from '../rules/customer-query.rules.js';
import type { CardReplacementRepository } from '../repositories/card-replacement.repository.js';
import type { ConsentRepository } from '../repositories/consent.repository.js';
import type {
    CustomerSearchQuery,
    FoundCustomer,
    SearchAfter,
} from '../repositories/customer-search.query.js';
import {
    consentHistoryViews,
    consentViews,
    customerProfile,
    customerSummary,
    type CustomerCard,
    type CustomerSummary,
} from './customer-card.views.js';

/** A page's key: the last id shown (exact look-ups, newest), or the last name key and id (names). */
const ID_KEY = Joi.array().ordered(Joi.number().integer().min(0).required()).length(1);
const NAME_KEY = Joi.array()
    .ordered(Joi.string().max(255).required(), Joi.number().integer().min(0).required())
    .length(2);

/**
 * The store desk's read side of customers: the search as a person types it
 * and the customer card (profile, contacts, consents with their history,
 * earlier cards). Contacts are answered whole, for staff; nothing here logs them.
 */
export class CustomerCardService {
    constructor(
        private readonly db: Database,
        private readonly search_: Pick<CustomerSearchQuery, 'search' | 'one'>,
        private readonly consents: Pick<ConsentRepository, 'findForCustomer' | 'history'>,
        private readonly replacements: Pick<CardReplacementRepository, 'findByOldCard' | 'forCustomer'>,
        /** The chain's country for phone numbers typed without a country code. */
        private readonly defaultCountry: string,
    ) {}

    /**
     * Customers matching `q` as typed (see `classifyCustomerQuery`): a page
     * in id order for exact look-ups, by name for a name's start, newest
     * first for an empty `q`.
     */
    async search(q: string | undefined, page: PageRequest): Promise<Page<CustomerSummary>> {
        const query = classifyCustomerQuery(q, this.defaultCountry);
        const byName = query.kind === 'name';
        const key = decodeCursor<Array<string | number>>(page.cursor, byName ? NAME_KEY : ID_KEY);
        const after: SearchAfter | null = !key
            ? null
            : byName
              ? { nameSearch: key[0] as string, id: key[1] as number }
              : { id: key[0] as number };
        const rows = await this.search_.search(query, after, page.limit + 1);
        const keyOf = ({ customer: c }: FoundCustomer) => (byName ? [c.nameSearch ?? '', c.id] : [c.id]);
        return toPage(rows, page.limit, keyOf, customerSummary);
    }

    /**
     * The customer card of `cardNumber`; an old card that was replaced leads
     * to its customer, with `replacedBy` saying so.
     */
    async card(cardNumber: string): Promise<CustomerCard> {
        let found = await this.search_.one({ card: cardNumber });
        let replacedBy: CustomerCard['replacedBy'] = null;
        if (!found) {
            const replacement = await this.replacements.findByOldCard(this.db, cardNumber);
            found = replacement ? await this.search_.one({ id: replacement.customerId }) : null;
            if (found && replacement)
                replacedBy = {
                    cardNumber: found.customer.cardNumber,
                    replacedAt: replacement.replacedAt.toISOString(),
                };
        }
        if (!found) throw new RefillError('REFILL_CUSTOMER_NOT_FOUND', 'No customer with this card');
        const id = found.customer.id;
        const [marketing, service, history, previous] = await Promise.all([
            this.consents.findForCustomer(this.db, id, 'marketing'),
            this.consents.findForCustomer(this.db, id, 'service'),
            this.consents.history(this.db, id),
            this.replacements.forCustomer(this.db, id),
        ]);
        return {
            customer: customerProfile(found, previous),
            consents: [...consentViews(marketing, 'marketing'), ...consentViews(service, 'service')],
            consentHistory: consentHistoryViews(history),
            replacedBy,
        };
    }
}
