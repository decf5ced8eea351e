import { describe, expect, it } from 'vitest';
import {
    decideContact,
    explainVerdict,
    type ContactFacts,
} from '../../../../../plugin/modules/messaging/policy/contact-policy.js';
import { inGlobalControl } from '../../../../../plugin/modules/campaigns/index.js';
import { priceOf, senderOf } from '../../../../../plugin/modules/messaging/channels/traffic-pricing.js';

const facts = (over: Partial<ContactFacts> = {}): ContactFacts => ({
    channel: 'sms',
    traffic: 'marketing',
    timezone: 'Europe/Moscow',
    consented: true,
    hasContact: true,
    sent: [],
    lastPurchaseAt: null,
    ...over,
});
const noon = new Date('2026-11-24T09:00:00Z');

describe('traffic types', () => {
    it('never sends marketing to the global control group, and says why; service still goes', () => {
        const held = decideContact(facts({ inGlobalControl: true }), noon);
        expect(held).toEqual({ decision: 'drop', reason: 'global_control' });
        expect(explainVerdict(held, facts(), noon)).toBe(
            'not sent: the customer is in the global control group (no marketing)',
        );
        expect(decideContact(facts({ inGlobalControl: true, traffic: 'service' }), noon)).toEqual({
            decision: 'send',
        });
        // The whole program held out (a test-only share): everyone is in it.
        expect(inGlobalControl({ seed: 's', shareBp: 10_000 }, 42)).toBe(true);
        expect(inGlobalControl(null, 42)).toBe(false);
    });

    it('picks the sender and the price of the message’s traffic type, else the provider’s', () => {
        const options = { senders: { marketing: 'Promo' }, prices: { service: 100 } };
        expect(senderOf({ traffic: 'marketing' }, options, 'Default')).toBe('Promo');
        expect(senderOf({ traffic: 'service' }, options, 'Default')).toBe('Default');
        expect(senderOf({ traffic: 'marketing', sender: 'Own' }, options, 'Default')).toBe('Own');
        expect(priceOf({ traffic: 'service' }, options, 250)).toBe(100);
        expect(priceOf({ traffic: 'marketing' }, options, 250)).toBe(250);
        expect(priceOf({}, options, 250)).toBe(250);
    });
});
