import type { BasketLine, ResolvedLine } from './basket.js';

/** A catalogue product as the resolver needs it. */
export interface CatalogProduct {
    sku: string;
    atc: string | null;
    accrualRateBp: number | null;
    excludedFromAccrual: boolean;
    excludedFromRedemption: boolean;
}

/** A category as the resolver needs it. */
export interface CatalogCategory {
    id: number;
    code: string;
    accrualRateBp: number | null;
    excludedFromAccrual: boolean;
    excludedFromRedemption: boolean;
}

/** A membership rule: an ATC prefix or an exact SKU. */
export interface CatalogRule {
    categoryId: number;
    kind: 'atc' | 'sku';
    value: string;
}

/**
 * An in-memory picture of the catalogue that places basket lines: finds a
 * line's product, its category (an explicit SKU rule first, then the longest
 * matching ATC prefix, using the product's ATC or, for unknown SKUs, the one
 * the till sent), its accrual rate (SKU over category over base) and its
 * exclusions (product or category flags).
 */
export class CatalogSnapshot {
    private readonly products: Map<string, CatalogProduct>;
    private readonly categories: Map<number, CatalogCategory>;
    private readonly skuRules = new Map<string, number>();
    private readonly atcRules: Array<{ prefix: string; categoryId: number }>;

    constructor(
        products: Iterable<CatalogProduct>,
        categories: Iterable<CatalogCategory>,
        rules: CatalogRule[],
    ) {
        this.products = new Map([...products].map((p) => [p.sku, p]));
        this.categories = new Map([...categories].map((c) => [c.id, c]));
        for (const rule of rules) if (rule.kind === 'sku') this.skuRules.set(rule.value, rule.categoryId);
        this.atcRules = rules
            .filter((r) => r.kind === 'atc')
            .map((r) => ({ prefix: r.value.toUpperCase(), categoryId: r.categoryId }))
            .sort((a, b) => b.prefix.length - a.prefix.length);
    }

    /** A category's code by id. */
    categoryCode(id: number): string | null {
        return this.categories.get(id)?.code ?? null;
    }

    /** The category a SKU/ATC pair belongs to, if any. */
    categoryOf(sku: string, atc: string | null): CatalogCategory | null {
        const bySku = this.skuRules.get(sku);
        if (bySku !== undefined) return this.categories.get(bySku) ?? null;
        const code = (this.products.get(sku)?.atc ?? atc)?.toUpperCase();
        if (!code) return null;
        const rule = this.atcRules.find((r) => code.startsWith(r.prefix));
        return rule ? (this.categories.get(rule.categoryId) ?? null) : null;
    }

    /** Places every line of a basket; `baseRateBp` applies where nothing overrides it. */
    resolve(lines: readonly BasketLine[], baseRateBp: number): ResolvedLine[] {
        return lines.map((line, lineNo) => {
            const product = this.products.get(line.sku);
            const atc = product?.atc ?? line.atc ?? null;
            const category = this.categoryOf(line.sku, atc);
            let rateBp = baseRateBp;
            let rateSource: ResolvedLine['rateSource'] = 'base';
            if (product?.accrualRateBp != null) {
                rateBp = product.accrualRateBp;
                rateSource = 'sku';
            } else if (category?.accrualRateBp != null) {
                rateBp = category.accrualRateBp;
                rateSource = 'category';
            }
            const reasons: string[] = [];
            if (product?.excludedFromAccrual) reasons.push('product:excluded_from_accrual');
            if (category?.excludedFromAccrual) reasons.push('category:excluded_from_accrual');
            if (product?.excludedFromRedemption) reasons.push('product:excluded_from_redemption');
            if (category?.excludedFromRedemption) reasons.push('category:excluded_from_redemption');
            return {
                ...line,
                atc,
                lineNo,
                categoryId: category?.id ?? null,
                categoryCode: category?.code ?? null,
                rateBp,
                rateSource,
                excludedFromAccrual: Boolean(product?.excludedFromAccrual || category?.excludedFromAccrual),
                excludedFromRedemption: Boolean(
                    product?.excludedFromRedemption || category?.excludedFromRedemption,
                ),
                exclusionReason: reasons.length ? reasons.join(',') : null,
            };
        });
    }
}
