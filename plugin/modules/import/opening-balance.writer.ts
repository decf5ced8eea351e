import type { RefillConfig } from '../../config/refill-options.js';
import type { Database } from '../../kernel/db/database.js';
import type { SqlExecutor } from '../../kernel/db/sql-executor.js';
import type { Customer } from '../customers/index.js';
import { type BonusLotRepository, type LedgerEntryRepository, LedgerSession } from '../ledger/index.js';
import type { LockedCustomers } from './batch-customers.lock.js';
import { DeferredLedgerStores } from './deferred-ledger.stores.js';

/** The repository methods the opening-balance writer calls (the composition root passes its bag). */
export interface OpeningBalancePorts {
    entries: Pick<LedgerEntryRepository, 'append' | 'existingIdempotencyKeys'>;
    lots: Pick<
        BonusLotRepository,
        'applyChanges' | 'findOpenForCustomers' | 'insertMany' | 'newestIdsOfKind'
    >;
}
import type { PreparedCustomer } from './history-batch.types.js';

/** The idempotency key of a card's opening balance: it is credited once, whatever the reruns. */
export function openingBalanceKey(cardNumber: string): string {
    return `import-opening:${cardNumber}`;
}

/**
 * Credits the opening balances of a batch's customers: each one once, as an
 * `import` lot with an `import` ledger entry carrying its idempotency key,
 * through a {@link LedgerSession} per customer (which also burns what has
 * expired and settles debt, as every credit does). All the sessions' lots
 * and entries are then written with one multi-row statement per table.
 */
export class OpeningBalanceWriter {
    constructor(
        private readonly db: Database,
        private readonly repos: OpeningBalancePorts,
        private readonly config: RefillConfig,
    ) {}

    /** Credits what is due; returns the customers whose balances changed (their rows are not written). */
    async credit(
        tx: SqlExecutor,
        locked: LockedCustomers,
        records: readonly PreparedCustomer[],
        now: Date,
    ): Promise<Customer[]> {
        const wanted = new Map<string, NonNullable<PreparedCustomer['opening']>>();
        for (const r of records)
            if (r.opening && !wanted.has(r.cardNumber)) wanted.set(r.cardNumber, r.opening);
        if (!wanted.size) return [];
        const older = new Set(locked.older([...wanted.keys()].map((card) => locked.byCard(card).id)));
        const done = await this.repos.entries.existingIdempotencyKeys(
            tx,
            [...wanted.keys()].filter((card) => older.has(locked.byCard(card).id)).map(openingBalanceKey),
        );
        const due = [...wanted].filter(([card]) => !done.has(openingBalanceKey(card)));
        if (!due.length) return [];
        const customers = due.map(([card]) => locked.byCard(card));
        const open = await this.repos.lots.findOpenForCustomers(tx, locked.older(customers.map((c) => c.id)));

        const stores = new DeferredLedgerStores(this.db);
        for (const [card, opening] of due) {
            const customer = locked.byCard(card);
            const session = new LedgerSession(tx, stores, customer, now, this.config.returns.shortfall);
            session.useLots(open.get(customer.id) ?? []);
            session.credit({
                lotKind: 'import',
                entryKind: 'import',
                amount: opening.amount,
                activeFrom: now,
                expiresAt: opening.expiresAt,
                reason: 'opening balance',
                author: 'import',
                idempotencyKey: openingBalanceKey(card),
            });
            const state = await session.flush();
            customer.balance = state.balance;
            customer.pending = state.pending;
            customer.debt = state.debt;
            customer.lotsDueAt = state.lotsDueAt;
        }

        const { lots, entries } = stores;
        await this.repos.lots.insertMany(tx, lots.created);
        // One new import lot per customer, and their row locks keep others from adding one: the newest is it.
        const ids = await this.repos.lots.newestIdsOfKind(
            tx,
            lots.created.map((l) => l.customerId),
            'import',
        );
        const realId = new Map(lots.created.map((l) => [l.placeholderId, ids.get(l.customerId) as number]));
        await this.repos.lots.applyChanges(tx, lots.changes);
        await this.repos.entries.append(
            tx,
            entries.appended.map((e) => ({
                ...e,
                lotId: typeof e.lotId === 'number' && e.lotId < 0 ? (realId.get(e.lotId) as number) : e.lotId,
            })),
        );
        return customers;
    }
}
