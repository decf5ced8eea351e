import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { Customer, CustomerRepository } from '../../customers/index.js';
import type { CustomerCampaignsQuery, CustomerOffer } from '../repositories/customer-campaigns.query.js';

/** A personal offer as the desk shows it. */
export interface CustomerOfferView {
    id: number;
    campaignId: number | null;
    campaignName: string | null;
    kind: 'multiplier' | 'gift';
    /** The multiplier (3 for 3x), or the gift in bonuses. */
    value: number;
    status: 'active' | 'used' | 'expired';
    validFrom: string;
    validUntil: string;
    usedAt: string | null;
}

/** A campaign membership as the desk shows it. */
export interface CustomerMembershipView {
    campaignId: number;
    campaignName: string;
    group: 'test' | 'control';
    assignedAt: string;
    /** The campaign's status: draft, scheduled, active, paused, finished. */
    status: string;
}

/** The store desk's read of a customer's personal offers and campaign memberships. */
export class CustomerCampaignsService {
    constructor(
        private readonly db: Database,
        private readonly customers: Pick<CustomerRepository, 'findByCard'>,
        private readonly query: Pick<CustomerCampaignsQuery, 'offersOf' | 'membershipsOf'>,
        private readonly clock: Clock,
    ) {}

    /** Every personal offer of the customer, newest first, with its state as of now. */
    async offers(cardNumber: string): Promise<{ data: CustomerOfferView[] }> {
        const customer = await this.customer(cardNumber);
        const now = this.clock();
        return { data: (await this.query.offersOf(customer.id)).map((o) => offerView(o, now)) };
    }

    /** Every campaign the customer was assigned to, latest first, with their group. */
    async memberships(cardNumber: string): Promise<{ data: CustomerMembershipView[] }> {
        const customer = await this.customer(cardNumber);
        return {
            data: (await this.query.membershipsOf(customer.id)).map((m) => ({
                campaignId: m.campaignId,
                campaignName: m.campaignName,
                group: m.group,
                assignedAt: m.assignedAt.toISOString(),
                status: m.campaignStatus,
            })),
        };
    }

    private async customer(cardNumber: string): Promise<Customer> {
        const customer = await this.customers.findByCard(this.db, cardNumber);
        if (!customer) throw new RefillError('REFILL_CUSTOMER_NOT_FOUND', 'No customer with this card');
        return customer;
    }
}

/** An offer as of `now`: used once a purchase redeemed it; expired past its end or once cancelled. */
function offerView(o: CustomerOffer, now: Date): CustomerOfferView {
    const status =
        o.status === 'redeemed' ? 'used' : o.status === 'active' && o.endsAt > now ? 'active' : 'expired';
    return {
        id: o.id,
        campaignId: o.campaignId,
        campaignName: o.campaignName,
        kind: o.kind,
        value: (o.kind === 'multiplier' ? o.multiplier : o.giftAmount) ?? 0,
        status,
        validFrom: o.startsAt.toISOString(),
        validUntil: o.endsAt.toISOString(),
        usedAt: o.usedAt?.toISOString() ?? null,
    };
}
