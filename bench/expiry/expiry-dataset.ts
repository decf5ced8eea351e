import { toDbTime } from '../../plugin/kernel/db/db-time.js';
import type { SqlClient } from './sql-client.js';
import { MS_PER_DAY as DAY_MS } from '../../plugin/kernel/units/time.js';

const YEAR_MS = 365 * DAY_MS;

/**
 * The bench's bonus lots, generated deterministically (the same seed gives
 * the same rows, so every database of a run holds identical data):
 *
 * - `dueLots` active lots that have expired at `now` (between 1 minute and a
 *   year ago), `lotsPerCustomer` per customer, for customers 1…`customers`;
 * - `freshLots` active lots that expire after `now` (1 day to a year ahead),
 *   spread evenly over the same customers: they must stay untouched;
 * - every lot has `remaining = amount` (10…999), was created a year before it
 *   expires, and lot ids follow creation time, so a customer's lots lie far
 *   apart in the table as they do in a real one.
 *
 * Arrays are indexed by lot id − 1 (lots) and customer id − 1 (customers).
 */
export interface ExpiryDataset {
    now: Date;
    customers: number;
    dueLots: number;
    freshLots: number;
    lotCustomer: Int32Array;
    lotAmount: Int32Array;
    lotExpiresAt: Float64Array;
    lotCreatedAt: Float64Array;
    /** Sum of the amounts of the customer's lots (all active). */
    customerBalance: Float64Array;
    /** The customer's earliest expiry, ms. */
    customerDueAt: Float64Array;
    /** Totals the checks compare with. */
    dueAmount: number;
    freshAmount: number;
}

/** Generates the dataset (see {@link ExpiryDataset}). */
export function generateDataset(options: {
    now: Date;
    dueLots: number;
    lotsPerCustomer: number;
    freshShare: number;
    seed?: number;
}): ExpiryDataset {
    const { now, dueLots, lotsPerCustomer } = options;
    const nowMs = now.getTime();
    const customers = Math.ceil(dueLots / lotsPerCustomer);
    const freshLots = Math.round(dueLots * options.freshShare);
    const total = dueLots + freshLots;
    const random = mulberry32(options.seed ?? 20261123);

    // Generate in customer order, then number lots by creation time.
    const customer = new Int32Array(total);
    const amount = new Int32Array(total);
    const expires = new Float64Array(total);
    for (let k = 0; k < total; k++) {
        const due = k < dueLots;
        customer[k] = due
            ? Math.floor(k / lotsPerCustomer) + 1
            : Math.floor(((k - dueLots) * customers) / freshLots) + 1;
        amount[k] = 10 + Math.floor(random() * 990);
        expires[k] = due
            ? nowMs - 60_000 - Math.floor(random() * YEAR_MS)
            : nowMs + DAY_MS + Math.floor(random() * YEAR_MS);
    }
    const order = Array.from({ length: total }, (_, k) => k).sort((a, b) => expires[a] - expires[b] || a - b);

    const data: ExpiryDataset = {
        now,
        customers,
        dueLots,
        freshLots,
        lotCustomer: new Int32Array(total),
        lotAmount: new Int32Array(total),
        lotExpiresAt: new Float64Array(total),
        lotCreatedAt: new Float64Array(total),
        customerBalance: new Float64Array(customers),
        customerDueAt: new Float64Array(customers).fill(Number.POSITIVE_INFINITY),
        dueAmount: 0,
        freshAmount: 0,
    };
    order.forEach((k, i) => {
        const c = customer[k];
        data.lotCustomer[i] = c;
        data.lotAmount[i] = amount[k];
        data.lotExpiresAt[i] = expires[k];
        data.lotCreatedAt[i] = expires[k] - YEAR_MS;
        data.customerBalance[c - 1] += amount[k];
        data.customerDueAt[c - 1] = Math.min(data.customerDueAt[c - 1], expires[k]);
        if (k < dueLots) data.dueAmount += amount[k];
        else data.freshAmount += amount[k];
    });
    return data;
}

/** Rows per multi-row INSERT. */
const CHUNK = 2000;
/** Rows per transaction while seeding MariaDB. */
const TX_ROWS = 50_000;

/**
 * Writes the dataset into a migrated, empty database with hand-written
 * multi-row INSERTs of literal values (setup, not measured): customers with
 * cached balances and earliest expiry, the lots, and one `accrual` ledger
 * entry per lot (entry id = lot id), so the ledger sums to the balances.
 */
export async function seedDataset(
    client: SqlClient,
    data: ExpiryDataset,
    onProgress: (table: string, done: number, total: number) => void = () => undefined,
): Promise<void> {
    const q = (ms: number) => `'${toDbTime(new Date(ms))}'`;
    const nowText = q(data.now.getTime());
    const enrolled = q(data.now.getTime() - 3 * YEAR_MS);
    const lots = data.lotCustomer.length;

    await insertRows(
        client,
        'refill_customers (id, card_number, balance, lots_due_at, enrolled_at, updated_at)',
        data.customers,
        (i) => {
            const due = data.customerDueAt[i];
            return `(${i + 1}, 'EXP${String(i + 1).padStart(9, '0')}', ${data.customerBalance[i]}, ${Number.isFinite(due) ? q(due) : 'NULL'}, ${enrolled}, ${nowText})`;
        },
        (done) => onProgress('refill_customers', done, data.customers),
    );
    await insertRows(
        client,
        'refill_bonus_lots (id, customer_id, kind, amount, remaining, state, active_from, expires_at, created_at)',
        lots,
        (i) => {
            const created = q(data.lotCreatedAt[i]);
            return `(${i + 1}, ${data.lotCustomer[i]}, 'accrual', ${data.lotAmount[i]}, ${data.lotAmount[i]}, 'active', ${created}, ${q(data.lotExpiresAt[i])}, ${created})`;
        },
        (done) => onProgress('refill_bonus_lots', done, lots),
    );
    await insertRows(
        client,
        'refill_ledger_entries (id, customer_id, kind, amount, debt_change, lot_id, created_at)',
        lots,
        (i) =>
            `(${i + 1}, ${data.lotCustomer[i]}, 'accrual', ${data.lotAmount[i]}, 0, ${i + 1}, ${q(data.lotCreatedAt[i])})`,
        (done) => onProgress('refill_ledger_entries', done, lots),
    );
    if (client.engine === 'sqlite') await client.exec('PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;');
    else await client.exec('ANALYZE TABLE refill_customers, refill_bonus_lots, refill_ledger_entries');
}

async function insertRows(
    client: SqlClient,
    into: string,
    count: number,
    row: (i: number) => string,
    onProgress: (done: number) => void,
): Promise<void> {
    const mysql = client.engine === 'mysql';
    if (mysql) await client.exec('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    else await client.exec('PRAGMA foreign_keys = OFF');
    try {
        const perTx = mysql ? TX_ROWS : count;
        for (let from = 0; from < count; from += perTx) {
            const to = Math.min(count, from + perTx);
            await client.transaction(async () => {
                for (let at = from; at < to; at += CHUNK) {
                    const end = Math.min(to, at + CHUNK);
                    const values: string[] = [];
                    for (let i = at; i < end; i++) values.push(row(i));
                    await client.exec(`INSERT INTO ${into} VALUES ${values.join(', ')}`);
                }
            });
            onProgress(to);
        }
    } finally {
        if (mysql) await client.exec('SET SESSION foreign_key_checks = 1, unique_checks = 1');
        else await client.exec('PRAGMA foreign_keys = ON');
    }
}

/** A small, fast deterministic PRNG (mulberry32). */
function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
