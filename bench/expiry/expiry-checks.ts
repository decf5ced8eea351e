import { toDbTime } from '../../plugin/kernel/db/db-time.js';
import type { ExpiryDataset } from './expiry-dataset.js';
import type { SqlClient } from './sql-client.js';

/** One check: what was expected, what the database holds. */
export interface CheckResult {
    name: string;
    ok: boolean;
    detail: string;
}

const OPEN = "state IN ('active', 'pending')";

/**
 * The ledger invariant, on either side of a run: every customer's cached
 * balance equals the sum of their active lots' remaining bonuses and the
 * sum of their ledger entries, and their `lots_due_at` is their earliest
 * open lot's expiry.
 */
async function invariantChecks(
    client: SqlClient,
    data: ExpiryDataset,
    phase: string,
): Promise<CheckResult[]> {
    const same = client.engine === 'mysql' ? '<=>' : 'IS';
    const out: CheckResult[] = [];
    const [lotsMismatch] = await client.all<{ n: unknown }>(
        `SELECT COUNT(*) AS n FROM refill_customers c LEFT JOIN (SELECT customer_id, SUM(CASE WHEN state = 'active' THEN remaining ELSE 0 END) AS s, MIN(expires_at) AS due FROM refill_bonus_lots WHERE ${OPEN} GROUP BY customer_id) a ON a.customer_id = c.id WHERE c.balance <> COALESCE(a.s, 0) OR NOT (c.lots_due_at ${same} a.due)`,
    );
    out.push(
        check(
            `${phase}: every customer's balance = sum of their active lots, lots_due_at = earliest open expiry`,
            Number(lotsMismatch.n),
            0,
            'customers differ',
        ),
    );
    const [ledgerMismatch] = await client.all<{ n: unknown }>(
        `SELECT COUNT(*) AS n FROM refill_customers c LEFT JOIN (SELECT customer_id, SUM(amount) AS s FROM refill_ledger_entries GROUP BY customer_id) g ON g.customer_id = c.id WHERE c.balance + c.pending <> COALESCE(g.s, 0)`,
    );
    out.push(
        check(
            `${phase}: every customer's ledger sums to their balance`,
            Number(ledgerMismatch.n),
            0,
            'customers differ',
        ),
    );
    const [totals] = await client.all<{ customers: unknown; balance: unknown }>(
        'SELECT COUNT(*) AS customers, SUM(balance) AS balance FROM refill_customers',
    );
    out.push(check(`${phase}: customers`, Number(totals.customers), data.customers, 'customers'));
    const expected = phase === 'before' ? data.dueAmount + data.freshAmount : data.freshAmount;
    out.push(check(`${phase}: total balance`, Number(totals.balance), expected, 'bonuses'));
    return out;
}

/** Before a run: the seeded database is what the dataset says, and consistent. */
export async function checkBefore(client: SqlClient, data: ExpiryDataset): Promise<CheckResult[]> {
    const now = toDbTime(data.now);
    const [lots] = await client.all<{ due: unknown; fresh: unknown; active: unknown }>(
        `SELECT SUM(CASE WHEN expires_at <= ? THEN 1 ELSE 0 END) AS due, SUM(CASE WHEN expires_at > ? THEN 1 ELSE 0 END) AS fresh, SUM(CASE WHEN state = 'active' AND remaining = amount THEN 1 ELSE 0 END) AS active FROM refill_bonus_lots`,
        [now, now],
    );
    const [entries] = await client.all<{ n: unknown }>('SELECT COUNT(*) AS n FROM refill_ledger_entries');
    const total = data.dueLots + data.freshLots;
    return [
        check('before: expired lots', Number(lots.due), data.dueLots, 'lots'),
        check('before: unexpired lots', Number(lots.fresh), data.freshLots, 'lots'),
        check('before: lots active and whole', Number(lots.active), total, 'lots'),
        check('before: ledger entries (one accrual per lot)', Number(entries.n), total, 'entries'),
        ...(await invariantChecks(client, data, 'before')),
    ];
}

/**
 * After a run: every expired lot burned (state `expired`, remaining 0) with
 * exactly one `expiry` entry of minus its amount, at the run's time, for its
 * customer; the unexpired lots untouched; no other entries; the invariant holds.
 */
export async function checkAfter(client: SqlClient, data: ExpiryDataset): Promise<CheckResult[]> {
    const now = toDbTime(data.now);
    const [due] = await client.all<{ n: unknown; burned: unknown }>(
        `SELECT COUNT(*) AS n, SUM(CASE WHEN state = 'expired' AND remaining = 0 THEN 1 ELSE 0 END) AS burned FROM refill_bonus_lots WHERE expires_at <= ?`,
        [now],
    );
    const [fresh] = await client.all<{ n: unknown; untouched: unknown }>(
        `SELECT COUNT(*) AS n, SUM(CASE WHEN state = 'active' AND remaining = amount THEN 1 ELSE 0 END) AS untouched FROM refill_bonus_lots WHERE expires_at > ?`,
        [now],
    );
    const [expiry] = await client.all<{ n: unknown; lots: unknown; amount: unknown }>(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT lot_id) AS lots, SUM(amount) AS amount FROM refill_ledger_entries WHERE kind = 'expiry'`,
    );
    // Driven from the entries (lot_id has no index), each joined to its lot by primary key.
    const [matching] = await client.all<{ n: unknown }>(
        `SELECT COUNT(*) AS n FROM refill_ledger_entries e JOIN refill_bonus_lots l ON l.id = e.lot_id WHERE e.kind = 'expiry' AND l.expires_at <= ? AND e.amount = -l.amount AND e.customer_id = l.customer_id AND e.debt_change = 0 AND e.created_at = ?`,
        [now, now],
    );
    const [entries] = await client.all<{ n: unknown; other: unknown }>(
        `SELECT COUNT(*) AS n, SUM(CASE WHEN kind NOT IN ('accrual', 'expiry') THEN 1 ELSE 0 END) AS other FROM refill_ledger_entries`,
    );
    return [
        check(
            'after: expired lots have state expired and remaining 0',
            Number(due.burned),
            data.dueLots,
            'lots',
        ),
        check('after: expired lots (count unchanged)', Number(due.n), data.dueLots, 'lots'),
        check(
            'after: unexpired lots untouched (active, remaining = amount)',
            Number(fresh.untouched),
            data.freshLots,
            'lots',
        ),
        check('after: unexpired lots (count unchanged)', Number(fresh.n), data.freshLots, 'lots'),
        check('after: expiry entries', Number(expiry.n), data.dueLots, 'entries'),
        check('after: expiry entries name distinct lots', Number(expiry.lots), data.dueLots, 'lots'),
        check(
            'after: expiry entries match their expired lot (−amount, customer, time)',
            Number(matching.n),
            data.dueLots,
            'entries',
        ),
        check(
            'after: expiry entries sum to minus the expired bonuses',
            Number(expiry.amount),
            -data.dueAmount,
            'bonuses',
        ),
        check(
            'after: ledger entries (accruals + expiries)',
            Number(entries.n),
            2 * data.dueLots + data.freshLots,
            'entries',
        ),
        check('after: no entries of other kinds', Number(entries.other ?? 0), 0, 'entries'),
        ...(await invariantChecks(client, data, 'after')),
    ];
}

/** Throws with every failed check listed. */
export function assertChecks(label: string, results: readonly CheckResult[]): void {
    const failed = results.filter((r) => !r.ok);
    if (failed.length)
        throw new Error(
            `${label}: ${failed.length} check(s) FAILED:\n${failed.map((f) => `  - ${f.name}: ${f.detail}`).join('\n')}`,
        );
}

function check(name: string, actual: number, expected: number, unit: string): CheckResult {
    return {
        name,
        ok: actual === expected,
        detail: `${actual.toLocaleString('en-US')} ${unit}, expected ${expected.toLocaleString('en-US')}`,
    };
}
