import { DateTime } from 'luxon';
import { MS_PER_DAY } from '../../../kernel/units/time.js';

/** How many recent purchase days a statistics row keeps (enough for any refill rhythm of 15 days or more). */
export const RECENT_DAYS_KEPT = 24;

/**
 * The day number of a moment in the chain's timezone: days from 1970-01-01
 * to the local calendar date of `at` there. Purchase days, "today" of the
 * lapse rule and campaign days all count in it, so a sale at 01:30 Moscow
 * time belongs to that Moscow day, not to the UTC day before.
 */
export function chainDay(at: Date, timezone: string): number {
    const offsetMinutes = DateTime.fromJSDate(at, { zone: timezone }).offset;
    return Math.floor((at.getTime() + offsetMinutes * 60_000) / MS_PER_DAY);
}

/** The moment a chain day (see {@link chainDay}) begins in the chain's timezone. */
export function chainDayStart(day: number, timezone: string): Date {
    const date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    return DateTime.fromISO(date, { zone: timezone }).startOf('day').toJSDate();
}

/** One customer's purchase history in one category, as stored. */
export interface CategoryStat {
    firstAt: Date;
    lastAt: Date;
    /** Distinct purchase days, all time. */
    purchaseCount: number;
    totalAmount: number;
    /** Chain days ({@link chainDay}) of the latest purchase days, newest first. */
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
 * row; its day counts in the chain's `timezone`. Purchases on a day already
 * counted add to the amount only, so the count means "days with a purchase".
 * Works for purchases that arrive out of order (imports).
 */
export function addPurchase(
    stat: CategoryStat | null,
    at: Date,
    amount: number,
    timezone: string,
): CategoryStat {
    const day = chainDay(at, timezone);
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

/**
 * The statistics row that a customer's whole stored history of a category
 * makes: every purchase folded in time order, as if each had been added when
 * it happened. Returns are not subtracted (they never remove a purchase day,
 * and the total is what was bought), exactly as the sale and import paths
 * keep it. Null when there are no purchases.
 */
export function statFromPurchases(
    purchases: ReadonlyArray<{ at: Date; amount: number }>,
    timezone: string,
): CategoryStat | null {
    const ordered = [...purchases].sort((a, b) => a.at.getTime() - b.at.getTime());
    let stat: CategoryStat | null = null;
    for (const p of ordered) stat = addPurchase(stat, p.at, p.amount, timezone);
    return stat;
}

/** Whether two statistics rows hold the same figures. */
export function sameStat(a: CategoryStat, b: CategoryStat): boolean {
    return (
        a.firstAt.getTime() === b.firstAt.getTime() &&
        a.lastAt.getTime() === b.lastAt.getTime() &&
        a.purchaseCount === b.purchaseCount &&
        a.totalAmount === b.totalAmount &&
        formatRecentDays(a.recentDays) === formatRecentDays(b.recentDays)
    );
}

/** Purchase days within the last `days` days before `now` (inclusive of today), in chain days. */
export function purchasesWithin(
    stat: Pick<CategoryStat, 'recentDays'>,
    now: Date,
    days: number,
    timezone: string,
): number {
    const from = chainDay(now, timezone) - days + 1;
    return stat.recentDays.filter((d) => d >= from).length;
}
