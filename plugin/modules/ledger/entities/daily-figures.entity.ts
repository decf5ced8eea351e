import { EntitySchema } from 'typeorm';
import { bigInt, int, str, time } from '../../../kernel/db/entity-columns.js';

/** A 64-bit sum that starts at 0. */
const sum = (name: string) => ({ ...bigInt(name), default: 0 });

/**
 * One day (in the chain's timezone) of one store, pre-aggregated for the
 * admin dashboard by the `daily-figures` job. Store 0 holds what belongs to
 * no store: expiry, manual adjustments, members without a home store.
 * Amounts in minor units, bonuses in bonus units.
 */
export interface DailyFigures {
    /** `YYYY-MM-DD` in the chain's timezone. */
    day: string;
    /** The store, or 0. */
    storeId: number;
    /** Sales recorded (receipts). */
    receipts: number;
    /** Sum of the receipts' totals. */
    revenue: number;
    /** Bonuses the sales credited. */
    accrued: number;
    /** Bonuses the sales spent. */
    redeemed: number;
    /** Returns recorded. */
    returns: number;
    /** Money refunded by the returns. */
    returnedAmount: number;
    /** Bonuses the returns took back (earned on the returned lines). */
    reversed: number;
    /** Bonuses the returns gave back (spent on the returned lines). */
    refunded: number;
    /** Bonuses burned at expiry (store 0). */
    expired: number;
    /** Bonuses credited by hand (store 0). */
    credited: number;
    /** Bonuses debited by hand (store 0). */
    debited: number;
    /** Customers enrolled that day with this home store. */
    newMembers: number;
    updatedAt: Date;
}

/** TypeORM schema of {@link DailyFigures}. */
export const DailyFiguresEntity = new EntitySchema<DailyFigures>({
    name: 'RefillDailyFigures',
    tableName: 'refill_daily_figures',
    columns: {
        day: { ...str('day', 10), primary: true },
        storeId: { ...int('store_id'), primary: true },
        receipts: int('receipts', false, 0),
        revenue: sum('revenue'),
        accrued: sum('accrued'),
        redeemed: sum('redeemed'),
        returns: int('returns', false, 0),
        returnedAmount: sum('returned_amount'),
        reversed: sum('reversed'),
        refunded: sum('refunded'),
        expired: sum('expired'),
        credited: sum('credited'),
        debited: sum('debited'),
        newMembers: int('new_members', false, 0),
        updatedAt: time('updated_at'),
    },
    indices: [{ name: 'IDX_refill_daily_figures_store', columns: ['storeId', 'day'] }],
});
