import { describe, expect, it } from 'vitest';
import { maskCard, redactText, safeError, safePath } from '../../../../plugin/kernel/logging/logger.js';

describe('log hygiene', () => {
    it('masks emails, phone and card numbers in free text', () => {
        expect(redactText("Duplicate entry '2000123456789' for key 'UQ_refill_customers_card'")).toBe(
            "Duplicate entry '[number]' for key 'UQ_refill_customers_card'",
        );
        expect(redactText('call +7 (916) 123-45-67 or write anna@example.com')).toBe(
            'call [number] or write [email]',
        );
        expect(redactText('batch 42 of 500')).toBe('batch 42 of 500');
    });

    it('keeps SQL and its values out of logged errors', () => {
        const error = Object.assign(new Error("Duplicate entry '7700001'"), {
            code: 'ER_DUP_ENTRY',
            errno: 1062,
            sql: "INSERT INTO refill_customers (card_number, phone) VALUES ('7700001', '+79161234567')",
        });
        const safe = safeError(error);
        expect(safe).toMatchObject({
            code: 'ER_DUP_ENTRY',
            errno: 1062,
            message: "Duplicate entry '[number]'",
        });
        expect(JSON.stringify(safe)).not.toContain('79161234567');
        expect(JSON.stringify(safe)).not.toContain('sql');
    });

    it('hides card numbers in request paths and masks them for display', () => {
        expect(safePath('/pos/v1/customers/ABC-7700001/balance')).toBe(
            '/pos/v1/customers/:cardNumber/balance',
        );
        expect(maskCard('2000123456789')).toBe('****6789');
    });
});
