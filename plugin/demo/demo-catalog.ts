import type { CategoryInput, ProductInput } from '../modules/catalog/index.js';
import type { DemoProduct } from './demo-catalog.types.js';
import { DEMO_CHRONIC_GROUPS } from './demo-chronic-groups.js';
import { DEMO_RETAIL_CATEGORIES } from './demo-retail-categories.js';

export { DEMO_CHRONIC_GROUPS } from './demo-chronic-groups.js';
export { DEMO_RETAIL_CATEGORIES } from './demo-retail-categories.js';
export type { DemoChronicGroup, DemoProduct, DemoRetailCategory, DemoSeason } from './demo-catalog.types.js';

/** Purchases in the last year that make a customer a regular buyer of a chronic group. */
export const DEMO_MIN_PURCHASES = 3;

/**
 * The demo categories as Refill defines them: the chronic groups (matched by
 * their ATC prefix, with interval, lapse window and minimum purchases) and
 * the everyday categories (matched by ATC prefixes, and by SKU for goods
 * without an ATC code or placed outside their ATC group).
 */
export function demoCategoryInputs(): CategoryInput[] {
    const chronic = DEMO_CHRONIC_GROUPS.map((g): CategoryInput => ({
        code: g.code,
        name: g.name,
        chronic: true,
        refillIntervalDays: g.intervalDays,
        lapseAfterDays: g.lapseAfterDays,
        minPurchases: DEMO_MIN_PURCHASES,
        atcPrefixes: [g.code],
    }));
    const retail = DEMO_RETAIL_CATEGORIES.map((c): CategoryInput => ({
        code: c.code,
        name: c.name,
        seasonal: c.season !== undefined,
        accrualRateBp: c.accrualRateBp ?? null,
        excludedFromAccrual: c.excludedFromAccrual ?? false,
        excludedFromRedemption: c.excludedFromRedemption ?? false,
        atcPrefixes: [...c.atcPrefixes],
        skus: c.products
            .filter((p) => !p.atc || !c.atcPrefixes.some((prefix) => p.atc?.startsWith(prefix)))
            .map((p) => p.sku),
    }));
    return [...chronic, ...retail];
}

/** Every demo product, chronic groups first. */
export function demoProducts(): DemoProduct[] {
    return [
        ...DEMO_CHRONIC_GROUPS.flatMap((g) => g.products),
        ...DEMO_RETAIL_CATEGORIES.flatMap((c) => c.products),
    ];
}

/** The demo products as Refill imports them. */
export function demoProductInputs(): ProductInput[] {
    return demoProducts().map((p) => ({
        sku: p.sku,
        name: p.name,
        atc: p.atc,
        accrualRateBp: p.accrualRateBp ?? null,
        excludedFromAccrual: p.excludedFromAccrual ?? false,
        excludedFromRedemption: p.excludedFromRedemption ?? false,
        prescriptionOnly: p.prescriptionOnly ?? false,
    }));
}
