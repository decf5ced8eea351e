import { DateTime } from 'luxon';
import type { SendRateLimit } from '../../../kernel/vocabulary/channel-providers.js';
import { nextWindowStart, type SendWindow } from '../policy/send-window.js';

/** One reminder to place: its id, and the customer's timezone. */
export interface SpreadItem {
    id: number;
    zone: string;
}

/** Where a spread put the reminders, and whether the last one fits its customer's window that day. */
export interface SpreadPlan {
    /** Each reminder's moment, by id. */
    at: Map<number, Date>;
    /** When the last message goes out (null for no reminders). */
    lastSendAt: Date | null;
    /** Reminders pushed past their customer's window of the day they were planned for (to the next day). */
    overflow: number;
}

/**
 * Messages per minute a provider takes under its limit (the stricter of its
 * per-second and per-minute limits), or null when it is not limited. With
 * segments as the unit, `segmentsPerMessage` converts.
 */
export function messagesPerMinute(limit: SendRateLimit | undefined, segmentsPerMessage = 1): number | null {
    if (!limit) return null;
    const perUnit = Math.min(limit.perMinute ?? Infinity, (limit.perSecond ?? Infinity) * 60);
    if (!Number.isFinite(perUnit)) return null;
    const size = limit.unit === 'segments' ? Math.max(1, segmentsPerMessage) : 1;
    return Math.max(1, Math.floor(perUnit / size));
}

/**
 * Spreads a campaign day's reminders over their customers' sending window
 * at the provider's rate instead of bursting at the window's opening: each
 * reminder's moment is the later of its customer's next window opening
 * (from `from`, in their timezone) and the previous reminder's moment plus
 * one slot (60 000 / `perMinute` ms), in the order of those openings (then
 * of ids), so the queue never runs ahead of the provider. A moment that
 * falls after its customer's window has closed moves to the window's next
 * opening and counts as overflow (the plan warns). Without a rate every
 * reminder is placed at its customer's opening.
 */
export function spreadOverWindow(
    items: readonly SpreadItem[],
    from: Date,
    window: SendWindow,
    perMinute: number | null,
): SpreadPlan {
    const at = new Map<number, Date>();
    const opening = new Map<string, Date>();
    const openOf = (zone: string) => {
        let o = opening.get(zone);
        if (!o) opening.set(zone, (o = nextWindowStart(from, zone, window)));
        return o;
    };
    const order = items
        .map((item) => ({ item, open: openOf(item.zone) }))
        .sort((a, b) => a.open.getTime() - b.open.getTime() || a.item.id - b.item.id);
    const slot = perMinute ? 60_000 / perMinute : 0;
    let previous = -Infinity;
    let lastSendAt: Date | null = null;
    let overflow = 0;
    for (const { item, open } of order) {
        const wanted = Math.max(open.getTime(), previous + slot);
        previous = wanted;
        let moment = new Date(Math.round(wanted));
        const placed = nextWindowStart(moment, item.zone, window);
        if (placed.getTime() !== moment.getTime()) {
            overflow++;
            moment = placed;
        }
        at.set(item.id, moment);
        if (!lastSendAt || moment > lastSendAt) lastSendAt = moment;
    }
    return { at, lastSendAt, overflow };
}

/** When a day's spread starts and ends, and whether it ends inside that day's window. */
export interface SpreadSpan {
    firstSendAt: Date | null;
    lastSendAt: Date | null;
    fitsWindow: boolean;
}

/**
 * The span of `count` messages spread from the window's next opening after
 * `from` (in `zone`) at `perMinute`: the last goes (count − 1) slots after
 * the first, and fits when that is before the same day's window closes.
 * Without a rate they all go at the opening.
 */
export function spreadSpan(
    count: number,
    from: Date,
    zone: string,
    window: SendWindow,
    perMinute: number | null,
): SpreadSpan {
    if (count <= 0) return { firstSendAt: null, lastSendAt: null, fitsWindow: true };
    const first = nextWindowStart(from, zone, window);
    const last = new Date(first.getTime() + Math.round(perMinute ? ((count - 1) * 60_000) / perMinute : 0));
    const [h, m] = window.to.split(':').map(Number);
    const close = DateTime.fromJSDate(first, { zone }).set({ hour: h, minute: m, second: 0, millisecond: 0 });
    return { firstSendAt: first, lastSendAt: last, fitsWindow: last.getTime() < close.toMillis() };
}
