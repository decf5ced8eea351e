import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { Customer } from '../entities/customer.entity.js';

/**
 * Why a till may not use a card for a sale, a preview, a balance or a
 * profile change: the card was replaced by another (no customer holds it,
 * and it is never enrolled again), or it is blocked. Returns of receipts
 * made with it never ask: they address the receipt. Null when the card may
 * be used (an unknown card that was never replaced included).
 */
export function cardRefusal(
    customer: Pick<Customer, 'blockedAt'> | null,
    replaced: boolean,
): RefillError | null {
    if (customer?.blockedAt)
        return new RefillError(
            'REFILL_CARD_BLOCKED',
            'This card is blocked; ask the customer to contact the store',
        );
    if (!customer && replaced)
        return new RefillError('REFILL_CARD_REPLACED', 'This card was replaced by another; use the new card');
    return null;
}

/** The refusals of {@link cardRefusal} as a POS route table lists them. */
export const CARD_REFUSAL_ERRORS = {
    REFILL_CARD_REPLACED:
        'The card was replaced by another at the store desk: use the new card (returns of its receipts still work)',
    REFILL_CARD_BLOCKED: 'The card is blocked at the store desk (returns of its receipts still work)',
} as const;
