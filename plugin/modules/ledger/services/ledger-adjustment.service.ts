import type { RefillConfig } from '../../../config/refill-options.js';
import { isDuplicateKeyError } from '../../../kernel/db/db-errors.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import { maskCard } from '../../../kernel/logging/logger.js';
import { addDays, type Clock } from '../../../kernel/clock.js';
import type { AuditRepository } from '../../admin/index.js';
import { cardRefusal, type Customer, type CustomerRepository } from '../../customers/index.js';
import type { LedgerEntry } from '../entities/ledger-entry.entity.js';
import type { LedgerEntryRepository } from '../repositories/ledger-entry.repository.js';
import type { LedgerDatabase } from './ledger-database.port.js';
import { LedgerSession, type LedgerStores } from './ledger-session.js';
import type { BalanceAfter } from './purchase.views.js';

/** A manual change of a customer's bonuses. */
export interface Adjustment {
    cardNumber: string;
    /** Positive credits a new lot; negative takes from the soonest-expiring lots. */
    amount: number;
    reason: string;
    author: string;
    /** Lifetime of credited bonuses, days (the accrual lifetime by default). */
    lifetimeDays?: number;
    /** Makes the adjustment safe to retry: a second call with the key changes nothing. */
    idempotencyKey?: string;
}

/** What an adjustment answers. */
export interface AdjustmentResult {
    /** The adjustment's first ledger entry (the one carrying its idempotency key); null without a key. */
    entryId: number | null;
    balance: BalanceAfter;
    /** True when the idempotency key had been used: nothing changed. */
    replayed: boolean;
}

/** The answer to a retried adjustment: the customer's balance now; a key used on another customer conflicts. */
function replayOf(customer: Customer, earlier: LedgerEntry): AdjustmentResult {
    if (earlier.customerId !== customer.id)
        throw new RefillError('REFILL_CONFLICT', 'This idempotency key was used for another customer');
    return {
        entryId: earlier.id,
        balance: { available: customer.balance, pending: customer.pending, debt: customer.debt },
        replayed: true,
    };
}

/** The repository methods an adjustment uses: the session's stores, the customer's row and state, the audit log. */
export interface LedgerAdjustmentPorts extends LedgerStores {
    customers: Pick<CustomerRepository, 'lockByCard' | 'findByCard' | 'saveState' | 'isReplacedCard'>;
    entries: Pick<LedgerEntryRepository, 'findByIdempotencyKey' | 'append'>;
    audit: Pick<AuditRepository, 'append'>;
}

/**
 * Manual balance adjustments by staff: each one is a ledger entry with its
 * reason and author and an audit record, in one transaction.
 */
export class LedgerAdjustmentService {
    constructor(
        private readonly db: LedgerDatabase,
        private readonly repos: LedgerAdjustmentPorts,
        private readonly config: RefillConfig,
        private readonly clock: Clock,
    ) {}

    /**
     * Applies an adjustment; returns the balance after it and, with an
     * idempotency key, the id of its first ledger entry. A retry with the key
     * changes nothing and answers `replayed`; the key used on another
     * customer is a 409 REFILL_CONFLICT.
     */
    async adjust(a: Adjustment): Promise<AdjustmentResult> {
        if (!Number.isSafeInteger(a.amount) || a.amount === 0)
            throw new RefillError('REFILL_VALIDATION', 'Invalid adjustment', [
                { path: 'amount', message: 'must be a non-zero integer' },
            ]);
        try {
            return await this.db.transaction(async (tx) => {
                const now = this.clock();
                const customer = await this.repos.customers.lockByCard(tx, a.cardNumber);
                if (!customer) {
                    // A replaced card is no customer's card: the desk acts on the new one.
                    if (await this.repos.customers.isReplacedCard(tx, a.cardNumber))
                        throw cardRefusal(null, true) as RefillError;
                    throw new RefillError('REFILL_CUSTOMER_NOT_FOUND', 'No customer with this card');
                }
                const earlier = a.idempotencyKey
                    ? await this.repos.entries.findByIdempotencyKey(tx, a.idempotencyKey)
                    : null;
                if (earlier) return replayOf(customer, earlier);
                const session = new LedgerSession(
                    tx,
                    this.repos,
                    customer,
                    now,
                    this.config.returns.shortfall,
                );
                await session.load();
                const cause = {
                    reason: a.reason,
                    author: a.author,
                    idempotencyKey: a.idempotencyKey ?? null,
                };
                if (a.amount > 0) {
                    session.credit({
                        ...cause,
                        lotKind: 'manual',
                        entryKind: 'manual_credit',
                        amount: a.amount,
                        activeFrom: now,
                        expiresAt: addDays(now, a.lifetimeDays ?? this.config.accrual.lifetimeDays),
                    });
                } else {
                    if (-a.amount > session.available)
                        throw new RefillError(
                            'REFILL_INSUFFICIENT_BALANCE',
                            'The customer does not have that many bonuses',
                            {
                                requested: -a.amount,
                                available: session.available,
                            },
                        );
                    session.spend(-a.amount, cause, 'manual_debit');
                }
                const state = await session.flush();
                await this.repos.customers.saveState(tx, customer.id, state, now);
                await this.repos.audit.append(
                    tx,
                    {
                        actor: a.author,
                        action: 'ledger.adjust',
                        entityType: 'customer',
                        entityId: String(customer.id),
                        details: { card: maskCard(a.cardNumber), amount: a.amount, reason: a.reason },
                    },
                    now,
                );
                const entry = a.idempotencyKey
                    ? await this.repos.entries.findByIdempotencyKey(tx, a.idempotencyKey)
                    : null;
                return {
                    entryId: entry?.id ?? null,
                    balance: { available: state.balance, pending: state.pending, debt: state.debt },
                    replayed: false,
                };
            });
        } catch (error) {
            // Two retries racing on one idempotency key: the loser sees the unique key and changes nothing.
            if (a.idempotencyKey && isDuplicateKeyError(error)) {
                const customer = await this.repos.customers.findByCard(this.db, a.cardNumber);
                const earlier = await this.repos.entries.findByIdempotencyKey(this.db, a.idempotencyKey);
                if (customer && earlier) return replayOf(customer, earlier);
            }
            throw error;
        }
    }
}
