import type { DemoProduct, DemoSeason } from './demo-catalog.types.js';
import { DEMO_CHRONIC_GROUPS } from './demo-chronic-groups.js';
import type { DemoRandom } from './demo-random.js';
import { DEMO_RETAIL_CATEGORIES } from './demo-retail-categories.js';

/** What goes into baskets. */
export const BASKET_BEHAVIOUR = {
    /** Weights of 1…5 lines on an occasional visit. */
    occasionalLines: [10, 17, 28, 24, 21],
    /** Weights of 1…5 lines on a refill visit (at least one line per drug group bought). */
    refillLines: [20, 24, 24, 18, 14],
    /** Occasional lines that are a one-off chronic drug (a trial, a neighbour's prescription). */
    oneOffChronic: 0.03,
    /** Weights of 1, 2 and 3 packs of an everyday product. */
    quantity: [85, 12, 3],
} as const;

/** How much a season's goods sell in each month (0 = January), relative to their base weight. */
const SEASON_FACTOR: Record<DemoSeason, readonly number[]> = {
    cold: [2.2, 2.4, 1.8, 1.0, 0.5, 0.35, 0.35, 0.4, 0.9, 1.6, 2.0, 2.2],
    pollen: [0.2, 0.2, 0.5, 2.5, 4.0, 3.5, 2.0, 1.0, 0.6, 0.3, 0.2, 0.2],
};

/** Category weights per month, so a draw needs no allocation. */
const MONTH_WEIGHTS = Array.from({ length: 12 }, (_, month) => {
    const weights = DEMO_RETAIL_CATEGORIES.map(
        (c) => c.weight * (c.season ? SEASON_FACTOR[c.season][month] : 1),
    );
    return { weights, total: weights.reduce((s, w) => s + w, 0) };
});

/** A basket line before it becomes a receipt line. */
export interface DemoBasketLine {
    product: DemoProduct;
    quantity: number;
}

/**
 * Draws an everyday product for a basket in the given month: a category by
 * its seasonal weight, then one of its products (popular ones more often);
 * now and then a one-off chronic drug of a group the customer is not on.
 */
export function drawEverydayLine(
    rng: DemoRandom,
    month: number,
    ownGroups: ReadonlySet<string>,
): DemoBasketLine {
    if (rng.chance(BASKET_BEHAVIOUR.oneOffChronic)) {
        const group = rng.pick(DEMO_CHRONIC_GROUPS);
        if (!ownGroups.has(group.code)) return { product: rng.popular(group.products), quantity: 1 };
    }
    const { weights, total } = MONTH_WEIGHTS[month];
    const product = rng.popular(DEMO_RETAIL_CATEGORIES[rng.weightedIndex(weights, total)].products);
    return { product, quantity: rng.weightedIndex(BASKET_BEHAVIOUR.quantity) + 1 };
}

/**
 * Fills a basket up to `lines` lines with everyday products, skipping SKUs
 * already in it (a till puts one SKU on one line).
 */
export function fillBasket(
    rng: DemoRandom,
    basket: DemoBasketLine[],
    lines: number,
    month: number,
    ownGroups: ReadonlySet<string>,
): DemoBasketLine[] {
    for (let attempts = 0; basket.length < lines && attempts < lines * 4; attempts++) {
        const line = drawEverydayLine(rng, month, ownGroups);
        if (!basket.some((l) => l.product.sku === line.product.sku)) basket.push(line);
    }
    return basket;
}
