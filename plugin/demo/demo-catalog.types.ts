/** A product of the demo catalogue. Prices are in kopecks. */
export interface DemoProduct {
    sku: string;
    name: string;
    /** ATC code (WHO), or null for goods that are not medicines. */
    atc: string | null;
    /** Shelf price of one pack, kopecks. */
    price: number;
    /** Days one pack lasts at the usual dosage (chronic groups only). */
    packDays?: number;
    prescriptionOnly?: boolean;
    /** SKU-level accrual override, basis points. */
    accrualRateBp?: number;
    excludedFromAccrual?: boolean;
    excludedFromRedemption?: boolean;
}

/**
 * A chronic drug group: an ATC prefix that patients on long-term therapy
 * buy again and again, with the rhythm lapse detection expects.
 */
export interface DemoChronicGroup {
    /** The ATC prefix; also the category code. */
    code: string;
    name: string;
    /** Typical days between purchases (course, dosage and pack size). */
    intervalDays: number;
    /** Days without a purchase after which a regular buyer counts as lapsed. */
    lapseAfterDays: number;
    /** Relative share of chronic buyers on this group (prevalence). */
    weight: number;
    /** Products, most popular first. */
    products: readonly DemoProduct[];
}

/** When a seasonal category sells most. */
export type DemoSeason = 'cold' | 'pollen';

/** A category of everyday goods bought now and then. */
export interface DemoRetailCategory {
    code: string;
    name: string;
    /** ATC prefixes that place products in the category (none for non-medicines, placed by SKU). */
    atcPrefixes: readonly string[];
    /** Relative share of occasional basket lines. */
    weight: number;
    /** Sells mostly in this season (weight rises in it, falls outside). */
    season?: DemoSeason;
    accrualRateBp?: number;
    excludedFromAccrual?: boolean;
    excludedFromRedemption?: boolean;
    /** Products, most popular first. */
    products: readonly DemoProduct[];
}
