import { DateTime } from 'luxon';
import { boundedMemo } from '../../../kernel/bounded-memo.js';

/** Allowed sending hours in the customer's local time, `HH:mm`, `from` < `to`. */
export interface SendWindow {
    from: string;
    to: string;
}

function minutes(hhmm: string): number {
    const [h, m] = hhmm.split(':').map(Number);
    return h * 60 + m;
}

/** The moment `local` is set to a local `HH:mm` (luxon moves times in a DST gap forward). */
function at(local: DateTime, hhmm: string): DateTime {
    const [hour, minute] = hhmm.split(':').map(Number);
    return local.set({ hour, minute, second: 0, millisecond: 0 });
}

/** The instant floored to its minute: the memo keys (the window's answers only change on whole minutes). */
function minuteOf(at: Date): number {
    return Math.floor(at.getTime() / 60_000) * 60_000;
}

/** Minutes since local midnight of an instant in a zone, memoised per zone and minute. */
const localMinute = boundedMemo((key) => {
    const [zone, ms] = key.split('|');
    const local = DateTime.fromMillis(Number(ms), { zone });
    return local.hour * 60 + local.minute;
});

/** Whether `now` falls inside the window in `zone`. */
export function insideWindow(now: Date, zone: string, window: SendWindow): boolean {
    const m = localMinute(`${zone}|${minuteOf(now)}`);
    return m >= minutes(window.from) && m < minutes(window.to);
}

const startOf = boundedMemo((key) => {
    const [zone, unit, ms] = key.split('|');
    return DateTime.fromMillis(Number(ms), { zone })
        .startOf(unit as 'day' | 'month')
        .toMillis();
});

/** The start of the local day or month of `at` in `zone` (memoised: the policy asks it for every message). */
export function localStartOf(at: Date, zone: string, unit: 'day' | 'month'): Date {
    return new Date(startOf(`${zone}|${unit}|${minuteOf(at)}`));
}

/**
 * The first moment at or after `from` that lies inside the window in the
 * customer's timezone: `from` itself when inside, else today's opening, else
 * tomorrow's. Day arithmetic is done in local calendar days, so it stays
 * right across daylight-saving changes.
 */
export function nextWindowStart(from: Date, zone: string, window: SendWindow): Date {
    if (insideWindow(from, zone, window)) return from;
    // Openings fall on whole minutes, so the minute of `from` decides the answer.
    return new Date(nextOpening(`${zone}|${window.from}|${window.to}|${minuteOf(from)}`));
}

const nextOpening = boundedMemo((key) => {
    const [zone, open, close, ms] = key.split('|');
    const from = new Date(Number(ms));
    const window = { from: open, to: close };
    const local = DateTime.fromJSDate(from, { zone });
    const opening = at(local, window.from);
    const next = opening > local ? opening : at(local.plus({ days: 1 }), window.from);
    return next.toMillis();
});

/** The opening of the window on the local day after `from`'s local day. */
export function nextDayWindowStart(from: Date, zone: string, window: SendWindow): Date {
    const local = DateTime.fromJSDate(from, { zone }).startOf('day').plus({ days: 1 });
    return at(local, window.from).toJSDate();
}

/** The opening of the window on the first day of the local month after `from`'s. */
export function nextMonthWindowStart(from: Date, zone: string, window: SendWindow): Date {
    const local = DateTime.fromJSDate(from, { zone }).startOf('month').plus({ months: 1 });
    return at(local, window.from).toJSDate();
}
