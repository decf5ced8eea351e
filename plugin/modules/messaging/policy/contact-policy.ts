import { DateTime } from 'luxon';
import type { TrafficClass } from '../../../kernel/vocabulary/traffic-classes.js';
import { lastSendMoment } from '../rules/cascade.rules.js';
import {
    DEFAULT_CONTACT_CAPS,
    marketingHolds,
    serviceHold,
    type CapHold,
    type ContactCaps,
    type SentMessage,
} from './contact-caps.js';
import { insideWindow, nextWindowStart, type SendWindow } from './send-window.js';

export { DEFAULT_CONTACT_CAPS, type ContactCaps, type SentMessage } from './contact-caps.js';

/** The chain's contact policy. */
export interface ContactPolicySettings {
    /** Local sending hours. Default 09:00–21:00. */
    window: SendWindow;
    /** Daily and weekly caps per channel and over all channels (marketing), and the service cap. */
    caps: ContactCaps;
    /** Marketing messages per local calendar month, all channels. Default 8. */
    monthlyMarketingCap: number;
    /** Minutes between two marketing messages, whatever their channels. Default 60. */
    minGapMinutes: number;
    /** No marketing for this many days after a purchase. Default 7. */
    quietDaysAfterPurchase: number;
    /** Whether service messages wait for the window too. Default true (a balance SMS at 3 a.m. wakes people). */
    serviceInWindow: boolean;
}

/** The defaults the issues name. */
export const DEFAULT_CONTACT_POLICY: ContactPolicySettings = {
    window: { from: '09:00', to: '21:00' },
    caps: DEFAULT_CONTACT_CAPS,
    monthlyMarketingCap: 8,
    minGapMinutes: 60,
    quietDaysAfterPurchase: 7,
    serviceInWindow: true,
};

/** A message that lands this long before its deadline still makes sense (as the cascade plans it). */
const DEADLINE_LEAD_MINUTES = 60;

/** What the policy needs to know about one message to one customer. */
export interface ContactFacts {
    channel: string;
    traffic: TrafficClass;
    /**
     * The customer's IANA timezone: their own, else the zone of the store
     * where they last bought or enrolled, else the chain's.
     */
    timezone: string;
    /** Consent of the message's class (marketing or service) in its channel. */
    consented: boolean;
    hasContact: boolean;
    /** What the customer was sent lately (at least the last 32 days), every channel and class. */
    sent: readonly SentMessage[];
    lastPurchaseAt: Date | null;
    /** When the reminder stops making sense (bonuses burn, an offer ends); null for none. */
    deadline?: Date | null;
    /** The customer's segment and the segments the campaign leaves out. */
    segment?: string;
    excludedSegments?: readonly string[];
    /** False when test mode is on and the customer's card is not on its list. */
    testModeAllows?: boolean;
    /** The customer is in the program's global control group: no marketing at all. */
    inGlobalControl?: boolean;
}

/** Why a message is held until later. */
export type HoldReason = 'outside_window' | 'post_purchase_quiet' | CapHold['reason'];
/** Why a message is not sent at all. */
export type DropReason = 'no_consent' | 'no_contact' | 'segment_excluded' | 'test_mode' | 'global_control';

/** The typed decision recorded with every message. */
export type ContactVerdict =
    | {
          decision: 'send';
          /** A service cap that was reached but let the message go: its deadline would pass otherwise. */
          waived?: { reason: 'service_daily_cap'; used: number; cap: number };
      }
    | {
          decision: 'hold';
          reason: HoldReason;
          nextAllowedAt: Date;
          used?: number;
          cap?: number;
          gapMinutes?: number;
          /** The zone the rule was applied in (the explanation shows times in it). */
          timezone?: string;
      }
    | { decision: 'drop'; reason: DropReason };

/**
 * Decides whether a message may go now. Consent (of the message's class) and
 * contact are checked for every message. Marketing also meets the campaign's
 * segment exclusions, the quiet days after a purchase, the daily and weekly
 * caps of its channel and of all channels, the monthly cap and the minimum
 * gap since the last marketing message. Service messages meet only their
 * own daily cap per channel, which never holds a reminder past its deadline.
 * When several rules hold a message, the verdict names the one that holds it
 * longest; its moment is moved into the sending window.
 */
export function decideContact(
    facts: ContactFacts,
    now: Date,
    settings: ContactPolicySettings = DEFAULT_CONTACT_POLICY,
): ContactVerdict {
    const { window } = settings;
    const zone = facts.timezone;
    if (facts.testModeAllows === false) return { decision: 'drop', reason: 'test_mode' };
    if (facts.traffic === 'marketing' && facts.inGlobalControl)
        return { decision: 'drop', reason: 'global_control' };
    if (!facts.consented) return { decision: 'drop', reason: 'no_consent' };
    if (!facts.hasContact) return { decision: 'drop', reason: 'no_contact' };
    const marketing = facts.traffic === 'marketing';
    if (marketing && facts.segment && facts.excludedSegments?.includes(facts.segment))
        return { decision: 'drop', reason: 'segment_excluded' };
    const holds: Array<Omit<CapHold, 'reason'> & { reason: HoldReason }> = [];
    let waived: { reason: 'service_daily_cap'; used: number; cap: number } | undefined;
    if (marketing) {
        if (facts.lastPurchaseAt) {
            const quietUntil = DateTime.fromJSDate(facts.lastPurchaseAt, { zone })
                .plus({ days: settings.quietDaysAfterPurchase })
                .toJSDate();
            if (quietUntil > now) holds.push({ reason: 'post_purchase_quiet', until: quietUntil });
        }
        holds.push(
            ...marketingHolds({
                channel: facts.channel,
                sent: facts.sent,
                caps: settings.caps,
                monthlyCap: settings.monthlyMarketingCap,
                minGapMinutes: settings.minGapMinutes,
                zone,
                window,
                now,
            }),
        );
    } else {
        const hold = serviceHold(facts.channel, facts.sent, settings.caps, zone, window, now);
        if (hold && beforeDeadline(hold.until, facts.deadline, zone, window, now)) holds.push(hold);
        else if (hold) waived = { reason: 'service_daily_cap', used: hold.used ?? 0, cap: hold.cap ?? 0 };
    }
    let binding: ContactVerdict | null = null;
    for (const { until, ...hold } of holds) {
        const nextAllowedAt = nextWindowStart(until, zone, window);
        if (binding?.decision === 'hold' && binding.nextAllowedAt >= nextAllowedAt) continue;
        binding = { decision: 'hold', ...hold, nextAllowedAt, timezone: zone };
    }
    if (binding) return binding;
    if ((marketing || settings.serviceInWindow) && !insideWindow(now, zone, window))
        return {
            decision: 'hold',
            reason: 'outside_window',
            nextAllowedAt: nextWindowStart(now, zone, window),
            timezone: zone,
        };
    return waived ? { decision: 'send', waived } : { decision: 'send' };
}

/** Whether a message held until `until` still goes out in time for its deadline (always, without one). */
function beforeDeadline(
    until: Date,
    deadline: Date | null | undefined,
    zone: string,
    window: SendWindow,
    now: Date,
): boolean {
    if (!deadline) return true;
    const last = lastSendMoment(deadline, DEADLINE_LEAD_MINUTES, zone, window, now);
    return last !== null && nextWindowStart(until, zone, window) <= last;
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
 * next chance is not on the next local day). Times are shown in the zone
 * the rule was applied in (recorded with the verdict), else `facts.timezone`.
 */
export function explainVerdict(
    verdict: ContactVerdict,
    facts: Pick<ContactFacts, 'channel' | 'timezone'>,
    now: Date,
): string {
    const channel = CHANNEL_NAMES[facts.channel] ?? facts.channel;
    if (verdict.decision === 'send')
        return verdict.waived
            ? `sent past the ${channel} daily cap of service messages ${verdict.waived.used}/${verdict.waived.cap}: the last chance before its deadline`
            : 'sent';
    if (verdict.decision === 'drop')
        return {
            no_consent: `not sent: no ${channel} consent`,
            no_contact: `not sent: no ${channel} contact`,
            segment_excluded: 'not sent: the campaign excludes the customer’s segment',
            test_mode: 'not sent: test mode, the card is not on the test list',
            global_control: 'not sent: the customer is in the global control group (no marketing)',
        }[verdict.reason];
    const zone = verdict.timezone ?? facts.timezone;
    const when = DateTime.fromJSDate(verdict.nextAllowedAt, { zone });
    const today = DateTime.fromJSDate(now, { zone }).startOf('day');
    const days = when.startOf('day').diff(today, 'days').days;
    const time = days <= 1 ? when.toFormat('HH:mm') : when.toFormat('yyyy-MM-dd HH:mm');
    const used = `${verdict.used}/${verdict.cap}`;
    const what = {
        outside_window: 'outside the sending hours',
        post_purchase_quiet: 'quiet period after a purchase',
        daily_cap: `${channel} daily cap ${used}`,
        weekly_cap: `${channel} weekly cap ${used} in the last 7 days`,
        all_channels_daily_cap: `daily cap of all channels ${used}`,
        all_channels_weekly_cap: `weekly cap of all channels ${used} in the last 7 days`,
        monthly_cap: `monthly marketing cap ${used}`,
        min_gap: `${verdict.gapMinutes} minutes between marketing messages`,
        service_daily_cap: `${channel} daily cap of service messages ${used}`,
    }[verdict.reason];
    return `held: ${what}, next allowed ${time} ${zone}`;
}
