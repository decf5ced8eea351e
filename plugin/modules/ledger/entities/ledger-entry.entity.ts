import { EntitySchema } from 'typeorm';
import { bigId, bigInt, int, str, time } from '../../../kernel/db/entity-columns.js';
import type { Customer } from '../../customers/index.js';

/** The cause of a ledger entry. */
export type LedgerKind =
    | 'accrual'
    | 'offer_accrual'
    | 'redemption'
    | 'return_reversal'
    | 'return_refund'
    | 'expiry'
    | 'manual_credit'
    | 'manual_debit'
    | 'debt_settlement'
    | 'import';

/**
 * One append-only movement of a customer's bonuses, tied to its cause and to
 * the lot it credited or drew from. The sum of `amount` over a customer is
 * their balance plus pending; the sum of `debt_change` is their debt.
 */
export interface LedgerEntry {
    id: number;
    customerId: number;
    kind: LedgerKind;
    /** Signed change of the customer's bonuses. */
    amount: number;
    /** Signed change of the debt left by returns of already-spent bonuses. */
    debtChange: number;
    lotId: number | null;
    purchaseId: number | null;
    returnId: number | null;
    offerId: number | null;
    /** Why (manual adjustments). */
    reason: string | null;
    /** Who (manual adjustments). */
    author: string | null;
    /** Caller-supplied key that makes a manual adjustment safe to retry. */
    idempotencyKey: string | null;
    createdAt: Date;
    /** The related row, when loaded through TypeORM relations. */
    customer?: Customer;
}

/** TypeORM schema of {@link LedgerEntry}. */
export const LedgerEntryEntity = new EntitySchema<LedgerEntry>({
    name: 'RefillLedgerEntry',
    tableName: 'refill_ledger_entries',
    columns: {
        id: bigId(),
        customerId: bigInt('customer_id'),
        kind: str('kind', 24),
        amount: int('amount'),
        debtChange: int('debt_change', false, 0),
        lotId: bigInt('lot_id', true),
        purchaseId: bigInt('purchase_id', true),
        returnId: bigInt('return_id', true),
        offerId: bigInt('offer_id', true),
        reason: str('reason', 255, true),
        author: str('author', 128, true),
        idempotencyKey: str('idempotency_key', 128, true),
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
        { name: 'IDX_refill_ledger_customer', columns: ['customerId', 'id'] },
        { name: 'IDX_refill_ledger_purchase', columns: ['purchaseId'] },
        { name: 'UQ_refill_ledger_idempotency', columns: ['idempotencyKey'], unique: true },
    ],
});
