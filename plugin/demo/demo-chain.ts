import { RefillError } from '../kernel/errors/refill-error.js';
import { MS_PER_DAY } from '../kernel/units/time.js';
import { defaultStoreCount, demoStores, type DemoStore } from './demo-stores.js';

/** What demo chain to generate. The same options always give the same records. */
export interface DemoChainOptions {
    /** Number of customers (at most 99,999,999). */
    customers: number;
    /** PRNG seed: the same seed gives the same chain. Default 1. */
    seed?: number;
    /** Days of purchase history before `now`. Default 400. */
    historyDays?: number;
    /** Number of stores (default: about one per 5,000 customers, at least 3). */
    stores?: number;
    /** The moment the history ends (default: the current time). Pass it to get reproducible output. */
    now?: Date;
}

/** {@link DemoChainOptions} resolved, with what generation needs precomputed. */
export interface DemoChain {
    customers: number;
    seed: number;
    historyDays: number;
    now: Date;
    stores: readonly DemoStore[];
    /** Stores by city, for purchases away from the home store. */
    storesByCity: ReadonlyMap<string, readonly DemoStore[]>;
    /** UTC midnight of `now`, ms. */
    todayMs: number;
    /** Month (0–11, UTC) of the day `i` days before `now`. */
    monthByDaysAgo: Uint8Array;
}

function integer(name: string, value: number, min: number, max: number): number {
    if (!Number.isInteger(value) || value < min || value > max) {
        throw new RefillError('REFILL_VALIDATION', `demo ${name} must be an integer from ${min} to ${max}`, {
            field: name,
            value,
        });
    }
    return value;
}

/** Validates the options and precomputes the chain's stores and calendar. */
export function resolveDemoChain(options: DemoChainOptions): DemoChain {
    const customers = integer('customers', options.customers, 0, 99_999_999);
    const seed = integer('seed', options.seed ?? 1, 0, 2 ** 31 - 1);
    const historyDays = integer('historyDays', options.historyDays ?? 400, 30, 3650);
    const storeCount = integer('stores', options.stores ?? defaultStoreCount(customers), 1, 9999);
    const now = options.now ?? new Date();
    if (Number.isNaN(now.getTime()))
        throw new RefillError('REFILL_VALIDATION', 'demo now must be a valid date');
    const stores = demoStores(storeCount, now);
    const storesByCity = new Map<string, DemoStore[]>();
    for (const s of stores) storesByCity.set(s.city, [...(storesByCity.get(s.city) ?? []), s]);
    const todayMs = Math.floor(now.getTime() / MS_PER_DAY) * MS_PER_DAY;
    const monthByDaysAgo = new Uint8Array(historyDays + 1);
    for (let d = 0; d <= historyDays; d++)
        monthByDaysAgo[d] = new Date(todayMs - d * MS_PER_DAY).getUTCMonth();
    return { customers, seed, historyDays, now, stores, storesByCity, todayMs, monthByDaysAgo };
}

/**
 * The UTC moment of a local time of day (`localMinute` after local midnight)
 * at `store`, `daysAgo` calendar days (UTC) before `now`. For `daysAgo` from
 * 1 to `historyDays - 2` and opening hours this is inside the history window
 * and never in the future.
 */
export function storeTime(chain: DemoChain, daysAgo: number, localMinute: number, store: DemoStore): Date {
    return new Date(chain.todayMs - daysAgo * MS_PER_DAY + (localMinute - store.utcOffsetMinutes) * 60_000);
}
