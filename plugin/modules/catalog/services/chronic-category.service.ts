import type { Database } from '../../../kernel/db/database.js';
import { isDuplicateKeyError } from '../../../kernel/db/db-errors.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { categoryLapseRule, lapseScanWindow, lapseToday, lapseVerdict } from '../rules/lapse.rules.js';
import type { Category } from '../entities/category.entity.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { CatalogRepository, CategoryInput } from '../repositories/catalog.repository.js';
import type { LapseDaysReader } from '../repositories/lapse-days.port.js';
import { HISTORY_STAMP, type SettingRepository } from '../../../kernel/db/setting.repository.js';
import type { AuditRepository } from '../../admin/index.js';
import type { CatalogService } from './catalog.service.js';
import type { CategoryRebuildService, RebuildProgress } from './category-rebuild.service.js';
import { addDays, type Clock } from '../../../kernel/clock.js';
import { basisPointsToPercent } from '../../../kernel/units/shares.js';

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
    /**
     * Buyers and net revenue over the last 365 days, and the buyers the daily
     * selection's lapse rule judges lapsed today (with the default k).
     */
    reach: Reach | null;
    /** The latest rebuild of the category's lines and statistics from the stored history (null: never). */
    rebuild: RebuildProgress | null;
}

/** What a category reaches. */
interface Reach {
    buyers: number;
    revenue: number;
    lapsedBuyers: number;
}

/** The repository methods the category service calls (the composition root passes its bag). */
export interface ChronicCategoryPorts {
    audit: Pick<AuditRepository, 'append'>;
    catalog: Pick<CatalogRepository, 'listRules' | 'ruleOwners' | 'upsertCategory'>;
    settings: Pick<SettingRepository, 'get'>;
    /** The lapse range's rows, for a category's lapsed-buyers count (campaigns' candidate query). */
    candidates: LapseDaysReader;
}

const REACH_TTL_MS = 10 * 60_000;
const NO_REACH: Reach = { buyers: 0, revenue: 0, lapsedBuyers: 0 };

/**
 * Chronic categories for campaigns: ATC prefixes and/or SKU lists with the
 * refill interval, lapse threshold, minimum purchases, seasonal months and
 * activity; each shown with its reach so a marketer can pick the top ones,
 * and with the rebuild that a change of its rules started. Every change is
 * audited. The reach is cached for ten minutes, and reloaded at once when
 * stored history changed in bulk anywhere (an import, a rebuild: the history
 * stamp) or the chain's day changed.
 */
export class ChronicCategoryService {
    private reachCache: {
        at: number;
        stamp: string | null;
        today: number;
        byCategory: Map<number, Reach>;
    } | null = null;

    constructor(
        private readonly db: Database,
        private readonly repos: ChronicCategoryPorts,
        private readonly catalog: CatalogService,
        private readonly rebuilds: CategoryRebuildService,
        private readonly timezone: string,
        private readonly clock: Clock,
    ) {}

    /** Every category (chronic ones first), optionally with reach, biggest revenue first. */
    async list(withReach = true): Promise<CategoryView[]> {
        const categories = await this.catalog.categories();
        const rules = await this.repos.catalog.listRules(this.db);
        const reach = withReach ? await this.reach(categories) : null;
        const rebuilds = await this.rebuilds.progressById();
        const views = categories.map((c) => this.view(c, rules, reach, rebuilds));
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
        return this.view(
            category,
            await this.repos.catalog.listRules(this.db),
            await this.reach(await this.catalog.categories()),
            await this.rebuilds.progressById(),
        );
    }

    /** Creates or changes a category (by code), audited. */
    async upsert(input: CategoryInput, actor: string): Promise<CategoryView> {
        if (!input.atcPrefixes?.length && !input.skus?.length)
            throw new RefillError('REFILL_VALIDATION', 'Invalid category', [
                { path: 'atcPrefixes', message: 'give ATC prefixes, SKUs or both' },
            ]);
        const now = this.clock();
        const saved = await this.db
            .transaction(async (tx) => {
                await this.assertRulesFree(tx, input);
                const { id, rulesChanged } = await this.repos.catalog.upsertCategory(tx, input, now);
                // A new category or new rules: its lines and statistics are rebuilt from the stored history.
                if (rulesChanged) await this.rebuilds.requestIn(tx, [id], 'remap', now);
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
                return { id, rulesChanged };
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
        this.reachCache = null;
        if (saved.rulesChanged) await this.rebuilds.dispatch([saved.id]);
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

    private view(
        c: Category,
        rules: Awaited<ReturnType<CatalogRepository['listRules']>>,
        reach: Map<number, Reach> | null,
        rebuilds: Map<number, RebuildProgress>,
    ): CategoryView {
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
            marginPct: c.marginBp === null ? null : basisPointsToPercent(c.marginBp),
            publicLabel: c.publicLabel,
            accrualRateBp: c.accrualRateBp,
            excludedFromAccrual: c.excludedFromAccrual,
            excludedFromRedemption: c.excludedFromRedemption,
            reach: reach ? { ...(reach.get(c.id) ?? NO_REACH) } : null,
            rebuild: rebuilds.get(c.id) ?? null,
        };
    }

    /**
     * Per category: buyers (customers with a purchase of it in the last 365
     * days), their net revenue, and for chronic ones the buyers lapsed today.
     */
    private async reach(categories: readonly Category[]): Promise<Map<number, Reach>> {
        const stamp = await this.repos.settings.get(HISTORY_STAMP);
        const now = this.clock();
        const today = lapseToday(now, this.timezone);
        const cached = this.reachCache;
        if (
            cached &&
            cached.stamp === stamp &&
            cached.today === today &&
            Date.now() - cached.at < REACH_TTL_MS
        )
            return cached.byCategory;
        const since = toDbTime(addDays(now, -365));
        const rows = await this.db.all(
            `SELECT l.category_id, COUNT(DISTINCT p.customer_id) AS buyers, SUM(l.amount - l.returned_amount) AS revenue
             FROM refill_purchases p JOIN refill_purchase_lines l ON l.purchase_id = p.id
             WHERE p.purchased_at >= ? AND l.category_id IS NOT NULL GROUP BY l.category_id`,
            [since],
        );
        const byCategory = new Map<number, Reach>(
            rows.map((r) => [
                Number(r.category_id),
                { buyers: Number(r.buyers), revenue: Number(r.revenue ?? 0), lapsedBuyers: 0 },
            ]),
        );
        for (const c of categories) {
            if (!c.chronic) continue;
            const lapsedBuyers = await this.lapsedBuyers(c, today);
            byCategory.set(c.id, { ...(byCategory.get(c.id) ?? NO_REACH), lapsedBuyers });
        }
        this.reachCache = { at: Date.now(), stamp, today, byCategory };
        return byCategory;
    }

    /**
     * Buyers lapsed on chain day `today` by the lapse rule the daily selection
     * applies (the category's threshold and minimum purchases, the default k
     * of the rhythm test): the same statistics range the selection reads,
     * each row judged by the same rule.
     */
    private async lapsedBuyers(c: Category, today: number): Promise<number> {
        const rule = categoryLapseRule(c);
        let lapsed = 0;
        const pages = this.repos.candidates.lapseDays({
            categoryId: c.id,
            ...lapseScanWindow(rule, today, this.timezone),
            fromId: 0,
            toId: Number.MAX_SAFE_INTEGER,
        });
        for await (const page of pages)
            for (const row of page) if (lapseVerdict(row.recentDays, today, rule).lapsed) lapsed++;
        return lapsed;
    }
}
