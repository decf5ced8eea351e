import { EntitySchema } from 'typeorm';
import { bigId, bigInt, int, str, time } from '../../../kernel/db/entity-columns.js';
import type { Customer } from '../../customers/index.js';
import type { Category } from '../../catalog/index.js';

/**
 * A personal offer on a category: a multiplier of the base accrual (3x, 5x,
 * 10x) or a fixed gift of bonuses for buying it. The bonuses it grants get a
 * short lifetime of their own.
 */
export interface Offer {
    id: number;
    customerId: number;
    /** The campaign that made it, if any. */
    campaignId: number | null;
    categoryId: number;
    kind: 'multiplier' | 'gift';
    multiplier: number | null;
    giftAmount: number | null;
    /** A gift applies only when the category's lines reach this amount (minor units). */
    minAmount: number | null;
    /** Lifetime of the bonuses it grants, in days. */
    bonusLifetimeDays: number;
    startsAt: Date;
    endsAt: Date;
    /** active, redeemed, expired or cancelled. */
    status: string;
    redeemedPurchaseId: number | null;
    createdAt: Date;
    /** The related row, when loaded through TypeORM relations. */
    customer?: Customer;
    /** The related row, when loaded through TypeORM relations. */
    category?: Category;
}

/** TypeORM schema of {@link Offer}. */
export const OfferEntity = new EntitySchema<Offer>({
    name: 'RefillOffer',
    tableName: 'refill_offers',
    columns: {
        id: bigId(),
        customerId: bigInt('customer_id'),
        campaignId: bigInt('campaign_id', true),
        categoryId: int('category_id'),
        kind: str('kind', 12),
        multiplier: int('multiplier', true),
        giftAmount: int('gift_amount', true),
        minAmount: int('min_amount', true),
        bonusLifetimeDays: int('bonus_lifetime_days'),
        startsAt: time('starts_at'),
        endsAt: time('ends_at'),
        status: str('status', 12),
        redeemedPurchaseId: bigInt('redeemed_purchase_id', true),
        createdAt: time('created_at'),
    },
    relations: {
        customer: {
            type: 'many-to-one',
            target: 'RefillCustomer',
            joinColumn: { name: 'customer_id' },
            onDelete: 'RESTRICT',
        },
        category: {
            type: 'many-to-one',
            target: 'RefillCategory',
            joinColumn: { name: 'category_id' },
            onDelete: 'RESTRICT',
        },
    },
    indices: [
        { name: 'IDX_refill_offers_customer', columns: ['customerId', 'status', 'endsAt'] },
        { name: 'IDX_refill_offers_status_ends', columns: ['status', 'endsAt'] },
        { name: 'IDX_refill_offers_campaign', columns: ['campaignId'] },
    ],
});
