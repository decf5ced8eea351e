import { DateTime } from 'luxon';
import {
    insideWindow,
    nextDayWindowStart,
    nextMonthWindowStart,
    nextWindowStart,
    type SendWindow,
} from './send-window.js';

/** Marketing (offers, reminders) or service (balance, expiry notices, welcome) traffic. */
export type TrafficClass = 'marketing' | 'service';

/** The chain's contact policy. */
export interface ContactPolicySettings {
    /** Local sending hours. Default 09:00–21:00. */
    window: SendWindow;
    /** Messages per channel per local day. Defaults: email 2, sms 3; channels not listed are uncapped. */
    dailyCaps: Record<string, number>;
    /** Marketing messages per local calendar month, all channels. Default 8. */
    monthlyMarketingCap: number;
    /** No marketing for this many days after a purchase. Default 7. */
    quietDaysAfterPurchase: number;
    /** Whether service messages wait for the window too. Default true (a balance SMS at 3 a.m. wakes people). */
    serviceInWindow: boolean;
}

/** The defaults the issue names. */
export const DEFAULT_CONTACT_POLICY: ContactPolicySettings = {
    window: { from: '09:00', to: '21:00' },
    dailyCaps: { email: 2, sms: 3 },
    monthlyMarketingCap: 8,
    quietDaysAfterPurchase: 7,
    serviceInWindow: true,
};

/** What the policy needs to know about one message to one customer. */
export interface ContactFacts {
    channel: string;
    traffic: TrafficClass;
    /** The customer's IANA timezone (the chain's when they have none). */
    timezone: string;
    consented: boolean;
    hasContact: boolean;
    /** Messages already sent in this channel on the customer's local day. */
    sentToday: number;
    /** Marketing messages already sent in the customer's local month. */
    marketingThisMonth: number;
    lastPurchaseAt: Date | null;
    /** The customer's segment and the segments the campaign leaves out. */
    segment?: string;
    excludedSegments?: readonly string[];
    /** False when test mode is on and the customer's card is not on its list. */
    testModeAllows?: boolean;
}

/** Why a message is held until later. */
export type HoldReason = 'outside_window' | 'daily_cap' | 'monthly_cap' | 'post_purchase_quiet';
/** Why a message is not sent at all. */
export type DropReason = 'no_consent' | 'no_contact' | 'segment_excluded' | 'test_mode';

/** The typed decision recorded with every message. */
export type ContactVerdict =
    | { decision: 'send' }
    | { decision: 'hold'; reason: HoldReason; nextAllowedAt: Date; used?: number; cap?: number }
    | { decision: 'drop'; reason: DropReason };

/**
 * Decides whether a message may go now. Consent and contact are checked
 * for every message (service ones too); segment exclusions, the post-purchase
 * quiet period and the caps apply to marketing only, except the per-channel
 * daily cap, which protects the customer from any flood. A hold names the
 * first moment the blocking rule allows, moved into the send window.
 */
export function decideContact(
    facts: ContactFacts,
    now: Date,
    settings: ContactPolicySettings = DEFAULT_CONTACT_POLICY,
): ContactVerdict {
    const { window } = settings;
    const zone = facts.timezone;
    if (facts.testModeAllows === false) return { decision: 'drop', reason: 'test_mode' };
    if (!facts.consented) return { decision: 'drop', reason: 'no_consent' };
    if (!facts.hasContact) return { decision: 'drop', reason: 'no_contact' };
    const marketing = facts.traffic === 'marketing';
    if (marketing && facts.segment && facts.excludedSegments?.includes(facts.segment))
        return { decision: 'drop', reason: 'segment_excluded' };
    const hold = (
        reason: HoldReason,
        after: Date,
        extra: { used?: number; cap?: number } = {},
    ): ContactVerdict => ({
        decision: 'hold',
        reason,
        nextAllowedAt: nextWindowStart(after, zone, window),
        ...extra,
    });
    if (marketing && facts.lastPurchaseAt) {
        const quietUntil = DateTime.fromJSDate(facts.lastPurchaseAt, { zone })
            .plus({ days: settings.quietDaysAfterPurchase })
            .toJSDate();
        if (quietUntil > now) return hold('post_purchase_quiet', quietUntil);
    }
    if (marketing && facts.marketingThisMonth >= settings.monthlyMarketingCap)
        return hold('monthly_cap', nextMonthWindowStart(now, zone, window), {
            used: facts.marketingThisMonth,
            cap: settings.monthlyMarketingCap,
        });
    const cap = settings.dailyCaps[facts.channel];
    if (cap !== undefined && facts.sentToday >= cap)
        return hold('daily_cap', nextDayWindowStart(now, zone, window), { used: facts.sentToday, cap });
    if ((marketing || settings.serviceInWindow) && !insideWindow(now, zone, window))
        return hold('outside_window', now);
    return { decision: 'send' };
}

const CHANNEL_NAMES: Record<string, string> = {
    sms: 'SMS',
    email: 'email',
    push: 'push',
    telegram: 'Telegram',
    viber: 'Viber',
    whatsapp: 'WhatsApp',
};

/**
 * A verdict as a sentence for store staff and support, e.g. `held: SMS daily
 * cap 3/3, next allowed 09:00 Europe/Samara` (the date is added when the
 * next chance is not on the next local day).
 */
export function explainVerdict(
    verdict: ContactVerdict,
    facts: Pick<ContactFacts, 'channel' | 'timezone'>,
    now: Date,
): string {
    if (verdict.decision === 'send') return 'sent';
    const channel = CHANNEL_NAMES[facts.channel] ?? facts.channel;
    if (verdict.decision === 'drop')
        return {
            no_consent: `not sent: no ${channel} consent`,
            no_contact: `not sent: no ${channel} contact`,
            segment_excluded: 'not sent: the campaign excludes the customer’s segment',
            test_mode: 'not sent: test mode, the card is not on the test list',
        }[verdict.reason];
    const when = DateTime.fromJSDate(verdict.nextAllowedAt, { zone: facts.timezone });
    const today = DateTime.fromJSDate(now, { zone: facts.timezone }).startOf('day');
    const days = when.startOf('day').diff(today, 'days').days;
    const time = days <= 1 ? when.toFormat('HH:mm') : when.toFormat('yyyy-MM-dd HH:mm');
    const what = {
        outside_window: 'outside the sending hours',
        daily_cap: `${channel} daily cap ${verdict.used}/${verdict.cap}`,
        monthly_cap: `monthly marketing cap ${verdict.used}/${verdict.cap}`,
        post_purchase_quiet: 'quiet period after a purchase',
    }[verdict.reason];
    return `held: ${what}, next allowed ${time} ${facts.timezone}`;
}
