/** How many recent purchase days a statistics row keeps (enough for any refill rhythm of 15 days or more). */
export const RECENT_DAYS_KEPT = 24;

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC) of a moment. */
export function epochDay(at: Date): number {
    return Math.floor(at.getTime() / DAY_MS);
}

/** One customer's purchase history in one category, as stored. */
export interface CategoryStat {
    firstAt: Date;
    lastAt: Date;
    /** Distinct purchase days, all time. */
    purchaseCount: number;
    totalAmount: number;
    /** Epoch days of the latest purchase days, newest first. */
    recentDays: number[];
}

/** Parses the stored comma-separated day list. */
export function parseRecentDays(text: string): number[] {
    return text ? text.split(',').map(Number) : [];
}

/** Formats a day list for storage. */
export function formatRecentDays(days: readonly number[]): string {
    return days.join(',');
}

/**
 * Adds one purchase (its time and its amount in the category) to a statistics
 * row. Purchases on a day already counted add to the amount only, so the
 * count means "days with a purchase". Works for purchases that arrive out of
 * order (imports).
 */
export function addPurchase(stat: CategoryStat | null, at: Date, amount: number): CategoryStat {
    const day = epochDay(at);
    if (!stat) return { firstAt: at, lastAt: at, purchaseCount: 1, totalAmount: amount, recentDays: [day] };
    const known = stat.recentDays.includes(day);
    const olderThanKept =
        stat.recentDays.length >= RECENT_DAYS_KEPT && day < stat.recentDays[stat.recentDays.length - 1];
    const recentDays =
        known || olderThanKept
            ? stat.recentDays
            : [...stat.recentDays, day].sort((a, b) => b - a).slice(0, RECENT_DAYS_KEPT);
    return {
        firstAt: at < stat.firstAt ? at : stat.firstAt,
        lastAt: at > stat.lastAt ? at : stat.lastAt,
        purchaseCount: stat.purchaseCount + (known ? 0 : 1),
        totalAmount: stat.totalAmount + amount,
        recentDays,
    };
}

/** Purchase days within the last `days` days before `now` (inclusive of today). */
export function purchasesWithin(stat: Pick<CategoryStat, 'recentDays'>, now: Date, days: number): number {
    const from = epochDay(now) - days + 1;
    return stat.recentDays.filter((d) => d >= from).length;
}
