import { toDbTime } from '../../plugin/kernel/db/db-time.js';
import type { SqlClient } from './sql-client.js';
import { StepClock } from './step-clock.js';

/** What a baseline run did. */
export interface BaselineResult {
    batches: number;
    customers: number;
    lotsExpired: number;
}

const OPEN = "state IN ('active', 'pending')";
const LEDGER_COLUMNS = 'customer_id, kind, amount, debt_change, lot_id, offer_id, created_at';
/** A customer's next due time: a pending lot's activation if it comes first, else the expiry. */
const NEXT_DUE =
    "MIN(CASE WHEN l.state = 'pending' AND l.active_from < l.expires_at THEN l.active_from ELSE l.expires_at END)";

/**
 * The batched baseline: the same work as Refill's `expireDue()` in the same
 * batches of customers, as hand-written SQL. Per batch: pick up to `batch`
 * customers with a due lot (autocommit, as Refill does, but walking the
 * expiry index), then one transaction that locks them (`FOR UPDATE` on
 * MySQL, `BEGIN IMMEDIATE` on SQLite), appends an `expiry` entry per due lot
 * with INSERT … SELECT, burns the lots with one UPDATE, and recomputes the
 * customers' balance, pending bonuses and next due time from their lots with
 * one UPDATE. Seven round trips a batch on MySQL; the data never leaves the
 * database. `clock` splits the time into steps.
 */
export async function runBatchedBaseline(
    client: SqlClient,
    now: Date,
    batch: number,
    onBatch: (result: BaselineResult) => void = () => undefined,
    clock: StepClock = new StepClock(),
): Promise<BaselineResult> {
    const t = toDbTime(now);
    const forUpdate = client.engine === 'mysql' ? ' FOR UPDATE' : '';
    // Walk the (state, expires_at) index: left to themselves, both engines scan the whole
    // (customer_id, state, expires_at) index instead (covering, in customer order), and each
    // batch then scans past every customer the earlier batches burned.
    const byExpiry =
        client.engine === 'mysql'
            ? 'FORCE INDEX (IDX_refill_bonus_lots_expiry)'
            : 'INDEXED BY IDX_refill_bonus_lots_expiry';
    const result: BaselineResult = { batches: 0, customers: 0, lotsExpired: 0 };
    for (;;) {
        const picked = await clock.time('pick', 'pick', () =>
            client.all<{ customer_id: unknown }>(
                `SELECT DISTINCT customer_id FROM refill_bonus_lots ${byExpiry} WHERE ${OPEN} AND expires_at <= ? LIMIT ?`,
                [t, batch],
            ),
        );
        if (!picked.length) return result;
        // Integers read from the database: written as literals, so no statement carries thousands of parameters.
        const ids = picked.map((r) => Number(r.customer_id)).sort((a, b) => a - b);
        const list = ids.join(', ');
        const expired = await client.transaction(async () => {
            await clock.time('lock', 'begin', () =>
                client.all(`SELECT id FROM refill_customers WHERE id IN (${list}) ORDER BY id${forUpdate}`),
            );
            const write = (sql: string, params: unknown[]) =>
                clock.time('write', 'write', () => client.run(sql, params));
            await write(
                `INSERT INTO refill_ledger_entries (${LEDGER_COLUMNS}) SELECT customer_id, 'expiry', -remaining, 0, id, offer_id, ? FROM refill_bonus_lots WHERE customer_id IN (${list}) AND ${OPEN} AND expires_at <= ? ORDER BY customer_id, expires_at, id`,
                [t, t],
            );
            const burned = await write(
                `UPDATE refill_bonus_lots SET remaining = 0, state = 'expired' WHERE customer_id IN (${list}) AND ${OPEN} AND expires_at <= ?`,
                [t],
            );
            await write(
                `UPDATE refill_customers SET ` +
                    `balance = COALESCE((SELECT SUM(l.remaining) FROM refill_bonus_lots l WHERE l.customer_id = refill_customers.id AND l.state = 'active'), 0), ` +
                    `pending = COALESCE((SELECT SUM(l.remaining) FROM refill_bonus_lots l WHERE l.customer_id = refill_customers.id AND l.state = 'pending'), 0), ` +
                    `lots_due_at = (SELECT ${NEXT_DUE} FROM refill_bonus_lots l WHERE l.customer_id = refill_customers.id AND l.${OPEN}), ` +
                    `updated_at = ? WHERE id IN (${list})`,
                [t],
            );
            return burned;
        });
        clock.close('commit');
        result.batches++;
        result.customers += ids.length;
        result.lotsExpired += expired;
        onBatch({ ...result });
    }
}

/**
 * The set-based baseline: the same rows written by three whole-table
 * statements in one transaction, no batching, no locks per customer (a real
 * job could not hold the whole base locked like this): the floor of what the
 * database needs for the work. First the expiry entries, then the balances of
 * every customer with a due lot (recomputed from the lots that stay open),
 * then the lots themselves.
 */
export async function runSetBaseline(client: SqlClient, now: Date): Promise<BaselineResult> {
    const t = toDbTime(now);
    const remaining = (what: string, state: string) =>
        `(SELECT ${what} FROM refill_bonus_lots l WHERE l.customer_id = c.id AND l.${state} AND l.expires_at > ?)`;
    /** The SET list; `c.` names the columns in MySQL's multi-table UPDATE. */
    const balances = (c: string) =>
        `${c}balance = COALESCE(${remaining('SUM(l.remaining)', "state = 'active'")}, 0), ` +
        `${c}pending = COALESCE(${remaining('SUM(l.remaining)', "state = 'pending'")}, 0), ` +
        `${c}lots_due_at = ${remaining(NEXT_DUE, OPEN)}, ${c}updated_at = ?`;
    return client.transaction(async () => {
        await client.run(
            `INSERT INTO refill_ledger_entries (${LEDGER_COLUMNS}) SELECT customer_id, 'expiry', -remaining, 0, id, offer_id, ? FROM refill_bonus_lots WHERE ${OPEN} AND expires_at <= ?`,
            [t, t],
        );
        const customers =
            client.engine === 'mysql'
                ? await client.run(
                      `UPDATE refill_customers c JOIN (SELECT DISTINCT customer_id FROM refill_bonus_lots WHERE ${OPEN} AND expires_at <= ?) d ON d.customer_id = c.id SET ${balances('c.')}`,
                      [t, t, t, t, t],
                  )
                : await client.run(
                      `UPDATE refill_customers AS c SET ${balances('')} WHERE c.id IN (SELECT customer_id FROM refill_bonus_lots WHERE ${OPEN} AND expires_at <= ?)`,
                      [t, t, t, t, t],
                  );
        const lotsExpired = await client.run(
            `UPDATE refill_bonus_lots SET remaining = 0, state = 'expired' WHERE ${OPEN} AND expires_at <= ?`,
            [t],
        );
        return { batches: 1, customers, lotsExpired };
    });
}
