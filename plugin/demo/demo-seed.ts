import type { Category, CategoryInput } from '../modules/catalog/index.js';
import type { Refill } from '../refill.js';
import { refillInternals, type RefillInternals } from '../refill-internals.js';
import type { ImportRecord } from '../modules/import/index.js';
import { demoCategoryInputs, demoProductInputs } from './demo-catalog.js';
import { resolveDemoChain, type DemoChain } from './demo-chain.js';
import { demoCustomerHistory } from './demo-history.js';

/** How big a demo chain to generate. */
export interface DemoSeedOptions {
    /** Number of customers. */
    customers: number;
    /** PRNG seed: the same seed gives the same chain. Default 1. */
    seed?: number;
    /** Days of purchase history before today. Default 400. */
    historyDays?: number;
    /** Number of stores (default: about one per 5,000 customers, at least 3). */
    stores?: number;
    /** Called as receipts are written, with customers done and the total. */
    onProgress?: (done: number, total: number) => void;
    /** The moment the history ends (default: the current time). Fix it for reproducible data. */
    now?: Date;
    /** Records per import transaction. Default 1000. */
    batchSize?: number;
}

/** What a seed run wrote. */
export interface DemoSeedSummary {
    stores: number;
    categories: number;
    products: number;
    customers: number;
    /** Receipts imported by this run (receipts already present are skipped). */
    receipts: number;
    /** Lines of the receipts imported by this run. */
    lines: number;
    /** Receipts generated that were already in the database (a second run with the same seed). */
    receiptsSkipped?: number;
    /** Records the importer rejected (none, unless the importer and the generator disagree). */
    rejected?: number;
}

/** Who the audit log shows as the author of demo stores. */
const DEMO_ACTOR = 'demo-seed';

/**
 * Seeds a synthetic pharmacy chain: stores, the demo categories and
 * products, then customers and their purchase history through the history
 * importer. Idempotent: a second run with the same seed, size and `now`
 * finds every store, category, customer and receipt in place and adds nothing.
 */
export async function seedDemoChain(refill: Refill, options: DemoSeedOptions): Promise<DemoSeedSummary> {
    const internals = refillInternals(refill);
    const chain = resolveDemoChain(options);
    const stores = await seedStores(internals, chain);
    const categories = await seedCategories(internals, demoCategoryInputs());
    const products = demoProductInputs();
    await internals.services.catalog.upsertProducts(products);

    const generated = { customers: 0, receipts: 0, lines: 0 };
    function* records(): Generator<ImportRecord> {
        for (let index = 0; index < chain.customers; index++) {
            const { customer, receipts } = demoCustomerHistory(chain, index);
            generated.customers++;
            yield customer;
            for (const r of receipts) {
                generated.receipts++;
                generated.lines += r.lines.length;
                yield r;
            }
        }
    }
    const summary = await internals.services.history.importRecords(records(), {
        batchSize: options.batchSize ?? 1000,
        onProgress: () => options.onProgress?.(generated.customers, chain.customers),
    });
    options.onProgress?.(chain.customers, chain.customers);
    if (summary.rejected) {
        internals.logger.warn(
            { rejected: summary.rejected, errors: summary.errors.slice(0, 5) },
            'demo records rejected',
        );
    }
    const imported = summary.receiptsImported;
    const lines =
        summary.receiptLinesImported ??
        (imported === generated.receipts
            ? generated.lines
            : Math.round((generated.lines * imported) / (generated.receipts || 1)));
    return {
        stores,
        categories,
        products: products.length,
        customers: summary.customersImported,
        receipts: imported,
        lines,
        receiptsSkipped: summary.receiptsSkipped,
        rejected: summary.rejected,
    };
}

/** Creates the chain's stores; leaves stores that are already as generated alone (no audit noise). */
async function seedStores(internals: RefillInternals, chain: DemoChain): Promise<number> {
    const existing = new Map((await internals.services.stores.list()).map((s) => [s.code, s]));
    for (const s of chain.stores) {
        const current = existing.get(s.code);
        if (current?.name === s.name && current.timezone === s.timezone) continue;
        await internals.services.stores.upsert(s.code, s.name, s.timezone, DEMO_ACTOR);
    }
    return chain.stores.length;
}

/** Creates or updates the demo categories; leaves those already defined the same way alone. */
async function seedCategories(internals: RefillInternals, wanted: CategoryInput[]): Promise<number> {
    const { categories, rules } = await internals.repositories.catalog.loadAll();
    const byCode = new Map(categories.map((c) => [c.code, c]));
    const rulesOf = (id: number) =>
        rules
            .filter((r) => r.categoryId === id)
            .map((r) => `${r.kind}:${r.value}`)
            .sort()
            .join(',');
    const changed = wanted.filter((w) => {
        const c = byCode.get(w.code);
        return !c || !sameCategory(c, w) || rulesOf(c.id) !== wantedRules(w);
    });
    if (changed.length) await internals.services.catalog.upsertCategories(changed);
    return wanted.length;
}

function wantedRules(c: CategoryInput): string {
    return [
        ...(c.atcPrefixes ?? []).map((v) => `atc:${v.toUpperCase()}`),
        ...(c.skus ?? []).map((v) => `sku:${v}`),
    ]
        .sort()
        .join(',');
}

function sameCategory(c: Category, w: CategoryInput): boolean {
    return (
        c.name === w.name &&
        c.accrualRateBp === (w.accrualRateBp ?? null) &&
        c.excludedFromAccrual === (w.excludedFromAccrual ?? false) &&
        c.excludedFromRedemption === (w.excludedFromRedemption ?? false) &&
        c.chronic === (w.chronic ?? false) &&
        c.seasonal === (w.seasonal ?? false) &&
        c.refillIntervalDays === (w.refillIntervalDays ?? null) &&
        c.lapseAfterDays === (w.lapseAfterDays ?? null) &&
        c.minPurchases === (w.minPurchases ?? null)
    );
}
