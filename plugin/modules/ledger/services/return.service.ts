import type { RefillConfig } from '../../../config/refill-options.js';
import { isDuplicateKeyError } from '../../../kernel/db/db-errors.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { AfterCommitQueue } from '../../../kernel/events/after-commit-queue.js';
import type { EventBus } from '../../../kernel/events/event-bus.js';
import { requestHash } from '../rules/receipt-hash.js';
import { planReturn } from '../rules/return.rules.js';
import { checkReturnedAt } from '../../../kernel/till-time.rules.js';
import type { Customer, CustomerRepository } from '../../customers/index.js';
import type { Purchase } from '../entities/purchase.entity.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import { addDays, type Clock } from '../../../kernel/clock.js';
import type { PurchaseReturnRepository } from '../repositories/purchase-return.repository.js';
import type { PurchaseRepository } from '../repositories/purchase.repository.js';
import type { LedgerDatabase } from './ledger-database.port.js';
import { LedgerSession, type LedgerStores } from './ledger-session.js';
import type { PosIdentity, StoreService } from '../../admin/index.js';
import type { ReturnResult } from './purchase.views.js';

/** A return as the POS sends it. */
export interface ReturnInput {
    returnId: string;
    returnedAt?: Date;
    /** The store that sold the receipt, when it is not the returning store (cross-store returns). */
    receiptStoreCode?: string;
    lines: Array<{ sku: string; quantity: number }>;
}

/** A return as a host passes it to the in-process hook. */
export type ReturnRequest = Omit<ReturnInput, 'returnedAt'> & {
    returnedAt?: Date | string;
    storeCode: string;
};

/** A return checked before its transaction: what it returns, from which sale, when. */
interface CheckedReturn {
    receiptId: string;
    purchase: Purchase;
    input: ReturnInput;
    pos: PosIdentity;
    hash: string;
    returnedAt: Date;
    afterCommit: AfterCommitQueue;
}

/** The repository methods a return uses: the session's stores, the customer's lock and state, the sale, the return row. */
export interface ReturnPorts extends LedgerStores {
    customers: Pick<CustomerRepository, 'lockByIds' | 'saveState'>;
    purchases: Pick<PurchaseRepository, 'findByReceiptId' | 'findLines' | 'updateReturnTotals'>;
    returns: Pick<PurchaseReturnRepository, 'insert' | 'complete' | 'findByReturnId'>;
}

/**
 * Records returns, full or partial by line. Takes back the returned lines'
 * share of the bonuses the purchase earned and gives back their share of the
 * bonuses that paid for it as a new lot. If the earned bonuses were already
 * spent, the shortfall becomes debt (settled from later accruals) or is
 * written off, by configuration; the balance never goes negative.
 *
 * Like every write path of the ledger, the transaction's first statement
 * row-locks the customer: the receipt's customer is looked up before it
 * (a purchase never changes hands), and the lines, lots and earlier returns
 * are read only under the lock, so on MySQL/MariaDB the transaction's
 * snapshot already holds what concurrent returns and sales committed.
 * A recorded return publishes `PurchaseReturned` inside its transaction.
 */
export class ReturnService {
    constructor(
        private readonly db: LedgerDatabase,
        private readonly repos: ReturnPorts,
        private readonly stores: Pick<StoreService, 'identity'>,
        private readonly config: RefillConfig,
        private readonly clock: Clock,
        private readonly events: EventBus,
    ) {}

    /** Records a return of a committed receipt (idempotent per store by return id). */
    async record(
        receiptId: string,
        input: ReturnInput,
        pos: PosIdentity,
    ): Promise<{ result: ReturnResult; replayed: boolean }> {
        const hash = requestHash({ receiptId, ...input, returnedAt: input.returnedAt?.toISOString() });
        const purchase = await this.purchaseOf(receiptId, input, pos);
        const returnedAt = this.returnTime(input, purchase);
        try {
            // READ COMMITTED: the customer lock taken first orders writers, and without gap locks two new
            // customers' first statistics rows no longer deadlock each other (REPEATABLE READ's gap locks did).
            return await this.events.transaction(
                this.db,
                async (tx, afterCommit) => {
                    const [customer] = await this.repos.customers.lockByIds(tx, [purchase.customerId]);
                    const replay = await this.replay(tx, pos.storeId, input.returnId, hash);
                    if (replay) return { result: replay, replayed: true };
                    return {
                        result: await this.recordIn(tx, customer, {
                            receiptId,
                            purchase,
                            input,
                            pos,
                            hash,
                            returnedAt,
                            afterCommit,
                        }),
                        replayed: false,
                    };
                },
                { readCommitted: true },
            );
        } catch (error) {
            if (!isDuplicateKeyError(error)) throw error;
            const replay = await this.replay(this.db, pos.storeId, input.returnId, hash);
            if (replay) return { result: replay, replayed: true };
            throw error;
        }
    }

    /** When the return happened: as the till says, within [the sale, now + skew]; now by default. */
    private returnTime(input: ReturnInput, purchase: Purchase): Date {
        const now = this.clock();
        const at = input.returnedAt ?? (purchase.purchasedAt > now ? purchase.purchasedAt : now);
        const problem = checkReturnedAt(at, purchase.purchasedAt, now, this.config.pos);
        if (problem)
            throw new RefillError('REFILL_VALIDATION', 'Invalid request', [
                { path: 'returnedAt', message: problem },
            ]);
        return at;
    }

    /** The returned receipt: the key's store's, or another store's where cross-store returns are allowed. */
    private async purchaseOf(receiptId: string, input: ReturnInput, pos: PosIdentity): Promise<Purchase> {
        let soldBy = pos;
        if (input.receiptStoreCode !== undefined && input.receiptStoreCode !== pos.storeCode) {
            if (!this.config.returns.allowCrossStore)
                throw new RefillError(
                    'REFILL_FORBIDDEN',
                    "Returns of another store's receipts are not allowed",
                    {
                        receiptStoreCode: input.receiptStoreCode,
                    },
                );
            soldBy = await this.stores.identity(input.receiptStoreCode);
        }
        const purchase = await this.repos.purchases.findByReceiptId(this.db, soldBy.storeId, receiptId);
        if (!purchase)
            throw new RefillError('REFILL_RECEIPT_NOT_FOUND', 'No committed receipt with this id', {
                receiptId,
                storeCode: soldBy.storeCode,
            });
        return purchase;
    }

    private async recordIn(
        tx: SqlExecutor,
        customer: Customer,
        request: CheckedReturn,
    ): Promise<ReturnResult> {
        const { receiptId, purchase, input, pos, hash, returnedAt, afterCommit } = request;
        const { purchases, customers, returns } = this.repos;
        const now = this.clock();
        const lines = await purchases.findLines(tx, purchase.id);
        const plan = planReturn(
            lines,
            input.lines.map((l) => ({ sku: l.sku, quantityMilli: Math.round(l.quantity * 1000) })),
        );
        if (plan.excess.length)
            throw new RefillError(
                'REFILL_RETURN_EXCEEDS_PURCHASE',
                'Returning more than is left of this receipt',
                {
                    lines: plan.excess.map((e) => ({
                        sku: e.sku,
                        requested: e.requestedMilli / 1000,
                        returnable: e.returnableMilli / 1000,
                    })),
                },
            );
        const sum = (key: 'amount' | 'reverse' | 'refund') => plan.lines.reduce((s, l) => s + l[key], 0);
        const returnRowId = await returns.insert(tx, {
            returnId: input.returnId,
            purchaseId: purchase.id,
            storeId: pos.storeId,
            returnedAt,
            amount: sum('amount'),
            reversed: 0,
            refunded: 0,
            shortfall: 0,
            requestHash: hash,
            response: null,
            createdAt: now,
        });

        const session = new LedgerSession(tx, this.repos, customer, now, this.config.returns.shortfall);
        await session.load();
        const cause = { purchaseId: purchase.id, returnId: returnRowId };
        // Refund first: a customer who spent the earned bonuses nets them against the refund instead of owing them.
        session.credit({
            ...cause,
            lotKind: 'refund',
            entryKind: 'return_refund',
            amount: sum('refund'),
            activeFrom: now,
            expiresAt: addDays(now, this.config.redemption.refundLifetimeDays),
        });
        const { shortfall } = session.reverse(sum('reverse'), purchase.id, cause);

        const byLineNo = new Map(lines.map((l) => [l.lineNo, l]));
        await purchases.updateReturnTotals(
            tx,
            plan.lines.map((r) => {
                const l = byLineNo.get(r.lineNo)!;
                return {
                    id: l.id,
                    returnedQuantityMilli: l.returnedQuantityMilli + r.quantityMilli,
                    returnedAmount: l.returnedAmount + r.amount,
                    reversedEarned: l.reversedEarned + r.reverse,
                    refundedRedeemed: l.refundedRedeemed + r.refund,
                };
            }),
        );
        const state = await session.flush({
            purchaseTotal: customer.purchaseTotal - sum('amount'),
        });
        await customers.saveState(tx, purchase.customerId, state, now);

        const result: ReturnResult = {
            returnId: input.returnId,
            receiptId,
            amount: sum('amount'),
            reversed: sum('reverse'),
            refunded: sum('refund'),
            shortfall,
            lines: plan.lines.map((r) => ({
                lineNo: r.lineNo,
                sku: byLineNo.get(r.lineNo)!.sku,
                quantity: r.quantityMilli / 1000,
                amount: r.amount,
                reversed: r.reverse,
                refunded: r.refund,
            })),
            balance: { available: state.balance, pending: state.pending, debt: state.debt },
        };
        await returns.complete(tx, returnRowId, result, JSON.stringify(result));
        await this.events.publish(
            tx,
            'PurchaseReturned',
            {
                returnRowId,
                returnId: input.returnId,
                purchaseId: purchase.id,
                receiptId,
                customerId: purchase.customerId,
                storeId: pos.storeId,
                returnedAt,
                recordedAt: now,
                amount: result.amount,
                reversed: result.reversed,
                refunded: result.refunded,
                shortfall: result.shortfall,
                balance: result.balance,
            },
            afterCommit,
        );
        return result;
    }

    private async replay(
        exec: SqlExecutor,
        storeId: number,
        returnId: string,
        hash: string,
    ): Promise<ReturnResult | null> {
        const existing = await this.repos.returns.findByReturnId(exec, storeId, returnId);
        if (!existing) return null;
        if (existing.requestHash !== hash || !existing.response)
            throw new RefillError(
                'REFILL_RETURN_CONFLICT',
                'This return id was already used with a different body',
                { returnId },
            );
        return JSON.parse(existing.response) as ReturnResult;
    }
}
