import { describe, expect, it } from 'vitest';
import { cardRefusal } from '../../../../../plugin/modules/customers/rules/card-refusal.rules.js';

describe('cardRefusal', () => {
    const at = new Date('2026-03-01T10:00:00Z');

    it('lets a known card that is not blocked, and an unknown card never replaced, through', () => {
        expect(cardRefusal({ blockedAt: null }, false)).toBeNull();
        expect(cardRefusal(null, false)).toBeNull();
    });

    it('refuses a blocked card with 409 REFILL_CARD_BLOCKED', () => {
        expect(cardRefusal({ blockedAt: at }, false)).toMatchObject({
            code: 'REFILL_CARD_BLOCKED',
            status: 409,
        });
    });

    it('refuses a replaced card (no customer holds it) with 409 REFILL_CARD_REPLACED', () => {
        expect(cardRefusal(null, true)).toMatchObject({ code: 'REFILL_CARD_REPLACED', status: 409 });
    });
});
