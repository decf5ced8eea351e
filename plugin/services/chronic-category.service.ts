import type { Database } from '../db/database.js';
import { isDuplicateKeyError } from '../db/db-errors.js';
import type { SqlExecutor } from '../db/sql-executor.js';
import { toDbTime } from '../db/db-time.js';
import type { Category } from '../entities/category.entity.js';
import { RefillError } from '../errors/refill-error.js';
import type { CategoryInput } from '../repositories/catalog.repository.js';
import type { CatalogService } from './catalog.service.js';
import { addDays, type Clock } from './clock.js';
import type { Repositories } from './repositories.js';

/** A category as the admin API shows it, with its rules and its reach. */
export interface CategoryView {
    code: string;
    name: string;
    chronic: boolean;
    active: boolean;
    atcPrefixes: string[];
    skus: string[];
    refillIntervalDays: number | null;
    lapseAfterDays: number | null;
    minPurchases: number | null;
    seasonalMonths: number[];
    marginPct: number | null;
    publicLabel: string | null;
    accrualRateBp: number | null;
    excludedFromAccrual: boolean;
    excludedFromRedemption: boolean;
    /** Buyers and net revenue over the last 365 days, and buyers lapsed today by the category's threshold. */
    reach: { buyers: number; revenue: number; lapsedBuyers: number } | null;
}

const REACH_TTL_MS = 10 * 60_000;

/**
 * Chronic categories for campaigns: ATC prefixes and/or SKU lists with the
 * refill interval, lapse threshold, minimum purchases, seasonal months and
 * activity; each shown with its reach so a marketer can pick the top ones.
 * Every change is audited.
 */
export class ChronicCategoryService {
    private reachCache: { at: number; byCategory: Map<number, { buyers: number; revenue: number }> } | null =
        null;

    constructor(
        private readonly db: Database,
        private readonly repos: Repositories,
        private readonly catalog: CatalogService,
        private readonly clock: Clock,
    ) {}

    /** Every category (chronic ones first), optionally with reach, biggest revenue first. */
    async list(withReach = true): Promise<CategoryView[]> {
        const categories = await this.catalog.categories();
        const rules = await this.repos.catalog.listRules(this.db);
        const reach = withReach ? await this.reach() : null;
        const views = [];
        for (const c of categories) views.push(await this.view(c, rules, reach));
        return views.sort(
            (a, b) =>
                Number(b.chronic) - Number(a.chronic) ||
                (b.reach?.revenue ?? 0) - (a.reach?.revenue ?? 0) ||
                a.code.localeCompare(b.code),
        );
    }

    /** One category. */
    async get(code: string): Promise<CategoryView> {
        const category = await this.catalog.categoryByCode(code);
        if (!category) throw new RefillError('REFILL_NOT_FOUND', `No category ${code}`);
        return this.view(category, await this.repos.catalog.listRules(this.db), await this.reach());
    }

    /** Creates or changes a category (by code), audited. */
    async upsert(input: CategoryInput, actor: string): Promise<CategoryView> {
        if (!input.atcPrefixes?.length && !input.skus?.length)
            throw new RefillError('REFILL_VALIDATION', 'Invalid category', [
                { path: 'atcPrefixes', message: 'give ATC prefixes, SKUs or both' },
            ]);
        await this.db
            .transaction(async (tx) => {
                await this.assertRulesFree(tx, input);
                const now = this.clock();
                const id = await this.repos.catalog.upsertCategory(tx, input, now);
                await this.repos.audit.append(
                    tx,
                    {
                        actor,
                        action: 'category.upsert',
                        entityType: 'category',
                        entityId: String(id),
                        details: { ...input },
                    },
                    now,
                );
            })
            .catch((error: unknown) => {
                // Two saves raced past the check (or the index compares case-insensitively).
                if (isDuplicateKeyError(error))
                    throw new RefillError(
                        'REFILL_CONFLICT',
                        'An ATC prefix or SKU of this category belongs to another category',
                    );
                throw error;
            });
        this.catalog.invalidate();
        return this.get(input.code);
    }

    /**
     * Refuses (409, nothing written) ATC prefixes or SKUs that another
     * category holds: each belongs to one category (a unique index), so the
     * insert would fail.
     */
    private async assertRulesFree(tx: SqlExecutor, input: CategoryInput): Promise<void> {
        const wanted = [
            ...(input.atcPrefixes ?? []).map((value, i) => ({
                kind: 'atc' as const,
                value: value.toUpperCase(),
                path: `atcPrefixes[${i}]`,
            })),
            ...(input.skus ?? []).map((value, i) => ({ kind: 'sku' as const, value, path: `skus[${i}]` })),
        ];
        const taken = (await this.repos.catalog.ruleOwners(tx, wanted)).filter(
            (o) => o.categoryCode !== input.code,
        );
        if (!taken.length) return;
        const details = wanted.flatMap((w) => {
            const owner = taken.find(
                (o) => o.kind === w.kind && o.value.toUpperCase() === w.value.toUpperCase(),
            );
            return owner
                ? [
                      {
                          path: w.path,
                          message: `already belongs to category ${owner.categoryCode}`,
                          category: owner.categoryCode,
                      },
                  ]
                : [];
        });
        throw new RefillError('REFILL_CONFLICT', 'An ATC prefix or SKU belongs to another category', details);
    }

    private async view(
        c: Category,
        rules: Awaited<ReturnType<Repositories['catalog']['listRules']>>,
        reach: Map<number, { buyers: number; revenue: number }> | null,
    ): Promise<CategoryView> {
        const own = rules.filter((r) => r.categoryId === c.id);
        return {
            code: c.code,
            name: c.name,
            chronic: c.chronic,
            active: c.active,
            atcPrefixes: own.filter((r) => r.kind === 'atc').map((r) => r.value),
            skus: own.filter((r) => r.kind === 'sku').map((r) => r.value),
            refillIntervalDays: c.refillIntervalDays,
            lapseAfterDays: c.lapseAfterDays,
            minPurchases: c.minPurchases,
            seasonalMonths: c.seasonalMonths,
            marginPct: c.marginBp === null ? null : c.marginBp / 100,
            publicLabel: c.publicLabel,
            accrualRateBp: c.accrualRateBp,
            excludedFromAccrual: c.excludedFromAccrual,
            excludedFromRedemption: c.excludedFromRedemption,
            reach: reach
                ? {
                      ...(reach.get(c.id) ?? { buyers: 0, revenue: 0 }),
                      lapsedBuyers: c.chronic ? await this.lapsedBuyers(c) : 0,
                  }
                : null,
        };
    }

    /** Buyers (customers with a purchase of the category in the last 365 days) and their net revenue, per category. */
    private async reach(): Promise<Map<number, { buyers: number; revenue: number }>> {
        if (this.reachCache && Date.now() - this.reachCache.at < REACH_TTL_MS)
            return this.reachCache.byCategory;
        const since = toDbTime(addDays(this.clock(), -365));
        const rows = await this.db.all(
            `SELECT l.category_id, COUNT(DISTINCT p.customer_id) AS buyers, SUM(l.amount - l.returned_amount) AS revenue
             FROM refill_purchases p JOIN refill_purchase_lines l ON l.purchase_id = p.id
             WHERE p.purchased_at >= ? AND l.category_id IS NOT NULL GROUP BY l.category_id`,
            [since],
        );
        const byCategory = new Map(
            rows.map((r) => [
                Number(r.category_id),
                { buyers: Number(r.buyers), revenue: Number(r.revenue ?? 0) },
            ]),
        );
        this.reachCache = { at: Date.now(), byCategory };
        return byCategory;
    }

    /** Customers whose last purchase of the category is between a year and the lapse threshold ago (an index range). */
    private async lapsedBuyers(c: Category): Promise<number> {
        const now = this.clock();
        const [row] = await this.db.all(
            `SELECT COUNT(*) AS n FROM refill_customer_category_stats WHERE category_id = ? AND last_at >= ? AND last_at < ?`,
            [c.id, toDbTime(addDays(now, -365)), toDbTime(addDays(now, -(c.lapseAfterDays ?? 60)))],
        );
        return Number(row?.n ?? 0);
    }
}
