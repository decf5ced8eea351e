import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    classifyCustomerQuery as classify,
    nameSearchKey,
} from '../../../../../plugin/modules/customers/rules/customer-query.rules.js';

describe('the desk search read as typed', () => {
    it('reads nothing typed as the newest customers', () => {
        expect(classify(undefined, 'RU')).toEqual({ kind: 'recent' });
        expect(classify('   ', 'RU')).toEqual({ kind: 'recent' });
    });

    it('reads a phone in any format as its E.164 form, the 8 trunk prefix included', () => {
        for (const typed of ['+7 912 345-67-89', '8 (912) 3456789', '+7(912)345.67.89', ' 8 912 345 67 89 '])
            expect(classify(typed, 'RU')).toEqual({ kind: 'phone', phone: '+79123456789' });
    });

    it('reads digits only as a card, or the phone they make in the chain’s country', () => {
        expect(classify('89123456789', 'RU')).toEqual({
            kind: 'cardOrPhone',
            card: '89123456789',
            phone: '+79123456789',
        });
        expect(classify('9123456789', 'RU')).toMatchObject({ phone: '+79123456789' });
        expect(classify('4000123', 'RU')).toEqual({ kind: 'cardOrPhone', card: '4000123', phone: null });
        expect(classify('0612345678', 'NL')).toMatchObject({ phone: '+31612345678' });
    });

    it('reads an e-mail exactly, in lower case', () => {
        expect(classify(' Olga.Petrova@Example.COM ', 'RU')).toEqual({
            kind: 'email',
            email: 'olga.petrova@example.com',
        });
    });

    it('reads a card with letters or dashes as a card, and an unfinished phone as nothing it is not', () => {
        expect(classify('AB-1234', 'RU')).toEqual({ kind: 'card', card: 'AB-1234' });
        expect(classify('4000-0001', 'RU')).toEqual({ kind: 'card', card: '4000-0001' });
        expect(classify('+7 912', 'RU')).toEqual({ kind: 'name', prefix: '+7 912' });
    });

    it('reads anything else as the start of a name, in any case and script, ё as е', () => {
        expect(classify('  Иванова   Алёна ', 'RU')).toEqual({ kind: 'name', prefix: 'иванова алена' });
        expect(classify('PETROV', 'RU')).toEqual({ kind: 'name', prefix: 'petrov' });
        expect(classify("O'Brien", 'RU')).toEqual({ kind: 'name', prefix: "o'brien" });
    });

    it('never throws, and a name key is stable and free of upper case', () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 40 }), (typed) => {
                const q = classify(typed, 'RU');
                if (q.kind === 'name') {
                    expect(q.prefix).toBe(nameSearchKey(q.prefix));
                    expect(q.prefix).toBe(q.prefix.toLowerCase());
                }
            }),
        );
    });
});
