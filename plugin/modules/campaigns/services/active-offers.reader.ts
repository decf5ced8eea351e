import type { Database } from '../../../kernel/db/database.js';
import type { CatalogService } from '../../catalog/index.js';
import type { ActiveOffersReader, OfferView } from '../../customers/index.js';
import type { OfferRepository } from '../repositories/offer.repository.js';

/** The campaigns' part of a customer's balance answer: their running personal offers. */
export class CampaignOffersReader implements ActiveOffersReader {
    constructor(
        private readonly db: Database,
        private readonly offers: Pick<OfferRepository, 'findActive'>,
        private readonly catalog: Pick<CatalogService, 'categories'>,
    ) {}

    /** Offers of the customer running at `now`, with their category codes. */
    async activeOffers(customerId: number, now: Date): Promise<OfferView[]> {
        const offers = await this.offers.findActive(this.db, customerId, now);
        const categories = new Map((await this.catalog.categories()).map((c) => [c.id, c.code]));
        return offers.map((o) => ({
            id: o.id,
            kind: o.kind,
            category: categories.get(o.categoryId) ?? null,
            multiplier: o.multiplier,
            giftAmount: o.giftAmount,
            startsAt: o.startsAt.toISOString(),
            endsAt: o.endsAt.toISOString(),
            bonusLifetimeDays: o.bonusLifetimeDays,
        }));
    }
}
