/*
 * Lengths of time in milliseconds, the unit `Date` arithmetic uses. Day
 * counts in Refill's options and designs are whole days; a calendar day in
 * the chain's timezone is luxon's business, not this constant's.
 */

/** Milliseconds in a minute. */
export const MS_PER_MINUTE = 60_000;

/** Milliseconds in an hour. */
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;

/** Milliseconds in a day of 24 hours: the one day length Refill's code uses. */
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** `days` whole or fractional days in milliseconds. */
export function daysToMs(days: number): number {
    return days * MS_PER_DAY;
}
