import type { Database } from '../../../kernel/db/database.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { CatalogService } from '../../catalog/index.js';
import { addDays, type Clock } from '../../../kernel/clock.js';
import type { CustomerRepository } from '../../customers/index.js';
import type { OfferRepository } from '../repositories/offer.repository.js';

/** A personal offer to grant. */
export interface OfferGrant {
    cardNumber: string;
    categoryCode: string;
    kind: 'multiplier' | 'gift';
    /** 3, 5 or 10 (any integer from 2 to 20) for multiplier offers. */
    multiplier?: number;
    /** Bonuses for buying the category, for gift offers. */
    giftAmount?: number;
    /** Gift offers: the category's lines must reach this amount (minor units). */
    minAmount?: number | null;
    /** How long the offer can be used, days. */
    validDays: number;
    /** Lifetime of the bonuses it grants, days (short, to create urgency). */
    bonusLifetimeDays: number;
    campaignId?: number | null;
    startsAt?: Date;
}

/** The repository methods OfferService calls (the composition root passes its repository bag). */
export interface OfferPorts {
    customers: Pick<CustomerRepository, 'lockByCard' | 'setOffersUntil'>;
    offers: Pick<OfferRepository, 'insert'>;
}

/** Grants personal offers (campaigns build on this). */
export class OfferService {
    constructor(
        private readonly db: Database,
        private readonly repos: OfferPorts,
        private readonly catalog: CatalogService,
        private readonly clock: Clock,
    ) {}

    /** Grants an offer to a customer; returns its id. */
    async grant(g: OfferGrant): Promise<number> {
        const category = await this.catalog.categoryByCode(g.categoryCode);
        if (!category) throw new RefillError('REFILL_NOT_FOUND', `No category ${g.categoryCode}`);
        if (
            g.kind === 'multiplier' &&
            !(Number.isInteger(g.multiplier) && g.multiplier! >= 2 && g.multiplier! <= 20)
        )
            throw new RefillError('REFILL_VALIDATION', 'Invalid offer', [
                { path: 'multiplier', message: 'must be 2..20' },
            ]);
        if (g.kind === 'gift' && !(Number.isSafeInteger(g.giftAmount) && g.giftAmount! > 0))
            throw new RefillError('REFILL_VALIDATION', 'Invalid offer', [
                { path: 'giftAmount', message: 'must be positive' },
            ]);
        return this.db.transaction(async (tx) => {
            const now = this.clock();
            const customer = await this.repos.customers.lockByCard(tx, g.cardNumber);
            if (!customer) throw new RefillError('REFILL_CUSTOMER_NOT_FOUND', 'No customer with this card');
            const startsAt = g.startsAt ?? now;
            const endsAt = addDays(startsAt, g.validDays);
            const id = await this.repos.offers.insert(
                tx,
                {
                    customerId: customer.id,
                    campaignId: g.campaignId ?? null,
                    categoryId: category.id,
                    kind: g.kind,
                    multiplier: g.kind === 'multiplier' ? g.multiplier! : null,
                    giftAmount: g.kind === 'gift' ? g.giftAmount! : null,
                    minAmount: g.kind === 'gift' ? (g.minAmount ?? null) : null,
                    bonusLifetimeDays: g.bonusLifetimeDays,
                    startsAt,
                    endsAt,
                },
                now,
            );
            const offersUntil =
                customer.offersUntil && customer.offersUntil > endsAt ? customer.offersUntil : endsAt;
            await this.repos.customers.setOffersUntil(tx, customer.id, offersUntil);
            return id;
        });
    }
}
