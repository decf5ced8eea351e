import { EntitySchema } from 'typeorm';
import { bool, int, intId, monthsTransformer, str, time } from '../../../kernel/db/entity-columns.js';

/**
 * A group of products (a drug group such as antihypertensives, or any
 * merchandising category), matched by ATC prefixes and SKU lists. Carries the
 * accrual override and exclusions, and for chronic groups the refill rhythm
 * the lapse detection uses.
 */
export interface Category {
    id: number;
    code: string;
    name: string;
    /** Accrual rate in basis points (300 = 3%); the base rate when null. */
    accrualRateBp: number | null;
    excludedFromAccrual: boolean;
    excludedFromRedemption: boolean;
    /** A chronic drug group: candidates for lapse detection. */
    chronic: boolean;
    /** Strongly seasonal goods are left out of lapse campaigns. */
    seasonal: boolean;
    /** Typical days between two purchases. */
    refillIntervalDays: number | null;
    /** Days without a purchase after which a regular buyer counts as lapsed. */
    lapseAfterDays: number | null;
    /** Purchases in the last 365 days that make a customer a regular buyer. */
    minPurchases: number | null;
    /** Whether campaigns may target it and lapse detection reads it. */
    active: boolean;
    /** Months (1–12) in which it is left out of lapse campaigns as seasonal. */
    seasonalMonths: number[];
    /** Gross margin in basis points, for campaign reports; the campaign's when null. */
    marginBp: number | null;
    /** Neutral label shown to customers instead of the drug group's name (email); never the condition. */
    publicLabel: string | null;
    createdAt: Date;
    updatedAt: Date;
}

/** TypeORM schema of {@link Category}. */
export const CategoryEntity = new EntitySchema<Category>({
    name: 'RefillCategory',
    tableName: 'refill_categories',
    columns: {
        id: intId(),
        code: str('code', 64),
        name: str('name', 255),
        accrualRateBp: int('accrual_rate_bp', true),
        excludedFromAccrual: bool('excluded_from_accrual'),
        excludedFromRedemption: bool('excluded_from_redemption'),
        chronic: bool('chronic'),
        seasonal: bool('seasonal'),
        refillIntervalDays: int('refill_interval_days', true),
        lapseAfterDays: int('lapse_after_days', true),
        minPurchases: int('min_purchases', true),
        active: { ...bool('active'), default: true },
        seasonalMonths: { ...str('seasonal_months', 40), default: '', transformer: monthsTransformer },
        marginBp: int('margin_bp', true),
        publicLabel: str('public_label', 255, true),
        createdAt: time('created_at'),
        updatedAt: time('updated_at'),
    },
    indices: [{ name: 'UQ_refill_categories_code', columns: ['code'], unique: true }],
});
