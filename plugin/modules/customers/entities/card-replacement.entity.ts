import { EntitySchema } from 'typeorm';
import { bigId, bigInt, str, time } from '../../../kernel/db/entity-columns.js';
import type { Customer } from './customer.entity.js';

/**
 * A card replaced by another at the store desk. The customer (balance, lots,
 * history) moved to the new card; the old card number is kept here, unique,
 * so no till enrols it again and every till call with it is refused.
 */
export interface CardReplacement {
    id: number;
    /** The card given up: never a customer's card again. */
    oldCardNumber: string;
    customerId: number;
    /** The card the customer moved to (their card then; it may have been replaced since). */
    newCardNumber: string;
    replacedAt: Date;
    /** Who replaced it (the admin's username). */
    actor: string;
    reason: string;
    /** The desk's idempotency key: a retry answers what the first replacement did. */
    idempotencyKey: string | null;
    /** The related row, when loaded through TypeORM relations. */
    customer?: Customer;
}

/** TypeORM schema of {@link CardReplacement}. */
export const CardReplacementEntity = new EntitySchema<CardReplacement>({
    name: 'RefillCardReplacement',
    tableName: 'refill_card_replacements',
    columns: {
        id: bigId(),
        oldCardNumber: str('old_card_number', 64),
        customerId: bigInt('customer_id'),
        newCardNumber: str('new_card_number', 64),
        replacedAt: time('replaced_at'),
        actor: str('actor', 128),
        reason: str('reason', 500),
        idempotencyKey: str('idempotency_key', 64, true),
    },
    relations: {
        customer: {
            type: 'many-to-one',
            target: 'RefillCustomer',
            joinColumn: { name: 'customer_id' },
            onDelete: 'CASCADE',
        },
    },
    indices: [
        { name: 'UQ_refill_card_replacements_old', columns: ['oldCardNumber'], unique: true },
        { name: 'UQ_refill_card_replacements_key', columns: ['idempotencyKey'], unique: true },
        { name: 'IDX_refill_card_replacements_customer', columns: ['customerId'] },
    ],
});
