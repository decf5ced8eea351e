import { DateTime } from 'luxon';
import { MS_PER_DAY } from './units/time.js';

/** An RFC 3339 date-time: date, time, optional fraction and a required offset. */
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:\d\d)$/i;

/**
 * Reads a till's time: an RFC 3339 date-time with an offset
 * (`2026-11-23T10:00:00Z`, `2026-11-23T13:00:00+03:00`). A calendar date that
 * does not exist (`2026-02-30`) or a time without an offset (whose meaning
 * would depend on the server's zone) is null. Milliseconds are the finest
 * unit kept.
 */
export function parseTillTime(text: string): Date | null {
    if (!RFC3339.test(text)) return null;
    // luxon refuses dates that do not exist, where Date would roll 30 February over to March.
    const parsed = DateTime.fromISO(text, { setZone: true });
    return parsed.isValid ? parsed.toJSDate() : null;
}

/** How far a till's times may stray from Refill's clock. */
export interface TillTimeBounds {
    /** How many days back a sale may be dated. */
    maxBackdateDays: number;
    /** How far ahead of Refill's clock a till's clock may run, ms. */
    clockSkewMs: number;
}

/** A time outside its bounds: the field's message for a 400. */
export type TimeProblem = string | null;

/** A sale's time must lie in [now − maxBackdateDays, now + skew]. */
export function checkPurchasedAt(at: Date, now: Date, bounds: TillTimeBounds): TimeProblem {
    if (at.getTime() > now.getTime() + bounds.clockSkewMs)
        return `must not be in the future (more than ${bounds.clockSkewMs / 1000} s ahead of the server clock)`;
    if (at.getTime() < now.getTime() - bounds.maxBackdateDays * MS_PER_DAY)
        return `must not be more than ${bounds.maxBackdateDays} days ago (load older sales with the history import)`;
    return null;
}

/** A return's time must lie in [the sale, now + skew]. */
export function checkReturnedAt(at: Date, soldAt: Date, now: Date, bounds: TillTimeBounds): TimeProblem {
    if (at.getTime() > now.getTime() + bounds.clockSkewMs)
        return `must not be in the future (more than ${bounds.clockSkewMs / 1000} s ahead of the server clock)`;
    if (at < soldAt) return 'must not be before the sale';
    return null;
}

/** A consent given or withdrawn must not be dated in the future beyond the skew. */
export function checkConsentAt(at: Date, now: Date, bounds: TillTimeBounds): TimeProblem {
    return at.getTime() > now.getTime() + bounds.clockSkewMs
        ? `must not be in the future (more than ${bounds.clockSkewMs / 1000} s ahead of the server clock)`
        : null;
}
