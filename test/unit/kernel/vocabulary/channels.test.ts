import { describe, expect, it } from 'vitest';
import {
    CHANNEL_CONTACTS,
    CHANNELS,
    CONSENT_CHANNELS,
    isChannel,
    PHONE_CHANNELS,
} from '../../../../plugin/kernel/vocabulary/channels.js';
import {
    SHARED_TEXT_TEMPLATE,
    sharesTextTemplate,
    TEMPLATE_CHANNELS,
    TEXT_TEMPLATE_CHANNELS,
} from '../../../../plugin/kernel/vocabulary/template-channels.js';

describe('channels', () => {
    it('lists each channel once, in the order of the customers CSV', () => {
        expect(CHANNELS).toEqual(['sms', 'email', 'push', 'telegram', 'viber', 'whatsapp']);
        expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
    });

    it('asks consent for every channel and knows every channel’s address', () => {
        expect(CONSENT_CHANNELS).toEqual(CHANNELS);
        expect(Object.keys(CHANNEL_CONTACTS).sort()).toEqual([...CHANNELS].sort());
        expect(PHONE_CHANNELS).toEqual(['sms', 'viber', 'whatsapp']);
    });

    it('tells a channel from anything else', () => {
        for (const c of CHANNELS) expect(isChannel(c)).toBe(true);
        for (const v of ['text', 'SMS', '', null, 1]) expect(isChannel(v)).toBe(false);
    });
});

describe('template channels', () => {
    it('are every channel and the shared text, each once', () => {
        expect([...TEMPLATE_CHANNELS].sort()).toEqual([...CHANNELS, SHARED_TEXT_TEMPLATE].sort());
        for (const c of TEMPLATE_CHANNELS) expect(isChannel(c) || c === SHARED_TEXT_TEMPLATE).toBe(true);
    });

    it('keep the order the admin API lists templates in', () => {
        expect(TEMPLATE_CHANNELS).toEqual(['sms', 'email', 'text', 'telegram', 'push', 'viber', 'whatsapp']);
    });

    it('let push and the messengers fall back to the shared text template', () => {
        for (const c of TEXT_TEMPLATE_CHANNELS) expect(isChannel(c)).toBe(true);
        expect(CHANNELS.filter(sharesTextTemplate)).toEqual(['push', 'telegram', 'viber', 'whatsapp']);
        expect(sharesTextTemplate('sms')).toBe(false);
        expect(sharesTextTemplate('email')).toBe(false);
    });
});
