import { MS_PER_DAY } from '../../../kernel/units/time.js';
import type { ContactCaps } from '../../../kernel/vocabulary/contact-caps.js';
import type { TrafficClass } from '../../../kernel/vocabulary/traffic-classes.js';
import { nextDayWindowStart, localStartOf, nextMonthWindowStart, type SendWindow } from './send-window.js';

/** Contact caps per channel and traffic class, and their defaults (the kernel's vocabulary). */
export { type ContactCaps, DEFAULT_CONTACT_CAPS } from '../../../kernel/vocabulary/contact-caps.js';

/** One message the customer was sent (handed to a provider), in any channel. */
export interface SentMessage {
    channel: string;
    traffic: TrafficClass | string;
    at: Date;
    /** Its message key, when it was loaded from the ledger. */
    key?: string;
}

/** A cap (or the gap) that holds a message: which rule, how far it is used, and when it lets go. */
export interface CapHold {
    reason:
        | 'daily_cap'
        | 'weekly_cap'
        | 'all_channels_daily_cap'
        | 'all_channels_weekly_cap'
        | 'monthly_cap'
        | 'min_gap'
        | 'service_daily_cap';
    /** When the rule allows the message again (before it is moved into the sending window). */
    until: Date;
    used?: number;
    cap?: number;
    gapMinutes?: number;
}

/** What the marketing caps are checked with. */
export interface MarketingCapInput {
    channel: string;
    sent: readonly SentMessage[];
    caps: ContactCaps;
    monthlyCap: number;
    minGapMinutes: number;
    zone: string;
    window: SendWindow;
    now: Date;
}

const WEEK_MS = 7 * MS_PER_DAY;

/**
 * Every marketing cap the customer has reached for a message in `channel`:
 * the channel's daily and weekly caps, the daily and weekly caps of all
 * channels, the monthly cap, and the minimum gap since the last marketing
 * message. Days and months are the customer's local ones; a week is the
 * last 7 × 24 hours, so it frees one message at a time.
 */
export function marketingHolds(input: MarketingCapInput): CapHold[] {
    const { caps, zone, window, now } = input;
    const marketing = input.sent.filter((s) => s.traffic === 'marketing');
    const holds: CapHold[] = [];
    const dayStart = localStartOf(now, zone, 'day');
    const nextDay = nextDayWindowStart(now, zone, window);
    const weekStart = new Date(now.getTime() - WEEK_MS);
    const inChannel = marketing.filter((s) => s.channel === input.channel);
    const perDay = (list: readonly SentMessage[]) => list.filter((s) => s.at >= dayStart).length;
    const daily = (reason: CapHold['reason'], list: readonly SentMessage[], cap: number | undefined) => {
        const used = perDay(list);
        if (cap !== undefined && used >= cap) holds.push({ reason, until: nextDay, used, cap });
    };
    const weekly = (reason: CapHold['reason'], list: readonly SentMessage[], cap: number | undefined) => {
        if (cap === undefined) return;
        const times = list
            .filter((s) => s.at > weekStart)
            .map((s) => s.at.getTime())
            .sort((a, b) => a - b);
        if (times.length < cap) return;
        // The week frees a message when the oldest of the latest `cap` leaves it.
        const until = new Date((times[times.length - cap] ?? now.getTime()) + WEEK_MS);
        holds.push({ reason, until: until > now ? until : now, used: times.length, cap });
    };
    daily('daily_cap', inChannel, caps.daily[input.channel]);
    weekly('weekly_cap', inChannel, caps.weekly[input.channel]);
    daily('all_channels_daily_cap', marketing, caps.allChannels.daily);
    weekly('all_channels_weekly_cap', marketing, caps.allChannels.weekly);
    const monthStart = localStartOf(now, zone, 'month');
    const thisMonth = marketing.filter((s) => s.at >= monthStart).length;
    if (thisMonth >= input.monthlyCap)
        holds.push({
            reason: 'monthly_cap',
            until: nextMonthWindowStart(now, zone, window),
            used: thisMonth,
            cap: input.monthlyCap,
        });
    const last = marketing.reduce((at, s) => Math.max(at, s.at.getTime()), Number.NEGATIVE_INFINITY);
    const gapEnds = last + input.minGapMinutes * 60_000;
    if (input.minGapMinutes > 0 && gapEnds > now.getTime())
        holds.push({ reason: 'min_gap', until: new Date(gapEnds), gapMinutes: input.minGapMinutes });
    return holds;
}

/** The service cap of `channel`, when the customer's service messages of the local day reached it. */
export function serviceHold(
    channel: string,
    sent: readonly SentMessage[],
    caps: ContactCaps,
    zone: string,
    window: SendWindow,
    now: Date,
): CapHold | null {
    const cap = caps.serviceDaily[channel];
    if (cap === undefined) return null;
    const dayStart = localStartOf(now, zone, 'day');
    const used = sent.filter(
        (s) => s.traffic === 'service' && s.channel === channel && s.at >= dayStart,
    ).length;
    return used >= cap
        ? { reason: 'service_daily_cap', until: nextDayWindowStart(now, zone, window), used, cap }
        : null;
}
