/** A personal offer as shown to the till. */
export interface OfferView {
    id: number;
    kind: 'multiplier' | 'gift';
    category: string | null;
    multiplier: number | null;
    giftAmount: number | null;
    startsAt: string;
    endsAt: string;
    /** Lifetime of the bonuses the offer grants, days. */
    bonusLifetimeDays: number;
}

/** A customer's bonuses at one moment, as a balance answer shows them. */
export interface BonusBalance {
    available: number;
    pending: number;
    /** The next dates on which bonuses burn, with the amounts. */
    expiries: Array<{ date: string; amount: number }>;
}

/**
 * The ledger's part of a balance answer. Customers do not know lots; the
 * composition root passes the ledger module's reader.
 */
export interface BonusBalanceReader {
    /** Available and pending bonuses at `now`, and the next expiry dates in `timezone`. */
    balanceOf(customerId: number, now: Date, timezone: string): Promise<BonusBalance>;
}

/**
 * The campaigns' part of a balance answer: the customer's running personal
 * offers, with their category codes. The composition root passes the
 * campaigns module's reader.
 */
export interface ActiveOffersReader {
    /** Offers of the customer running at `now`. */
    activeOffers(customerId: number, now: Date): Promise<OfferView[]>;
}
