import { DateTime } from 'luxon';

/** A lot as the balance view needs it. */
export interface BalanceLot {
    remaining: number;
    state: string;
    activeFrom: Date;
    expiresAt: Date;
}

/** A customer's bonuses at one moment, computed from their lots. */
export interface BalanceAtMoment {
    available: number;
    pending: number;
    /** The next dates (in `timezone`) on which bonuses burn, with the amounts. */
    expiries: Array<{ date: string; amount: number }>;
}

/**
 * Reads a balance straight from the lots at `now`, so it is exact even when
 * the daily expiry or activation job has not run yet.
 */
export function balanceAt(
    lots: readonly BalanceLot[],
    now: Date,
    timezone: string,
    maxExpiries = 5,
): BalanceAtMoment {
    let available = 0;
    let pending = 0;
    const byDate = new Map<string, number>();
    for (const lot of lots) {
        if (lot.remaining <= 0 || lot.expiresAt <= now) continue;
        if (lot.state !== 'active' && lot.state !== 'pending') continue;
        if (lot.activeFrom <= now) available += lot.remaining;
        else pending += lot.remaining;
        const date = DateTime.fromJSDate(lot.expiresAt).setZone(timezone).toISODate() as string;
        byDate.set(date, (byDate.get(date) ?? 0) + lot.remaining);
    }
    const expiries = [...byDate.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .slice(0, maxExpiries)
        .map(([date, amount]) => ({ date, amount }));
    return { available, pending, expiries };
}
