import type { SqlExecutor } from '../../kernel/db/sql-executor.js';
import type { Customer, CustomerRepository } from '../customers/index.js';
import type { PreparedBatch, PreparedReceipt } from './history-batch.types.js';

/** The customers of a batch, row-locked for the rest of its transaction. */
export interface LockedCustomers {
    /** A customer of the batch by card (every card the batch mentions is there). */
    byCard(cardNumber: string): Customer;
    /**
     * Of these ids, those that existed before the transaction: customers it
     * created have no consents, lots or statistics yet, so nothing to read.
     */
    older(ids: Iterable<number>): number[];
}

/** A card to enrol and what the batch says about its start. */
interface Joining {
    at: Date | null;
    recordStore?: number | null;
    first?: PreparedReceipt;
}

/**
 * Enrols the batch's cards that have no customer yet (as the POS does: no
 * consents), then row-locks every customer of the batch in id order, the
 * order every multi-customer flow uses. The transaction's first plain read
 * comes after these locks, so on MySQL its snapshot already shows whatever
 * live sales committed for these customers.
 *
 * A new card joins at the earliest moment the batch knows of (its record's
 * enrolment date or a receipt) and at its record's home store, or else the
 * store of its earliest receipt.
 */
export async function lockBatchCustomers(
    customers: Pick<CustomerRepository, 'enrolMany' | 'idsByCards' | 'lockByIds'>,
    tx: SqlExecutor,
    batch: PreparedBatch,
    now: Date,
): Promise<LockedCustomers> {
    const ids = new Map(batch.knownIds);
    const joining = new Map<string, Joining>();
    const entry = (card: string) => {
        let e = joining.get(card);
        if (!e) joining.set(card, (e = { at: null }));
        return e;
    };
    const earlier = (a: Date | null, b: Date | null) => (a && (!b || a < b) ? a : b);
    for (const c of batch.customers) {
        if (ids.has(c.cardNumber)) continue;
        const e = entry(c.cardNumber);
        e.at = earlier(c.enrolledAt, e.at);
        if (c.profile.homeStoreId !== undefined) e.recordStore = c.profile.homeStoreId;
    }
    for (const r of batch.receipts) {
        if (ids.has(r.cardNumber)) continue;
        const e = entry(r.cardNumber);
        e.at = earlier(r.purchasedAt, e.at);
        if (!e.first || r.purchasedAt < e.first.purchasedAt) e.first = r;
    }

    const fresh = new Set<number>();
    if (joining.size) {
        const enrol = [...joining].map(([cardNumber, e]) => ({
            cardNumber,
            homeStoreId: e.recordStore !== undefined ? e.recordStore : (e.first?.storeId ?? null),
            enrolledAt: e.at ?? now,
        }));
        const created = await customers.enrolMany(tx, enrol, now);
        // Locks in card order, but only rows just inserted (or, rarely, enrolled by a till meanwhile).
        for (const [card, id] of await customers.idsByCards(tx, [...joining.keys()], true)) {
            ids.set(card, id);
            if (created === enrol.length) fresh.add(id);
        }
    }

    const locked = new Map((await customers.lockByIds(tx, [...ids.values()])).map((c) => [c.cardNumber, c]));
    for (const card of ids.keys())
        if (!locked.has(card)) throw new Error('lockBatchCustomers: a customer of the batch is missing');
    return {
        byCard: (card) => locked.get(card) as Customer,
        older: (list) => [...new Set(list)].filter((id) => !fresh.has(id)),
    };
}
