import type { RefillConfig } from '../../config/refill-options.js';
import type { Database } from '../../kernel/db/database.js';
import { sqlDialect } from '../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../kernel/db/sql-executor.js';
import {
    addPurchase,
    type CategoryStat,
    type CategoryStatsRepository,
    type KeyedCategoryStat,
} from '../catalog/index.js';
import type { ConsentRepository, Customer, CustomerConsent, CustomerRepository } from '../customers/index.js';
import { type PurchaseRepository, receiptKey } from '../ledger/index.js';
import { lockBatchCustomers, type LockedCustomers } from './batch-customers.lock.js';
import type {
    BatchOutcome,
    PreparedBatch,
    PreparedCustomer,
    PreparedReceipt,
} from './history-batch.types.js';
import { OpeningBalanceWriter, type OpeningBalancePorts } from './opening-balance.writer.js';

/** The repository methods the batch writer calls, its opening-balance writer's included (the composition root passes its bag). */
export interface HistoryBatchWriterPorts extends OpeningBalancePorts {
    consents: Pick<ConsentRepository, 'findForCustomers' | 'record'>;
    customers: Pick<CustomerRepository, 'enrolMany' | 'idsByCards' | 'lockByIds' | 'saveRows'>;
    purchases: Pick<PurchaseRepository, 'idsByReceiptIds' | 'insertImported' | 'insertImportedLines'>;
    stats: Pick<CategoryStatsRepository, 'findForCustomers' | 'upsert'>;
}

/** Where imported consents come from (`refill_customer_consents.source`). */
const CONSENT_SOURCE = 'import';

/**
 * Writes one prepared batch inside its transaction, with a few multi-row
 * statements per table: enrols unknown cards and row-locks every customer of
 * the batch, applies profiles, consents and opening balances, inserts the
 * receipts that are not in the database yet with their lines, merges them
 * into the per-category statistics and writes each customer row back once.
 * Re-runnable: a deadlock makes the transaction start over.
 */
export class HistoryBatchWriter {
    private readonly openings: OpeningBalanceWriter;

    constructor(
        db: Database,
        private readonly repos: HistoryBatchWriterPorts,
        private readonly config: RefillConfig,
    ) {
        this.openings = new OpeningBalanceWriter(db, repos, config);
    }

    /**
     * Writes `batch` in `tx`; `now` stamps what is created. With `recheck`,
     * looks for receipts already present inside the transaction instead of
     * trusting the look-up made when the batch was prepared.
     */
    async write(tx: SqlExecutor, batch: PreparedBatch, now: Date, recheck = false): Promise<BatchOutcome> {
        const locked = await lockBatchCustomers(this.repos.customers, tx, batch, now);
        const changed = new Set<Customer>();

        for (const record of batch.customers) {
            const customer = locked.byCard(record.cardNumber);
            Object.assign(customer, record.profile);
            if (record.enrolledAt && record.enrolledAt < customer.enrolledAt)
                customer.enrolledAt = record.enrolledAt;
            changed.add(customer);
        }
        await this.writeConsents(tx, locked, batch.customers, now);
        for (const c of await this.openings.credit(tx, locked, batch.customers, now)) changed.add(c);

        const present = recheck
            ? await this.repos.purchases.idsByReceiptIds(tx, batch.receipts)
            : batch.presentReceipts;
        const added = batch.receipts.filter((r) => !present.has(receiptKey(r.storeId, r.receiptId)));
        await this.insertReceipts(tx, locked, added, now);
        await this.mergeStats(tx, locked, added);
        for (const r of added) {
            const c = locked.byCard(r.cardNumber);
            c.purchaseCount += 1;
            c.purchaseTotal += r.total;
            if (!c.firstPurchaseAt || r.purchasedAt < c.firstPurchaseAt) c.firstPurchaseAt = r.purchasedAt;
            if (!c.lastPurchaseAt || r.purchasedAt > c.lastPurchaseAt) c.lastPurchaseAt = r.purchasedAt;
            // A card used before its recorded enrolment was a member from then on.
            if (r.purchasedAt < c.enrolledAt) c.enrolledAt = r.purchasedAt;
            changed.add(c);
        }
        await this.repos.customers.saveRows(tx, [...changed], now);
        return {
            customersImported: batch.customers.length,
            receiptsImported: added.length,
            receiptsSkipped: batch.receipts.length - added.length + batch.duplicateReceipts,
            receiptLinesImported: added.reduce((s, r) => s + r.lines.length, 0),
        };
    }

    /** Records the consents that change something; those older than the stored ones are ignored. */
    private async writeConsents(
        tx: SqlExecutor,
        locked: LockedCustomers,
        records: readonly PreparedCustomer[],
        now: Date,
    ): Promise<void> {
        const withConsents = records.filter((r) => r.consents.length);
        if (!withConsents.length) return;
        const stored = await this.repos.consents.findForCustomers(
            tx,
            locked.older(withConsents.map((r) => locked.byCard(r.cardNumber).id)),
        );
        const current = new Map<string, CustomerConsent>();
        for (const list of stored.values())
            for (const c of list) current.set(`${c.customerId}:${c.channel}`, c);
        const changes = new Map<string, CustomerConsent>();
        for (const record of withConsents) {
            const customerId = locked.byCard(record.cardNumber).id;
            for (const { channel, granted, at } of record.consents) {
                const key = `${customerId}:${channel}`;
                const known = current.get(key);
                // An import replays history: an older or unchanged consent records nothing.
                if (known && (known.changedAt > at || known.granted === granted)) continue;
                const consent = { customerId, channel, granted, changedAt: at, source: CONSENT_SOURCE };
                current.set(key, consent);
                changes.set(key, consent);
            }
        }
        for (const chunk of sqlDialect.chunks([...changes.values()]))
            await this.repos.consents.record(tx, chunk, now);
    }

    /** Inserts purchases with multi-row statements, reads their ids back by receipt id, then the lines. */
    private async insertReceipts(
        tx: SqlExecutor,
        locked: LockedCustomers,
        receipts: readonly PreparedReceipt[],
        now: Date,
    ): Promise<void> {
        if (!receipts.length) return;
        await this.repos.purchases.insertImported(
            tx,
            receipts.map((r) => ({
                receiptId: r.receiptId,
                customerId: locked.byCard(r.cardNumber).id,
                storeId: r.storeId,
                purchasedAt: r.purchasedAt,
                totalAmount: r.total,
                createdAt: now,
            })),
        );
        const ids = await this.repos.purchases.idsByReceiptIds(tx, receipts);
        const lines = receipts.flatMap((r) => {
            const purchaseId = ids.get(receiptKey(r.storeId, r.receiptId)) as number;
            return r.lines.map((l) => ({ ...l, purchaseId }));
        });
        await this.repos.purchases.insertImportedLines(tx, lines);
    }

    /** Loads each (customer, category) row once, merges the batch's purchases into it, upserts it once. */
    private async mergeStats(
        tx: SqlExecutor,
        locked: LockedCustomers,
        receipts: readonly PreparedReceipt[],
    ): Promise<void> {
        const pairs = new Map<
            string,
            { customerId: number; categoryId: number; buys: Array<[Date, number]> }
        >();
        for (const r of receipts) {
            const customerId = locked.byCard(r.cardNumber).id;
            for (const [categoryId, amount] of r.categoryAmounts) {
                const key = `${customerId}:${categoryId}`;
                let pair = pairs.get(key);
                if (!pair) pairs.set(key, (pair = { customerId, categoryId, buys: [] }));
                pair.buys.push([r.purchasedAt, amount]);
            }
        }
        if (!pairs.size) return;
        const stored = new Map<string, CategoryStat>();
        const customerIds = locked.older([...pairs.values()].map((p) => p.customerId));
        for (const s of await this.repos.stats.findForCustomers(tx, customerIds))
            stored.set(`${s.customerId}:${s.categoryId}`, s);
        const merged: KeyedCategoryStat[] = [];
        for (const [key, { customerId, categoryId, buys }] of pairs) {
            // Oldest first: the day list then keeps the newest days and counts each day once.
            buys.sort((a, b) => a[0].getTime() - b[0].getTime());
            let stat = stored.get(key) ?? null;
            for (const [at, amount] of buys) stat = addPurchase(stat, at, amount, this.config.timezone);
            if (stat) merged.push({ ...stat, customerId, categoryId });
        }
        for (const chunk of sqlDialect.chunks(merged)) await this.repos.stats.upsert(tx, chunk);
    }
}
