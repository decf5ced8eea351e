import { describe, expect, it } from 'vitest';
import { contactProfile } from '../../../../../plugin/modules/customers/services/contact-profile.js';

describe('contactProfile', () => {
    it('stores a phone typed in any local format as E.164 and an email in lower case', () => {
        expect(contactProfile({ phone: '8 (912) 345-67-89', email: 'Ivan@Example.com' }, 'RU')).toEqual({
            phone: '+79123456789',
            email: 'ivan@example.com',
        });
        expect(contactProfile({ phone: '+7 912 345-67-89' }, 'RU')).toEqual({ phone: '+79123456789' });
    });

    it('keeps absent fields out and null fields as clears', () => {
        expect(contactProfile({ name: 'Ivan', phone: null, locale: undefined }, 'RU')).toEqual({
            name: 'Ivan',
            phone: null,
        });
    });

    it('refuses an invalid phone with a 400 on `phone`', () => {
        expect(() => contactProfile({ phone: '12' }, 'RU')).toThrow(
            expect.objectContaining({
                code: 'REFILL_VALIDATION',
                details: [expect.objectContaining({ path: 'phone' })],
            }),
        );
    });
});
