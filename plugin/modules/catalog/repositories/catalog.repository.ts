import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { CatalogProduct, CatalogRule } from '../rules/catalog-snapshot.js';
import type { Category } from '../entities/category.entity.js';
import { bool, numOrNull } from '../../../kernel/db/row-mappers.js';

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

const PRODUCT_COLUMNS = [
    'sku',
    'name',
    'atc',
    'accrual_rate_bp',
    'excluded_from_accrual',
    'excluded_from_redemption',
    'prescription_only',
    'created_at',
    'updated_at',
];

/** Reads and writes the catalogue: `refill_products`, `refill_categories`, `refill_category_rules`. */
export class CatalogRepository {
    constructor(private readonly db: Database) {}

    /** Every product, category and rule (for the in-memory catalogue snapshot). */
    async loadAll(): Promise<{ products: CatalogProduct[]; categories: Category[]; rules: CatalogRule[] }> {
        const products = await this.db.all(
            `SELECT sku, atc, accrual_rate_bp, excluded_from_accrual, excluded_from_redemption FROM refill_products`,
        );
        const rules = await this.db.all(`SELECT category_id, kind, value FROM refill_category_rules`);
        return {
            products: products.map((p) => ({
                sku: String(p.sku),
                atc: (p.atc as string) ?? null,
                accrualRateBp: numOrNull(p.accrual_rate_bp),
                excludedFromAccrual: bool(p.excluded_from_accrual),
                excludedFromRedemption: bool(p.excluded_from_redemption),
            })),
            categories: await this.listCategories(this.db),
            rules: rules.map((r) => ({
                categoryId: Number(r.category_id),
                kind: r.kind as 'atc' | 'sku',
                value: String(r.value),
            })),
        };
    }

    /** Every category rule (ATC prefixes and SKUs). */
    async listRules(exec: SqlExecutor | Database): Promise<CatalogRule[]> {
        const rows = await exec.all(
            `SELECT category_id, kind, value FROM refill_category_rules ORDER BY category_id, kind, value`,
        );
        return rows.map((r) => ({
            categoryId: Number(r.category_id),
            kind: r.kind as 'atc' | 'sku',
            value: String(r.value),
        }));
    }

    /** Every category. */
    async listCategories(exec: SqlExecutor | Database): Promise<Category[]> {
        const rows = await exec.all(
            `SELECT id, code, name, accrual_rate_bp, excluded_from_accrual, excluded_from_redemption, chronic, seasonal, refill_interval_days, lapse_after_days, min_purchases, active, seasonal_months, margin_bp, public_label, created_at, updated_at FROM refill_categories ORDER BY code`,
        );
        return rows.map((c) => ({
            id: Number(c.id),
            code: String(c.code),
            name: String(c.name),
            accrualRateBp: numOrNull(c.accrual_rate_bp),
            excludedFromAccrual: bool(c.excluded_from_accrual),
            excludedFromRedemption: bool(c.excluded_from_redemption),
            chronic: bool(c.chronic),
            seasonal: bool(c.seasonal),
            refillIntervalDays: numOrNull(c.refill_interval_days),
            lapseAfterDays: numOrNull(c.lapse_after_days),
            minPurchases: numOrNull(c.min_purchases),
            active: bool(c.active),
            seasonalMonths: c.seasonal_months ? String(c.seasonal_months).split(',').map(Number) : [],
            marginBp: numOrNull(c.margin_bp),
            publicLabel: (c.public_label as string) ?? null,
            createdAt: this.db.time(c.created_at),
            updatedAt: this.db.time(c.updated_at),
        }));
    }

    /** Inserts or updates products by SKU, in one statement per call. */
    async upsertProducts(tx: SqlExecutor, products: readonly ProductInput[], now: Date): Promise<void> {
        if (!products.length) return;
        const t = toDbTime(now);
        const ins = (c: string) => sqlDialect.inserted(tx.dialect, c);
        await tx.run(
            `INSERT INTO refill_products (${PRODUCT_COLUMNS.join(', ')}) VALUES ${sqlDialect.valuesPlaceholders(products.length, PRODUCT_COLUMNS.length)}` +
                sqlDialect.onConflictUpdate(tx.dialect, ['sku'], {
                    name: ins('name'),
                    atc: ins('atc'),
                    accrual_rate_bp: ins('accrual_rate_bp'),
                    excluded_from_accrual: ins('excluded_from_accrual'),
                    excluded_from_redemption: ins('excluded_from_redemption'),
                    prescription_only: ins('prescription_only'),
                    updated_at: ins('updated_at'),
                }),
            products.flatMap((p) => [
                p.sku,
                p.name,
                p.atc,
                p.accrualRateBp,
                p.excludedFromAccrual,
                p.excludedFromRedemption,
                p.prescriptionOnly,
                t,
                t,
            ]),
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
        const t = toDbTime(now);
        const values = [
            c.name,
            c.accrualRateBp ?? null,
            c.excludedFromAccrual ?? false,
            c.excludedFromRedemption ?? false,
            c.chronic ?? false,
            c.seasonal ?? false,
            c.refillIntervalDays ?? null,
            c.lapseAfterDays ?? null,
            c.minPurchases ?? null,
        ];
        const [existing] = await tx.all<{ id: unknown }>(`SELECT id FROM refill_categories WHERE code = ?`, [
            c.code,
        ]);
        // Campaign settings are written only when given, so a catalogue import never resets them.
        const extra: Array<[string, unknown]> = [];
        if (c.active !== undefined) extra.push(['active', c.active]);
        if (c.seasonalMonths !== undefined) extra.push(['seasonal_months', c.seasonalMonths.join(',')]);
        if (c.marginBp !== undefined) extra.push(['margin_bp', c.marginBp]);
        if (c.publicLabel !== undefined) extra.push(['public_label', c.publicLabel]);
        const rules = [
            ...(c.atcPrefixes ?? []).map((v) => ['atc', v.toUpperCase()]),
            ...(c.skus ?? []).map((v) => ['sku', v]),
        ];
        let id: number;
        let before: string[] = [];
        if (existing) {
            id = Number(existing.id);
            before = (
                await tx.all(`SELECT kind, value FROM refill_category_rules WHERE category_id = ?`, [id])
            ).map((r) => `${String(r.kind)}:${String(r.value)}`);
            await tx.run(
                `UPDATE refill_categories SET name = ?, accrual_rate_bp = ?, excluded_from_accrual = ?, excluded_from_redemption = ?, chronic = ?, seasonal = ?, refill_interval_days = ?, lapse_after_days = ?, min_purchases = ?, updated_at = ? WHERE id = ?`,
                [...values, t, id],
            );
            for (const [column, value] of extra)
                await tx.run(`UPDATE refill_categories SET ${column} = ? WHERE id = ?`, [value, id]);
            await tx.run(`DELETE FROM refill_category_rules WHERE category_id = ?`, [id]);
        } else {
            id = (
                await tx.run(
                    `INSERT INTO refill_categories (code, name, accrual_rate_bp, excluded_from_accrual, excluded_from_redemption, chronic, seasonal, refill_interval_days, lapse_after_days, min_purchases, created_at, updated_at${extra.map(([col]) => `, ${col}`).join('')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?${extra.map(() => ', ?').join('')})`,
                    [c.code, ...values, t, t, ...extra.map(([, v]) => v)],
                )
            ).insertId;
        }
        if (rules.length) {
            await tx.run(
                `INSERT INTO refill_category_rules (category_id, kind, value) VALUES ${sqlDialect.valuesPlaceholders(rules.length, 3)}`,
                rules.flatMap(([kind, value]) => [id, kind, value]),
            );
        }
        const after = rules.map(([kind, value]) => `${kind}:${value}`);
        return { id, rulesChanged: ruleSetKey(before) !== ruleSetKey(after) };
    }
}

/** A rule list as one comparable value (order and repeats do not matter). */
function ruleSetKey(rules: readonly string[]): string {
    return [...new Set(rules)].sort().join('\n');
}
