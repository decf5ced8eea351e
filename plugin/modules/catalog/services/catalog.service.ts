import type { Database } from '../../../kernel/db/database.js';
import { CatalogSnapshot } from '../rules/catalog-snapshot.js';
import type { Category } from '../entities/category.entity.js';
import type { CatalogRepository, CategoryInput, ProductInput } from '../repositories/catalog.repository.js';
import type { CategoryRebuildService } from './category-rebuild.service.js';
import { addDays, type Clock } from '../../../kernel/clock.js';
import { AtcCatalogueQuery } from '../repositories/atc-catalogue.query.js';
import { normalizeAtcPrefix, type AtcSuggestion } from '../rules/atc-prefix.rules.js';

/** How far back an ATC suggestion counts buyers, days. */
const BUYERS_WINDOW_DAYS = 365;

/**
 * The product catalogue and categories. Keeps an in-memory snapshot for the
 * POS hot path, refreshed after `ttlMs` (other instances' imports show up
 * within that time) and at once after a change made through this instance.
 * A category whose ATC prefixes or SKUs change (or a new one) gets a rebuild
 * of its lines and statistics from the stored history, requested in the same
 * transaction.
 */
export class CatalogService {
    private cached: { snapshot: CatalogSnapshot; categories: Category[]; at: number } | null = null;
    private loading: Promise<CatalogSnapshot> | null = null;
    private readonly atc: AtcCatalogueQuery;

    constructor(
        private readonly db: Database,
        private readonly catalog: CatalogRepository,
        private readonly clock: Clock,
        private readonly ttlMs: number,
        private readonly rebuilds: Pick<CategoryRebuildService, 'requestIn' | 'dispatch'>,
    ) {
        this.atc = new AtcCatalogueQuery(db);
    }

    /** The current catalogue snapshot. */
    async snapshot(): Promise<CatalogSnapshot> {
        const now = Date.now();
        if (this.cached && now - this.cached.at <= this.ttlMs) return this.cached.snapshot;
        this.loading ??= this.catalog
            .loadAll()
            .then(({ products, categories, rules }) => {
                const snapshot = new CatalogSnapshot(products, categories, rules);
                this.cached = { snapshot, categories, at: Date.now() };
                return snapshot;
            })
            .finally(() => {
                this.loading = null;
            });
        return this.loading;
    }

    /** Every category, as of the snapshot. */
    async categories(): Promise<Category[]> {
        await this.snapshot();
        return this.cached?.categories ?? [];
    }

    /** A category by code, as of the snapshot. */
    async categoryByCode(code: string): Promise<Category | null> {
        return (await this.categories()).find((c) => c.code === code) ?? null;
    }

    /**
     * The catalogue's ATC prefixes starting with `text` (any case), for the
     * category editor: each with its products and its buyers of the last 365 days.
     */
    async atcSuggestions(text: string, limit: number): Promise<AtcSuggestion[]> {
        return this.atc.suggest(normalizeAtcPrefix(text), addDays(this.clock(), -BUYERS_WINDOW_DAYS), limit);
    }

    /** Inserts or updates products (by SKU), in batches of 500. */
    async upsertProducts(products: readonly ProductInput[]): Promise<void> {
        for (let i = 0; i < products.length; i += 500) {
            const batch = products.slice(i, i + 500);
            await this.db.transaction((tx) => this.catalog.upsertProducts(tx, batch, this.clock()));
        }
        this.invalidate();
    }

    /** Inserts or updates categories (by code) with their rules; those whose rules changed get rebuilt. */
    async upsertCategories(categories: readonly CategoryInput[]): Promise<number[]> {
        const now = this.clock();
        const { ids, changed } = await this.db.transaction(async (tx) => {
            const saved = { ids: [] as number[], changed: [] as number[] };
            for (const c of categories) {
                const { id, rulesChanged } = await this.catalog.upsertCategory(tx, c, now);
                saved.ids.push(id);
                if (rulesChanged) saved.changed.push(id);
            }
            await this.rebuilds.requestIn(tx, saved.changed, 'remap', now);
            return saved;
        });
        this.invalidate();
        await this.rebuilds.dispatch(changed);
        return ids;
    }

    /** Drops the snapshot so the next call reloads it. */
    invalidate(): void {
        this.cached = null;
    }
}
