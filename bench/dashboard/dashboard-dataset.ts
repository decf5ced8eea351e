import type { Refill } from '../../plugin/index.js';
import { toDbTime } from '../../plugin/kernel/db/db-time.js';
import { sqlDialect } from '../../plugin/kernel/db/sql-dialect.js';
import { MS_PER_DAY } from '../../plugin/kernel/units/time.js';
import { resolveDemoChain } from '../../plugin/demo/demo-chain.js';
import { demoCustomerHistory } from '../../plugin/demo/demo-history.js';
import { seedDemoChain } from '../../plugin/demo/demo-seed.js';
import { refillInternals } from '../../plugin/testing.js';

/** What was loaded. */
export interface DashboardDataset {
    customers: number;
    receipts: number;
    returns: number;
    ledgerEntries: number;
    lots: number;
    stores: number;
    seconds: number;
}

/** Days of purchase history. */
export const HISTORY_DAYS = 90;
const CHUNK = 500;

/**
 * Loads the demo chain for the dashboard benchmark: Refill's own demo
 * generator (same seed → same chain) produces every customer and their
 * receipts over the last 90 days; customers (balances and aggregates),
 * receipts (3 % accrual, every fifth receipt redeems), a return of every
 * 30th receipt, the ledger entries of all of it, an expiry entry for every
 * 25th customer, a manual credit for every 100th, and one open lot per
 * customer holding their balance (expiring within 1–120 days) are
 * bulk-inserted. Purchase lines are not stored: no dashboard figure reads them.
 */
export async function loadDashboardDataset(
    refill: Refill,
    customers: number,
    now: Date,
    onProgress: (done: number) => void,
): Promise<DashboardDataset> {
    const started = Date.now();
    const chain = resolveDemoChain({ customers, now, historyDays: HISTORY_DAYS });
    // The chain's stores (one per 5,000 customers) and catalogue; no customers: they come below.
    await seedDemoChain(refill, { customers: 0, now, stores: chain.stores.length });
    const storeIds = new Map(
        (await refillInternals(refill).services.stores.list()).map((s) => [s.code, s.id]),
    );
    const db = refillInternals(refill).database;
    const out: DashboardDataset = {
        customers,
        receipts: 0,
        returns: 0,
        ledgerEntries: 0,
        lots: 0,
        stores: storeIds.size,
        seconds: 0,
    };
    const rows: Record<string, unknown[][]> = {
        customers: [],
        purchases: [],
        returns: [],
        ledger: [],
        lots: [],
    };
    const flush = async () => {
        await db.transaction(async (tx) => {
            for (const [key, [table, columns]] of Object.entries(TABLES))
                for (const chunk of sqlDialect.chunks(rows[key], CHUNK))
                    await tx.run(
                        `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, columns.length)}`,
                        chunk.flat(),
                    );
        });
        out.receipts += rows.purchases.length;
        out.returns += rows.returns.length;
        out.ledgerEntries += rows.ledger.length;
        out.lots += rows.lots.length;
        for (const key of Object.keys(rows)) rows[key] = [];
    };
    let purchaseId = 0;
    let returnId = 0;
    const nowDb = toDbTime(now);
    for (let index = 0; index < customers; index++) {
        const id = index + 1;
        const { customer, receipts } = demoCustomerHistory(chain, index);
        let balance = 0;
        let total = 0;
        for (const [n, r] of receipts.entries()) {
            const amount = r.lines.reduce((a, l) => a + l.amount, 0);
            const redeemed = n % 5 === 4 ? Math.min(balance, Math.floor(amount / 10)) : 0;
            const earned = Math.floor(((amount - redeemed) * 3) / 100);
            balance += earned - redeemed;
            total += amount;
            const at = toDbTime(r.purchasedAt);
            const store = storeIds.get(r.storeCode) ?? null;
            rows.purchases.push([
                ++purchaseId,
                r.receiptId,
                id,
                store,
                at,
                amount,
                redeemed,
                earned,
                'import',
                at,
            ]);
            rows.ledger.push([id, 'accrual', earned, purchaseId, null, at]);
            if (redeemed) rows.ledger.push([id, 'redemption', -redeemed, purchaseId, null, at]);
            const returnedAt = new Date(r.purchasedAt.getTime() + MS_PER_DAY);
            if (purchaseId % 30 === 0 && returnedAt < now && balance >= earned) {
                const rAt = toDbTime(returnedAt);
                rows.returns.push([
                    ++returnId,
                    `RET-${returnId}`,
                    purchaseId,
                    store,
                    rAt,
                    amount,
                    earned,
                    redeemed,
                    'bench',
                    rAt,
                ]);
                rows.ledger.push([id, 'return_reversal', -earned, purchaseId, returnId, rAt]);
                if (redeemed) rows.ledger.push([id, 'return_refund', redeemed, purchaseId, returnId, rAt]);
                balance += redeemed - earned;
            }
        }
        if (index % 25 === 3 && balance >= 50) {
            rows.ledger.push([
                id,
                'expiry',
                -50,
                null,
                null,
                toDbTime(new Date(now.getTime() - (index % 60) * MS_PER_DAY)),
            ]);
            balance -= 50;
        }
        if (index % 100 === 7) {
            rows.ledger.push([
                id,
                'manual_credit',
                200,
                null,
                null,
                toDbTime(new Date(now.getTime() - (index % 40) * MS_PER_DAY)),
            ]);
            balance += 200;
        }
        if (balance > 0)
            rows.lots.push([
                id,
                'accrual',
                balance,
                balance,
                'active',
                toDbTime(new Date(now.getTime() - 30 * MS_PER_DAY)),
                toDbTime(new Date(now.getTime() + ((index % 120) + 1) * MS_PER_DAY)),
                nowDb,
            ]);
        const first = receipts[0]?.purchasedAt;
        const last = receipts[receipts.length - 1]?.purchasedAt;
        rows.customers.push([
            id,
            customer.cardNumber,
            customer.homeStore ? (storeIds.get(customer.homeStore) ?? null) : null,
            balance,
            receipts.length,
            total,
            first ? toDbTime(first) : null,
            last ? toDbTime(last) : null,
            toDbTime(customer.enrolledAt ?? first ?? now),
            nowDb,
        ]);
        if (rows.customers.length >= 2000) {
            await flush();
            onProgress(index + 1);
        }
    }
    await flush();
    onProgress(customers);
    out.seconds = (Date.now() - started) / 1000;
    return out;
}

/** Insert order (foreign keys) with each table's columns. */
const TABLES: Record<string, [string, string[]]> = {
    customers: [
        'refill_customers',
        [
            'id',
            'card_number',
            'home_store_id',
            'balance',
            'purchase_count',
            'purchase_total',
            'first_purchase_at',
            'last_purchase_at',
            'enrolled_at',
            'updated_at',
        ],
    ],
    purchases: [
        'refill_purchases',
        [
            'id',
            'receipt_id',
            'customer_id',
            'store_id',
            'purchased_at',
            'total_amount',
            'redeemed',
            'earned',
            'source',
            'created_at',
        ],
    ],
    returns: [
        'refill_returns',
        [
            'id',
            'return_id',
            'purchase_id',
            'store_id',
            'returned_at',
            'amount',
            'reversed',
            'refunded',
            'request_hash',
            'created_at',
        ],
    ],
    ledger: [
        'refill_ledger_entries',
        ['customer_id', 'kind', 'amount', 'purchase_id', 'return_id', 'created_at'],
    ],
    lots: [
        'refill_bonus_lots',
        ['customer_id', 'kind', 'amount', 'remaining', 'state', 'active_from', 'expires_at', 'created_at'],
    ],
};
