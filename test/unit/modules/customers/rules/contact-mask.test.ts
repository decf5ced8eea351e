import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone } from '../../../../../plugin/modules/customers/rules/contact-mask.js';

describe('contact masks', () => {
    it('masks a phone number in its national grouping, keeping the code and the last two digits', () => {
        expect(maskPhone('+79161234567')).toBe('+7 916 ***-**-67');
        expect(maskPhone('+12025550123')).toBe('+1 202 ***-**23');
        expect(maskPhone('+442071234567')).toBe('+44 20 **** **67');
        expect(maskPhone('+4915112345678')).toBe('+49 1511 *****78');
    });

    it('masks what is not a valid number without showing more than its last two digits', () => {
        expect(maskPhone('12345678')).toBe('***78');
        expect(maskPhone('7')).toBe('***');
    });

    it('masks an email down to its first letter and the domain', () => {
        expect(maskEmail('ivan.petrov@example.com')).toBe('i***@example.com');
        expect(maskEmail('x@mail.ru')).toBe('x***@mail.ru');
        expect(maskEmail('not-an-email')).toBe('***');
    });
});
