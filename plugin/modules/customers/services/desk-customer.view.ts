import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { Customer } from '../entities/customer.entity.js';
import { cardRefusal } from '../rules/card-refusal.rules.js';
import type { CustomerRepository } from '../repositories/customer.repository.js';

/**
 * A customer as the store desk's actions answer them (the minimal card until
 * the desk answers with the full customer card).
 */
export interface DeskCustomerView {
    id: number;
    cardNumber: string;
    blocked: boolean;
    blockedAt: string | null;
    blockReason: string | null;
    /** Bonuses available now (the cached balance the ledger keeps exact). */
    balance: number;
    cardKind: Customer['cardKind'];
}

/** A customer's desk view. */
export function deskView(c: Customer): DeskCustomerView {
    return {
        id: c.id,
        cardNumber: c.cardNumber,
        blocked: c.blockedAt !== null,
        blockedAt: c.blockedAt?.toISOString() ?? null,
        blockReason: c.blockReason,
        balance: c.balance,
        cardKind: c.cardKind,
    };
}

/**
 * Row-locks the customer of a card for a desk action (the customer's row lock
 * is the first lock of every write path). A replaced card answers 409
 * REFILL_CARD_REPLACED, an unknown one 404.
 */
export async function lockDeskCustomer(
    tx: SqlExecutor,
    customers: Pick<CustomerRepository, 'lockByCard' | 'isReplacedCard'>,
    cardNumber: string,
): Promise<Customer> {
    const customer = await customers.lockByCard(tx, cardNumber);
    if (customer) return customer;
    if (await customers.isReplacedCard(tx, cardNumber)) throw cardRefusal(null, true) as RefillError;
    throw new RefillError('REFILL_CUSTOMER_NOT_FOUND', 'No customer with this card');
}
