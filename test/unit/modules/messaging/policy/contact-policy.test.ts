import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    decideContact,
    explainVerdict,
    type ContactFacts,
    type ContactVerdict,
    type SentMessage,
} from '../../../../../plugin/modules/messaging/policy/contact-policy.js';
import { insideWindow, nextWindowStart } from '../../../../../plugin/modules/messaging/policy/send-window.js';

const facts = (over: Partial<ContactFacts> = {}): ContactFacts => ({
    channel: 'sms',
    traffic: 'marketing',
    timezone: 'Europe/Samara',
    consented: true,
    hasContact: true,
    sent: [],
    lastPurchaseAt: null,
    ...over,
});
/** `n` messages in `channel`, the first at `from`, then every `everyMinutes`. */
const sent = (
    n: number,
    from: string,
    channel = 'sms',
    traffic: 'marketing' | 'service' = 'marketing',
    everyMinutes = 60,
): SentMessage[] =>
    Array.from({ length: n }, (_, i) => ({
        channel,
        traffic,
        at: new Date(new Date(from).getTime() + i * everyMinutes * 60_000),
    }));
const window = { from: '09:00', to: '21:00' };

describe('decideContact', () => {
    const noon = new Date('2026-11-24T08:00:00Z'); // 12:00 in Samara (UTC+4)

    it('sends inside the window with consent and contact', () => {
        expect(decideContact(facts(), noon)).toEqual({ decision: 'send' });
    });

    it('never uses a channel without consent, service messages included', () => {
        expect(decideContact(facts({ consented: false, traffic: 'service' }), noon)).toEqual({
            decision: 'drop',
            reason: 'no_consent',
        });
        expect(decideContact(facts({ hasContact: false }), noon)).toMatchObject({ reason: 'no_contact' });
    });

    it('holds at the SMS daily cap until the next local morning and explains it', () => {
        const v = decideContact(facts({ sent: sent(3, '2026-11-24T05:00:00Z') }), noon);
        expect(v).toMatchObject({ decision: 'hold', reason: 'daily_cap', used: 3, cap: 3 });
        expect(v.decision === 'hold' && v.nextAllowedAt.toISOString()).toBe('2026-11-25T05:00:00.000Z');
        expect(explainVerdict(v, facts(), noon)).toBe(
            'held: SMS daily cap 3/3, next allowed 09:00 Europe/Samara',
        );
        const emails = sent(2, '2026-11-24T05:00:00Z', 'email');
        expect(decideContact(facts({ channel: 'email', sent: emails }), noon)).toMatchObject({ cap: 2 });
        // Yesterday's messages (local day) do not count.
        expect(decideContact(facts({ sent: sent(3, '2026-11-23T15:00:00Z') }), noon)).toEqual({
            decision: 'send',
        });
    });

    it('keeps marketing quiet for 7 days after a purchase; service messages are not held', () => {
        const bought = new Date('2026-11-20T15:30:00Z');
        const v = decideContact(facts({ lastPurchaseAt: bought }), noon);
        expect(v).toMatchObject({ decision: 'hold', reason: 'post_purchase_quiet' });
        expect(v.decision === 'hold' && v.nextAllowedAt.toISOString()).toBe('2026-11-27T15:30:00.000Z');
        expect(decideContact(facts({ lastPurchaseAt: bought, traffic: 'service' }), noon)).toEqual({
            decision: 'send',
        });
    });

    it('applies the monthly marketing cap until the next local month', () => {
        const month = sent(8, '2026-11-01T06:00:00Z', 'sms', 'marketing', 2 * 24 * 60);
        const v = decideContact(facts({ sent: month }), noon);
        expect(v).toMatchObject({ reason: 'monthly_cap', used: 8, cap: 8 });
        expect(v.decision === 'hold' && v.nextAllowedAt.toISOString()).toBe('2026-12-01T05:00:00.000Z');
        expect(explainVerdict(v, facts(), noon)).toBe(
            'held: monthly marketing cap 8/8, next allowed 2026-12-01 09:00 Europe/Samara',
        );
        expect(decideContact(facts({ sent: month, traffic: 'service' }), noon)).toEqual({
            decision: 'send',
        });
    });

    it('drops marketing to excluded segments', () => {
        const v = decideContact(facts({ segment: 'regular', excludedSegments: ['regular'] }), noon);
        expect(v).toEqual({ decision: 'drop', reason: 'segment_excluded' });
    });

    it('holds late-evening messages until 09:00 the next local day', () => {
        const late = new Date('2026-11-24T19:30:00Z'); // 23:30 Samara
        const v = decideContact(facts(), late);
        expect(v).toMatchObject({ reason: 'outside_window' });
        expect(v.decision === 'hold' && v.nextAllowedAt.toISOString()).toBe('2026-11-25T05:00:00.000Z');
    });
});

describe('send window across daylight-saving changes', () => {
    it('opens at 09:00 local on the day clocks spring forward and fall back', () => {
        // New York: 2026-03-08 clocks go 02:00 → 03:00; at 01:00 EST the next opening is 09:00 EDT (13:00Z).
        expect(
            nextWindowStart(new Date('2026-03-08T06:00:00Z'), 'America/New_York', window).toISOString(),
        ).toBe('2026-03-08T13:00:00.000Z');
        // Berlin: 2026-10-25 clocks go 03:00 → 02:00; 22:00 CEST on the 24th → 09:00 CET on the 25th (08:00Z).
        expect(nextWindowStart(new Date('2026-10-24T20:00:00Z'), 'Europe/Berlin', window).toISOString()).toBe(
            '2026-10-25T08:00:00.000Z',
        );
    });

    it('always lands inside the window, within a day and a bit, in any zone', () => {
        const zones = [
            'Europe/Samara',
            'Asia/Kamchatka',
            'America/New_York',
            'Europe/Berlin',
            'Australia/Lord_Howe',
        ];
        fc.assert(
            fc.property(
                fc.date({ min: new Date('2026-01-01Z'), max: new Date('2027-12-31Z'), noInvalidDate: true }),
                fc.constantFrom(...zones),
                (from, zone) => {
                    const next = nextWindowStart(from, zone, window);
                    expect(next.getTime()).toBeGreaterThanOrEqual(from.getTime());
                    expect(insideWindow(next, zone, window)).toBe(true);
                    expect(next.getTime() - from.getTime()).toBeLessThanOrEqual(26 * 3_600_000);
                },
            ),
        );
    });
});

const noon = new Date('2026-11-24T08:00:00Z'); // 12:00 in Samara (UTC+4)
const testMode: ContactVerdict = { decision: 'drop', reason: 'test_mode' };

describe('decideContact in test mode', () => {
    it('drops messages to cards not on the test list', () => {
        expect(decideContact(facts({ testModeAllows: false }), noon)).toEqual(testMode);
    });

    it('drops service messages too', () => {
        expect(decideContact(facts({ testModeAllows: false, traffic: 'service' }), noon)).toEqual(testMode);
    });

    it('checks test mode before consent and contact', () => {
        expect(decideContact(facts({ testModeAllows: false, consented: false }), noon)).toEqual(testMode);
        expect(decideContact(facts({ testModeAllows: false, hasContact: false }), noon)).toEqual(testMode);
        expect(
            decideContact(facts({ testModeAllows: false, consented: false, traffic: 'service' }), noon),
        ).toEqual(testMode);
    });

    it('drops rather than holds when another rule would hold', () => {
        const late = new Date('2026-11-24T19:30:00Z'); // 23:30 Samara
        expect(decideContact(facts({ testModeAllows: false }), late)).toEqual(testMode);
        expect(
            decideContact(facts({ testModeAllows: false, sent: sent(3, '2026-11-24T05:00:00Z') }), noon),
        ).toEqual(testMode);
        expect(
            decideContact(facts({ testModeAllows: false, segment: 'vip', excludedSegments: ['vip'] }), noon),
        ).toEqual(testMode);
    });

    it('leaves cards on the test list, and test mode off, to the usual rules', () => {
        expect(decideContact(facts({ testModeAllows: true }), noon)).toEqual({ decision: 'send' });
        expect(decideContact(facts(), noon)).toEqual({ decision: 'send' });
        expect(decideContact(facts({ testModeAllows: true, consented: false }), noon)).toEqual({
            decision: 'drop',
            reason: 'no_consent',
        });
    });
});

describe('explainVerdict in test mode', () => {
    it('says the card is not on the test list', () => {
        const f = facts({ testModeAllows: false });
        expect(explainVerdict(decideContact(f, noon), f, noon)).toBe(
            'not sent: test mode, the card is not on the test list',
        );
        expect(explainVerdict(testMode, facts({ channel: 'email' }), noon)).toBe(
            'not sent: test mode, the card is not on the test list',
        );
    });
});
