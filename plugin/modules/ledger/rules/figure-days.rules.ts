import { DateTime } from 'luxon';
import { MS_PER_DAY } from '../../../kernel/units/time.js';

/** A calendar day in the chain's timezone, `YYYY-MM-DD`. */
export type FigureDay = string;

/** A stretch of time over which a zone's offset from UTC stays the same. */
export interface OffsetSegment {
    /** Inclusive start. */
    from: Date;
    /** Exclusive end. */
    to: Date;
    /** Local time minus UTC, minutes (Moscow: 180). */
    offsetMinutes: number;
}

/** The calendar day of `at` in `zone`. */
export function localDay(at: Date, zone: string): FigureDay {
    return DateTime.fromJSDate(at, { zone }).toISODate() as string;
}

/** The first instant of `day` in `zone`. */
export function dayStart(day: FigureDay, zone: string): Date {
    return DateTime.fromISO(day, { zone }).startOf('day').toJSDate();
}

/** The day `n` days after `day` (before, for a negative `n`). */
export function addDays(day: FigureDay, n: number): FigureDay {
    return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days: n }).toISODate() as string;
}

/** The first day of the month `day` falls in. */
export function monthStart(day: FigureDay): FigureDay {
    return `${day.slice(0, 7)}-01`;
}

/** Every day from `first` to `last`, both included, oldest first. */
export function daysFrom(first: FigureDay, last: FigureDay): FigureDay[] {
    const out: FigureDay[] = [];
    for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
    return out;
}

/** How far apart {@link offsetSegments} probes a zone's offset: no zone changes it twice within a week. */
const PROBE_MS = 7 * MS_PER_DAY;

/**
 * Splits [from, to) where `zone` changes its offset (daylight saving), so
 * that inside each segment the local day of an instant is the UTC day of
 * the instant plus one constant offset: what SQL can group by without
 * timezone tables. The offset is probed weekly and at the end; a change
 * between two probes is found by bisection, to the millisecond.
 */
export function offsetSegments(from: Date, to: Date, zone: string): OffsetSegment[] {
    if (to <= from) return [];
    const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
    const segments: OffsetSegment[] = [];
    let start = from.getTime();
    let offset = offsetAt(start);
    const last = to.getTime() - 1;
    for (let probe = start; probe < last;) {
        const next = Math.min(last, probe + PROBE_MS);
        if (offsetAt(next) !== offset) {
            // The change lies in (probe, next]: bisect (about 30 steps).
            let lo = probe;
            let change = next;
            while (change - lo > 1) {
                const mid = lo + Math.floor((change - lo) / 2);
                if (offsetAt(mid) === offset) lo = mid;
                else change = mid;
            }
            segments.push({ from: new Date(start), to: new Date(change), offsetMinutes: offset });
            start = change;
            offset = offsetAt(change);
            probe = change;
        } else probe = next;
    }
    segments.push({ from: new Date(start), to, offsetMinutes: offset });
    return segments;
}
