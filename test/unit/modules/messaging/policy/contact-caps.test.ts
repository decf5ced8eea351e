import { describe, expect, it } from 'vitest';
import {
    DEFAULT_CONTACT_POLICY,
    decideContact,
    explainVerdict,
    type ContactFacts,
    type ContactPolicySettings,
    type ContactVerdict,
    type SentMessage,
} from '../../../../../plugin/modules/messaging/policy/contact-policy.js';

const zone = 'Europe/Samara'; // UTC+4
const noon = new Date('2026-11-24T08:00:00Z'); // 12:00 in Samara
const facts = (over: Partial<ContactFacts> = {}): ContactFacts => ({
    channel: 'sms',
    traffic: 'marketing',
    timezone: zone,
    consented: true,
    hasContact: true,
    sent: [],
    lastPurchaseAt: null,
    ...over,
});
const at = (iso: string, channel = 'sms', traffic = 'marketing'): SentMessage => ({
    channel,
    traffic,
    at: new Date(iso),
});
const hours = (n: number) => new Date(noon.getTime() + n * 3_600_000);
const explain = (v: ContactVerdict, channel = 'sms') => explainVerdict(v, { channel, timezone: zone }, noon);

/** Sends one message after another to one customer at `times`, as the dispatcher does; returns the verdicts. */
function burst(channel: string, times: Date[], settings: ContactPolicySettings): ContactVerdict[] {
    const history: SentMessage[] = [];
    return times.map((now) => {
        const v = decideContact(facts({ channel, sent: [...history] }), now, settings);
        if (v.decision === 'send') history.push({ channel, traffic: 'marketing', at: now });
        return v;
    });
}

describe('caps for every channel', () => {
    it('8 marketing pushes in one minute: the first goes, the others are held by the minimum gap', () => {
        const verdicts = burst(
            'push',
            Array.from({ length: 8 }, (_, i) => new Date(noon.getTime() + i * 7_000)),
            DEFAULT_CONTACT_POLICY,
        );
        expect(verdicts.filter((v) => v.decision === 'send')).toHaveLength(1);
        expect(verdicts[1]).toMatchObject({ decision: 'hold', reason: 'min_gap', gapMinutes: 60 });
        expect(verdicts[1].decision === 'hold' && verdicts[1].nextAllowedAt).toEqual(hours(1));
        expect(explain(verdicts[1], 'push')).toBe(
            'held: 60 minutes between marketing messages, next allowed 13:00 Europe/Samara',
        );
    });

    it('push and Telegram stop at their own daily caps, and the day ends at local midnight', () => {
        const noGap = { ...DEFAULT_CONTACT_POLICY, minGapMinutes: 0 };
        for (const channel of ['push', 'telegram']) {
            const verdicts = burst(channel, [0, 1, 2, 3].map(hours), noGap);
            expect(verdicts.map((v) => v.decision)).toEqual(['send', 'send', 'send', 'hold']);
            expect(verdicts[3]).toMatchObject({ reason: 'daily_cap', used: 3, cap: 3 });
        }
        const today = [0, 1, 2].map((h) => at(hours(-h).toISOString(), 'push'));
        const v = decideContact(facts({ channel: 'push', sent: today }), noon, noGap);
        expect(explain(v, 'push')).toBe('held: push daily cap 3/3, next allowed 09:00 Europe/Samara');
        // 23:59 Samara is still the same day; 00:00 the next one is a new day (then the window opens at 09:00).
        const late = new Date('2026-11-24T19:59:00Z');
        expect(decideContact(facts({ channel: 'push', sent: today }), late, noGap)).toMatchObject({
            reason: 'daily_cap',
        });
        const next = new Date('2026-11-25T05:00:00Z');
        expect(decideContact(facts({ channel: 'push', sent: today }), next, noGap)).toEqual({
            decision: 'send',
        });
    });

    it('a channel’s weekly cap counts the last 7 days and frees one message at a time', () => {
        // Five SMS on five days before today: under every daily cap, at the weekly cap of 5.
        const week = [6, 5, 4, 3, 2].map((d) => at(new Date(noon.getTime() - d * 86_400_000).toISOString()));
        const v = decideContact(facts({ sent: week }), noon);
        expect(v).toMatchObject({ decision: 'hold', reason: 'weekly_cap', used: 5, cap: 5 });
        // The oldest leaves the week 7 days after it was sent: tomorrow at 12:00.
        expect(v.decision === 'hold' && v.nextAllowedAt).toEqual(hours(24));
        expect(explain(v)).toBe(
            'held: SMS weekly cap 5/5 in the last 7 days, next allowed 12:00 Europe/Samara',
        );
        expect(decideContact(facts({ sent: week }), hours(24))).toEqual({ decision: 'send' });
        // Other channels have their own weekly cap.
        expect(decideContact(facts({ channel: 'email', sent: week }), noon)).toEqual({ decision: 'send' });
    });

    it('the daily and weekly caps of all channels count every channel', () => {
        const today = [at('2026-11-24T05:00:00Z', 'sms'), at('2026-11-24T05:10:00Z', 'sms')].concat(
            at('2026-11-24T05:20:00Z', 'push'),
            at('2026-11-24T05:30:00Z', 'push'),
        );
        const v = decideContact(facts({ channel: 'telegram', sent: today }), noon);
        expect(v).toMatchObject({ reason: 'all_channels_daily_cap', used: 4, cap: 4 });
        expect(explain(v, 'telegram')).toBe(
            'held: daily cap of all channels 4/4, next allowed 09:00 Europe/Samara',
        );
        const channels = ['sms', 'email', 'push', 'telegram', 'viber'];
        const week = Array.from({ length: 10 }, (_, i) =>
            at(new Date(noon.getTime() - (i + 1) * 14 * 3_600_000).toISOString(), channels[i % 5]),
        );
        // (The monthly cap of 8 would hold it longer: the verdict names the longest hold.)
        const roomy = { ...DEFAULT_CONTACT_POLICY, monthlyMarketingCap: 100 };
        expect(decideContact(facts({ channel: 'whatsapp', sent: week }), noon, roomy)).toMatchObject({
            reason: 'all_channels_weekly_cap',
            used: 10,
            cap: 10,
        });
    });

    it('a hold names the rule that holds longest', () => {
        // At the daily cap (until tomorrow) and in the quiet days after a purchase (3 more days).
        const v = decideContact(
            facts({
                sent: [0, 1, 2].map((h) => at(hours(-h - 1).toISOString())),
                lastPurchaseAt: new Date('2026-11-20T08:00:00Z'),
            }),
            noon,
        );
        expect(v).toMatchObject({ reason: 'post_purchase_quiet' });
        expect(v.decision === 'hold' && v.nextAllowedAt.toISOString()).toBe('2026-11-27T08:00:00.000Z');
    });

    it('caps and the gap follow the settings', () => {
        const settings: ContactPolicySettings = {
            ...DEFAULT_CONTACT_POLICY,
            minGapMinutes: 0,
            caps: {
                ...DEFAULT_CONTACT_POLICY.caps,
                daily: { ...DEFAULT_CONTACT_POLICY.caps.daily, push: 8 },
            },
        };
        const verdicts = burst(
            'push',
            Array.from({ length: 8 }, (_, i) => hours(i / 60)),
            settings,
        );
        // Eight pushes allowed by the push cap; the cap of all channels (4) holds the fifth.
        expect(verdicts.filter((v) => v.decision === 'send')).toHaveLength(4);
        expect(verdicts[4]).toMatchObject({ reason: 'all_channels_daily_cap' });
    });
});

describe('service messages and their own cap', () => {
    const busyDay = [0, 1, 2, 3, 4, 5].map((h) => at(hours(-h - 0.5).toISOString(), 'sms', 'marketing'));

    it('a day of marketing messages never holds a service message back', () => {
        expect(decideContact(facts({ traffic: 'service', sent: busyDay }), noon)).toEqual({
            decision: 'send',
        });
    });

    it('service messages have a daily cap of their own per channel', () => {
        const services = [1, 2, 3, 4, 5].map((h) => at(hours(-h).toISOString(), 'sms', 'service'));
        const v = decideContact(facts({ traffic: 'service', sent: services }), noon);
        expect(v).toMatchObject({ decision: 'hold', reason: 'service_daily_cap', used: 5, cap: 5 });
        expect(explain(v)).toBe(
            'held: SMS daily cap of service messages 5/5, next allowed 09:00 Europe/Samara',
        );
        // Service messages do not count against marketing caps either.
        expect(decideContact(facts({ sent: services }), noon)).toEqual({ decision: 'send' });
    });

    it('the service cap never holds a bonus-expiry notice past its burn date', () => {
        const services = [1, 2, 3, 4, 5].map((h) => at(hours(-h).toISOString(), 'sms', 'service'));
        // Bonuses burn tomorrow at 08:00 Samara: the last chance is today before 21:00.
        const deadline = new Date('2026-11-25T04:00:00Z');
        const v = decideContact(facts({ traffic: 'service', sent: services, deadline }), noon);
        expect(v).toEqual({ decision: 'send', waived: { reason: 'service_daily_cap', used: 5, cap: 5 } });
        expect(explain(v)).toBe(
            'sent past the SMS daily cap of service messages 5/5: the last chance before its deadline',
        );
        // A deadline next week leaves time: the notice waits for tomorrow.
        const later = new Date('2026-12-01T04:00:00Z');
        expect(
            decideContact(facts({ traffic: 'service', sent: services, deadline: later }), noon),
        ).toMatchObject({
            decision: 'hold',
            reason: 'service_daily_cap',
        });
    });
});
