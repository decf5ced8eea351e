import { describe, expect, it } from 'vitest';
import { validateOptions } from '../../../plugin/config/validate-options.js';

const base = { databaseUrl: 'sqlite::memory:' };
const CHANNELS = ['sms', 'email', 'push', 'telegram', 'viber', 'whatsapp'];

describe('messaging caps options', () => {
    it('push and Telegram have daily caps by default, like every channel, with weekly, all-channel and service caps', () => {
        const { caps, minGapMinutes } = validateOptions(base).messaging;
        for (const channel of CHANNELS) {
            expect(caps.daily[channel], `daily ${channel}`).toBeGreaterThan(0);
            expect(caps.weekly[channel], `weekly ${channel}`).toBeGreaterThanOrEqual(caps.daily[channel]);
            expect(caps.serviceDaily[channel], `service ${channel}`).toBeGreaterThan(0);
        }
        expect(caps.daily).toMatchObject({ sms: 3, email: 2, push: 3, telegram: 3 });
        expect(caps.allChannels).toEqual({ daily: 4, weekly: 10 });
        expect(minGapMinutes).toBe(60);
    });

    it('a partial caps object keeps the other channels’ defaults; the former dailyCaps is read, caps.daily wins', () => {
        const { caps } = validateOptions({
            ...base,
            messaging: {
                dailyCaps: { sms: 1, email: 1 },
                caps: { daily: { email: 4, push: 9 }, allChannels: { weekly: 3 } },
            },
        }).messaging;
        expect(caps.daily).toMatchObject({ sms: 1, email: 4, push: 9, telegram: 3 });
        expect(caps.allChannels).toEqual({ daily: 4, weekly: 3 });
        expect(caps.weekly.push).toBe(7);
    });

    it('refuses a negative cap, an unknown channel and a gap beyond a week, naming the field', () => {
        const cases: Array<[Record<string, unknown>, string]> = [
            [{ caps: { weekly: { sms: -1 } } }, 'messaging.caps.weekly.sms'],
            [{ caps: { daily: { fax: 1 } } }, 'messaging.caps.daily.fax'],
            [{ caps: { allChannels: { daily: 1.5 } } }, 'messaging.caps.allChannels.daily'],
            [{ caps: { serviceDaily: { push: 'many' } } }, 'messaging.caps.serviceDaily.push'],
            [{ minGapMinutes: 7 * 24 * 60 + 1 }, 'messaging.minGapMinutes'],
        ];
        for (const [messaging, field] of cases)
            expect(() => validateOptions({ ...base, messaging } as never)).toThrow(
                expect.objectContaining({ code: 'REFILL_CONFIG_INVALID', field }),
            );
    });
});
