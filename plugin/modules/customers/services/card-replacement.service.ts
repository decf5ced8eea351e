import type { AuditRepository } from '../../admin/index.js';
import type { Clock } from '../../../kernel/clock.js';
import { isDuplicateKeyError } from '../../../kernel/db/db-errors.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { TransactionRunner } from '../../../kernel/events/event-bus.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import { maskCard } from '../../../kernel/logging/logger.js';
import type { Customer } from '../entities/customer.entity.js';
import type { CardReplacementRepository } from '../repositories/card-replacement.repository.js';
import type { CustomerRepository } from '../repositories/customer.repository.js';
import { deskView, lockDeskCustomer, type DeskCustomerView } from './desk-customer.view.js';

/** A card replacement as the desk asks for it. */
export interface CardReplacementRequest {
    cardNumber: string;
    newCardNumber: string;
    reason: string;
    /** A retry with the key answers what the first replacement did. */
    idempotencyKey: string;
    actor: string;
}

/** The repository methods a replacement uses. */
export interface CardReplacementPorts {
    customers: Pick<
        CustomerRepository,
        'lockByCard' | 'isReplacedCard' | 'findByCard' | 'findById' | 'changeCard'
    >;
    replacements: Pick<CardReplacementRepository, 'findByKey' | 'findByOldCard' | 'insert'>;
    audit: Pick<AuditRepository, 'append'>;
}

const conflict = () =>
    new RefillError('REFILL_CONFLICT', 'The new card belongs to a customer or was replaced before');

/**
 * Moves a customer to a new card (a lost or worn card). One transaction
 * takes the customer's row lock first, as every ledger write path does, then
 * changes the card number and records the old card in
 * `refill_card_replacements`. Balance, lots and history stay on the customer
 * id. A sale waiting on the lock with the old card finds no customer after
 * the commit and sees the replacement: from then on tills get 409
 * REFILL_CARD_REPLACED for it, and it is never enrolled again. Audited.
 */
export class CardReplacementService {
    constructor(
        private readonly db: TransactionRunner & SqlExecutor,
        private readonly repos: CardReplacementPorts,
        private readonly clock: Clock,
    ) {}

    /** Replaces the card; a retry with the same key answers the customer's view again. */
    async replace(r: CardReplacementRequest): Promise<{ customer: DeskCustomerView; replayed: boolean }> {
        const earlier = await this.replay(this.db, r);
        if (earlier) return earlier;
        if (r.newCardNumber === r.cardNumber) throw conflict();
        try {
            return await this.db.transaction(
                async (tx) => {
                    const now = this.clock();
                    const customer = await this.lockOrReplay(tx, r);
                    if (!('id' in customer)) return customer;
                    if (
                        (await this.repos.customers.findByCard(tx, r.newCardNumber)) ||
                        (await this.repos.replacements.findByOldCard(tx, r.newCardNumber))
                    )
                        throw conflict();
                    await this.repos.customers.changeCard(tx, customer.id, r.newCardNumber, now);
                    await this.repos.replacements.insert(tx, {
                        oldCardNumber: r.cardNumber,
                        customerId: customer.id,
                        newCardNumber: r.newCardNumber,
                        replacedAt: now,
                        actor: r.actor,
                        reason: r.reason,
                        idempotencyKey: r.idempotencyKey,
                    });
                    await this.repos.audit.append(
                        tx,
                        {
                            actor: r.actor,
                            action: 'customer.replace_card',
                            entityType: 'customer',
                            entityId: String(customer.id),
                            details: {
                                from: maskCard(r.cardNumber),
                                to: maskCard(r.newCardNumber),
                                reason: r.reason,
                            },
                        },
                        now,
                    );
                    const moved = (await this.repos.customers.findById(tx, customer.id)) as Customer;
                    return { customer: deskView(moved), replayed: false };
                },
                { readCommitted: true },
            );
        } catch (error) {
            if (!isDuplicateKeyError(error)) throw error;
            // A racing retry with the same key won, or the new card was enrolled meanwhile.
            const replay = await this.replay(this.db, r);
            if (replay) return replay;
            throw conflict();
        }
    }

    /** The locked customer of the old card, or the answer of an earlier replacement with this key. */
    private async lockOrReplay(
        tx: SqlExecutor,
        r: CardReplacementRequest,
    ): Promise<Customer | { customer: DeskCustomerView; replayed: boolean }> {
        const customer = await this.repos.customers.lockByCard(tx, r.cardNumber);
        if (customer) return customer;
        return (await this.replay(tx, r)) ?? lockDeskCustomer(tx, this.repos.customers, r.cardNumber);
    }

    /** What an earlier replacement with the key answers now; the key used for another card is a 409. */
    private async replay(
        exec: SqlExecutor,
        r: CardReplacementRequest,
    ): Promise<{ customer: DeskCustomerView; replayed: boolean } | null> {
        const earlier = await this.repos.replacements.findByKey(exec, r.idempotencyKey);
        if (!earlier) return null;
        if (earlier.oldCardNumber !== r.cardNumber || earlier.newCardNumber !== r.newCardNumber)
            throw new RefillError('REFILL_CONFLICT', 'This idempotency key was used for another replacement');
        const customer = (await this.repos.customers.findById(exec, earlier.customerId)) as Customer;
        return { customer: deskView(customer), replayed: true };
    }
}
