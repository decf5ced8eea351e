import { describe, expect, it } from 'vitest';
import { validateOptions } from '../../../../../plugin/config/validate-options.js';
import {
    configuredContactPolicy,
    editableContactPolicySchema,
    policyMeaning,
    policyValues,
} from '../../../../../plugin/modules/messaging/policy/contact-policy.values.js';

const defaults = configuredContactPolicy(validateOptions({ databaseUrl: 'sqlite::memory:' }).messaging);

describe('the editable contact policy', () => {
    it('takes its defaults from the validated options', () => {
        expect(defaults).toMatchObject({
            window: { from: '09:00', to: '21:00' },
            quietDaysAfterPurchase: 7,
            minGapMinutes: 60,
            monthlyMarketingCap: 8,
            caps: { allChannels: { daily: 4, weekly: 10 } },
        });
        expect(defaults.caps.daily.sms).toBe(3);
        const custom = configuredContactPolicy(
            validateOptions({
                databaseUrl: 'sqlite::memory:',
                messaging: { quietDaysAfterPurchase: 3, caps: { daily: { sms: 1 } } },
            }).messaging,
        );
        expect([custom.quietDaysAfterPurchase, custom.caps.daily.sms, custom.caps.daily.email]).toEqual([
            3, 1, 2,
        ]);
    });

    it('accepts the defaults and refuses bad values with their paths', () => {
        expect(editableContactPolicySchema.validate(defaults).error).toBeUndefined();
        const { error } = editableContactPolicySchema.validate(
            {
                ...defaults,
                window: { from: '9:00', to: '08:00' },
                minGapMinutes: 1.5,
                caps: { ...defaults.caps, weekly: { ...defaults.caps.weekly, viber: 501 } },
            },
            { abortEarly: false },
        );
        expect(error?.details.map((d) => d.path.join('.')).sort()).toEqual([
            'caps.weekly.viber',
            'minGapMinutes',
            'window.from',
            'window.to',
        ]);
        const missing = { ...defaults, caps: { ...defaults.caps, daily: { sms: 3 } } };
        expect(editableContactPolicySchema.validate(missing).error?.details[0].path.join('.')).toBe(
            'caps.daily.email',
        );
    });

    it('lists every value once by path, and says what each means for a customer', () => {
        const values = policyValues(defaults);
        expect(new Set(values.map((v) => v.path)).size).toBe(values.length);
        expect(values).toHaveLength(7 + 3 * 6);
        expect(values.find((v) => v.path === 'caps.serviceDaily.push')?.value).toBe(10);
        const meaning = (path: string) =>
            policyMeaning(path, values.find((v) => v.path === path)!.value, defaults);
        expect(meaning('window.to')).toMatch(/between 09:00 and 21:00/);
        expect(meaning('quietDaysAfterPurchase')).toBe(
            'After a purchase, a customer gets no offers for 7 days.',
        );
        expect(policyMeaning('quietDaysAfterPurchase', 0, defaults)).toBe(
            'A purchase does not pause offers.',
        );
        expect(meaning('caps.weekly.sms')).toBe('A customer gets at most 5 offers in any 7 days by sms.');
        expect(meaning('caps.allChannels.daily')).toMatch(/at most 4 offers a day over all channels/);
    });
});
