/** One line of a basket as the till sends it (quantity in thousandths). */
export interface BasketLine {
    sku: string;
    name: string;
    atc: string | null;
    /** Quantity × 1000, so half a pack is 500. */
    quantityMilli: number;
    /** Line amount in minor units, after the till's own discounts. */
    amount: number;
}

/** Where a line's accrual rate came from. */
export type RateSource = 'sku' | 'category' | 'base';

/** A basket line placed in the catalogue: its category, rate and exclusions. */
export interface ResolvedLine extends BasketLine {
    lineNo: number;
    categoryId: number | null;
    categoryCode: string | null;
    /** Accrual rate in basis points. */
    rateBp: number;
    rateSource: RateSource;
    excludedFromAccrual: boolean;
    excludedFromRedemption: boolean;
    /** Why it is excluded (e.g. `product:excluded_from_accrual`), when it is. */
    exclusionReason: string | null;
}
