import { EntitySchema } from 'typeorm';
import { bigId, bigInt, int, str, time } from '../../../kernel/db/entity-columns.js';
import type { Customer } from '../../customers/index.js';

/** Life of a lot: pending until `activeFrom`, active, then spent (remaining 0) or expired (burned). */
export type LotState = 'pending' | 'active' | 'spent' | 'expired';

/** Why a lot was credited. */
export type LotKind = 'accrual' | 'offer' | 'refund' | 'manual' | 'import';

/**
 * A batch of bonuses credited at once, with its own activation and expiry
 * time. Spending takes the soonest-expiring active lots first.
 */
export interface BonusLot {
    id: number;
    customerId: number;
    kind: LotKind;
    amount: number;
    /** Never below 0 nor above `amount`. */
    remaining: number;
    state: LotState;
    activeFrom: Date;
    expiresAt: Date;
    purchaseId: number | null;
    returnId: number | null;
    offerId: number | null;
    createdAt: Date;
    /** The related row, when loaded through TypeORM relations. */
    customer?: Customer;
}

/** TypeORM schema of {@link BonusLot}. */
export const BonusLotEntity = new EntitySchema<BonusLot>({
    name: 'RefillBonusLot',
    tableName: 'refill_bonus_lots',
    columns: {
        id: bigId(),
        customerId: bigInt('customer_id'),
        kind: str('kind', 16),
        amount: int('amount'),
        remaining: int('remaining'),
        state: str('state', 8),
        activeFrom: time('active_from'),
        expiresAt: time('expires_at'),
        purchaseId: bigInt('purchase_id', true),
        returnId: bigInt('return_id', true),
        offerId: bigInt('offer_id', true),
        createdAt: time('created_at'),
    },
    relations: {
        customer: {
            type: 'many-to-one',
            target: 'RefillCustomer',
            joinColumn: { name: 'customer_id' },
            onDelete: 'RESTRICT',
        },
    },
    indices: [
        { name: 'IDX_refill_bonus_lots_customer', columns: ['customerId', 'state', 'expiresAt'] },
        { name: 'IDX_refill_bonus_lots_expiry', columns: ['state', 'expiresAt'] },
        { name: 'IDX_refill_bonus_lots_activation', columns: ['state', 'activeFrom'] },
        { name: 'IDX_refill_bonus_lots_purchase', columns: ['purchaseId'] },
    ],
});
