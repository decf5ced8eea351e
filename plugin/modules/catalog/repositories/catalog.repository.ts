import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { CatalogProduct, CatalogRule } from '../rules/catalog-snapshot.js';
import { CategoryEntity, type Category } from '../entities/category.entity.js';
import { CategoryRuleEntity, type CategoryRule } from '../entities/category-rule.entity.js';
import { ProductEntity, type Product } from '../entities/product.entity.js';

/** A product as imported. */
export interface ProductInput extends CatalogProduct {
    name: string;
    prescriptionOnly: boolean;
}

/** A category as defined by an operator, with its membership rules. */
export interface CategoryInput {
    code: string;
    name: string;
    accrualRateBp?: number | null;
    excludedFromAccrual?: boolean;
    excludedFromRedemption?: boolean;
    chronic?: boolean;
    seasonal?: boolean;
    refillIntervalDays?: number | null;
    lapseAfterDays?: number | null;
    minPurchases?: number | null;
    /** Left unchanged on update when not given. */
    active?: boolean;
    seasonalMonths?: number[];
    marginBp?: number | null;
    publicLabel?: string | null;
    atcPrefixes?: string[];
    skus?: string[];
}

/** What the catalogue snapshot reads of a product. */
const SNAPSHOT_PRODUCT = [
    'sku',
    'atc',
    'accrualRateBp',
    'excludedFromAccrual',
    'excludedFromRedemption',
] as const satisfies ReadonlyArray<keyof CatalogProduct>;
/** What a rule is, without its id. */
const RULE = ['categoryId', 'kind', 'value'] as const satisfies ReadonlyArray<keyof CatalogRule>;
/** The fields every category upsert writes. */
const CATEGORY_FIELDS = [
    'name',
    'accrualRateBp',
    'excludedFromAccrual',
    'excludedFromRedemption',
    'chronic',
    'seasonal',
    'refillIntervalDays',
    'lapseAfterDays',
    'minPurchases',
] as const;
/** Campaign settings, written only when given, so a catalogue import never resets them. */
const CAMPAIGN_SETTINGS = ['active', 'seasonalMonths', 'marginBp', 'publicLabel'] as const;

/** Reads and writes the catalogue: `refill_products`, `refill_categories`, `refill_category_rules`. */
export class CatalogRepository {
    private readonly products: EntityRowMapper<Product>;
    private readonly categories: EntityRowMapper<Category>;
    private readonly rules: EntityRowMapper<CategoryRule>;

    constructor(private readonly db: Database) {
        this.products = db.rows(ProductEntity);
        this.categories = db.rows(CategoryEntity);
        this.rules = db.rows(CategoryRuleEntity);
    }

    /** Every product, category and rule (for the in-memory catalogue snapshot). */
    async loadAll(): Promise<{ products: CatalogProduct[]; categories: Category[]; rules: CatalogRule[] }> {
        const product = this.products.pick(SNAPSHOT_PRODUCT);
        const rule = this.rules.pick(RULE);
        const products = await this.db.all(`SELECT ${product.columns} FROM refill_products`);
        const rules = await this.db.all(`SELECT ${rule.columns} FROM refill_category_rules`);
        return {
            products: products.map(product.fromRow),
            categories: await this.listCategories(this.db),
            rules: rules.map(rule.fromRow),
        };
    }

    /** Every category rule (ATC prefixes and SKUs). */
    async listRules(exec: SqlExecutor | Database): Promise<CatalogRule[]> {
        const rule = this.rules.pick(RULE);
        const rows = await exec.all(
            `SELECT ${rule.columns} FROM refill_category_rules ORDER BY category_id, kind, value`,
        );
        return rows.map(rule.fromRow);
    }

    /** Every category. */
    async listCategories(exec: SqlExecutor | Database): Promise<Category[]> {
        const rows = await exec.all(`SELECT ${this.categories.columns} FROM refill_categories ORDER BY code`);
        return rows.map((r) => this.categories.fromRow(r));
    }

    /** Inserts or updates products by SKU, in one statement per call. */
    async upsertProducts(tx: SqlExecutor, products: readonly ProductInput[], now: Date): Promise<void> {
        if (!products.length) return;
        const shape = this.products.insertable;
        const ins = (c: string) => sqlDialect.inserted(tx.dialect, c);
        // Hand-written upsert: a known SKU takes every new value but its creation time.
        const update = sqlDialect.onConflictUpdate(
            tx.dialect,
            ['sku'],
            Object.fromEntries(
                shape.columnNames.filter((c) => c !== 'sku' && c !== 'created_at').map((c) => [c, ins(c)]),
            ),
        );
        await tx.run(
            shape.insert(products.length) + update,
            shape.valuesOf(products.map((p) => ({ ...p, createdAt: now, updatedAt: now }))),
        );
    }

    /**
     * The categories that hold any of `rules` (kind and value; ATC prefixes
     * upper-case, as stored), compared as the rules' unique index compares them.
     */
    async ruleOwners(
        exec: SqlExecutor | Database,
        rules: ReadonlyArray<{ kind: 'atc' | 'sku'; value: string }>,
    ): Promise<Array<{ kind: 'atc' | 'sku'; value: string; categoryCode: string }>> {
        const out: Array<{ kind: 'atc' | 'sku'; value: string; categoryCode: string }> = [];
        for (const kind of ['atc', 'sku'] as const) {
            const values = rules.filter((r) => r.kind === kind).map((r) => r.value);
            for (const chunk of sqlDialect.chunks(values, 500)) {
                const rows = await exec.all(
                    `SELECT r.value, c.code FROM refill_category_rules r JOIN refill_categories c ON c.id = r.category_id WHERE r.kind = ? AND r.value IN (${sqlDialect.inList(chunk.length)})`,
                    [kind, ...chunk],
                );
                for (const r of rows)
                    out.push({ kind, value: String(r.value), categoryCode: String(r.code) });
            }
        }
        return out;
    }

    /**
     * Inserts or updates a category by code and replaces its rules. Returns
     * its id and whether its ATC prefixes or SKUs changed (always, for a new
     * category with rules): then its lines and statistics need a rebuild.
     */
    async upsertCategory(
        tx: SqlExecutor,
        c: CategoryInput,
        now: Date,
    ): Promise<{ id: number; rulesChanged: boolean }> {
        const fields: Pick<Category, (typeof CATEGORY_FIELDS)[number]> = {
            name: c.name,
            accrualRateBp: c.accrualRateBp ?? null,
            excludedFromAccrual: c.excludedFromAccrual ?? false,
            excludedFromRedemption: c.excludedFromRedemption ?? false,
            chronic: c.chronic ?? false,
            seasonal: c.seasonal ?? false,
            refillIntervalDays: c.refillIntervalDays ?? null,
            lapseAfterDays: c.lapseAfterDays ?? null,
            minPurchases: c.minPurchases ?? null,
        };
        const [existing] = await tx.all<{ id: unknown }>(`SELECT id FROM refill_categories WHERE code = ?`, [
            c.code,
        ]);
        const settings = CAMPAIGN_SETTINGS.filter((f) => c[f] !== undefined);
        const rules: Array<Pick<CategoryRule, 'kind' | 'value'>> = [
            ...(c.atcPrefixes ?? []).map((v) => ({ kind: 'atc' as const, value: v.toUpperCase() })),
            ...(c.skus ?? []).map((v) => ({ kind: 'sku' as const, value: v })),
        ];
        let id: number;
        let before: string[] = [];
        if (existing) {
            id = Number(existing.id);
            before = (
                await tx.all(`SELECT kind, value FROM refill_category_rules WHERE category_id = ?`, [id])
            ).map((r) => `${String(r.kind)}:${String(r.value)}`);
            const { sets, params } = this.categories.assignments({ ...c, ...fields, updatedAt: now }, [
                ...CATEGORY_FIELDS,
                'updatedAt',
                ...settings,
            ]);
            await tx.run(`UPDATE refill_categories SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
            await tx.run(`DELETE FROM refill_category_rules WHERE category_id = ?`, [id]);
        } else {
            const shape = this.categories.pick([
                'code',
                ...CATEGORY_FIELDS,
                'createdAt',
                'updatedAt',
                ...settings,
            ]);
            id = (
                await tx.run(
                    shape.insert(1),
                    shape.values({ ...c, ...fields, createdAt: now, updatedAt: now } as Category),
                )
            ).insertId;
        }
        if (rules.length) {
            const shape = this.rules.pick(RULE);
            await tx.run(
                shape.insert(rules.length),
                shape.valuesOf(rules.map((r) => ({ ...r, categoryId: id }))),
            );
        }
        const after = rules.map((r) => `${r.kind}:${r.value}`);
        return { id, rulesChanged: ruleSetKey(before) !== ruleSetKey(after) };
    }
}

/** A rule list as one comparable value (order and repeats do not matter). */
function ruleSetKey(rules: readonly string[]): string {
    return [...new Set(rules)].sort().join('\n');
}
