import { randomUUID } from 'node:crypto';
import type { Refill } from '../../plugin/index.js';
import { toDbTime } from '../../plugin/kernel/db/db-time.js';
import type { SqlExecutor } from '../../plugin/kernel/db/sql-executor.js';
import { refillInternals } from '../../plugin/testing.js';

/** A claimed run as the baseline reads it. */
interface BaseRun {
    id: number;
    chainId: number;
    customerId: number;
    stepId: string;
    seq: number;
}

const NEXT: Record<string, string | null> = { s: 'w', w: 'b', b: 'x', x: null };

/**
 * The same work as Refill's step runner, in hand-written SQL: claims due
 * runs in batches (`FOR UPDATE SKIP LOCKED` on MariaDB), then per run and
 * step one transaction that locks the customer (send) and the run, does the
 * effect (the send's cascade row; the branch's purchase check), inserts the
 * step log row and moves the run. No design parsing, no priority or budget
 * checks, no row mapping: the floor Refill is measured against. Returns the
 * steps executed.
 */
export async function baselineSteps(
    refill: Refill,
    now: Date,
    batchSize: number,
    concurrency: number,
): Promise<number> {
    const db = refillInternals(refill).database;
    const t = toDbTime(now);
    const lease = toDbTime(new Date(now.getTime() + 300_000));
    let steps = 0;
    for (;;) {
        const token = randomUUID();
        const claimed: BaseRun[] = [];
        for (const status of ['active', 'waiting']) {
            if (claimed.length >= batchSize) break;
            const page = await db.transaction(async (tx) => {
                const skip = tx.dialect === 'mysql' ? ' FOR UPDATE SKIP LOCKED' : '';
                const rows = await tx.all(
                    `SELECT id, chain_id, customer_id, step_id, step_seq FROM refill_chain_runs WHERE status = ? AND next_at <= ? ORDER BY next_at LIMIT ${batchSize - claimed.length}${skip}`,
                    [status, t],
                );
                if (rows.length)
                    await tx.run(
                        `UPDATE refill_chain_runs SET claim_token = ?, next_at = ? WHERE id IN (${rows.map(() => '?').join(', ')})`,
                        [token, lease, ...rows.map((r) => r.id)],
                    );
                return rows.map((r) => ({
                    id: Number(r.id),
                    chainId: Number(r.chain_id),
                    customerId: Number(r.customer_id),
                    stepId: String(r.step_id),
                    seq: Number(r.step_seq),
                }));
            });
            claimed.push(...page);
        }
        if (!claimed.length) return steps;
        let next = 0;
        const worker = async () => {
            while (next < claimed.length) {
                const run = claimed[next++];
                await db.transaction((tx) => step(tx, run, token, t));
                steps++;
            }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
    }
}

/** One step of one run in the caller's transaction. */
async function step(tx: SqlExecutor, run: BaseRun, token: string, t: string): Promise<void> {
    const lock = tx.dialect === 'mysql' ? ' FOR UPDATE' : '';
    if (run.stepId === 's')
        await tx.all(`SELECT id FROM refill_customers WHERE id = ?${lock}`, [run.customerId]);
    const [row] = await tx.all(`SELECT claim_token, step_seq FROM refill_chain_runs WHERE id = ?${lock}`, [
        run.id,
    ]);
    if (!row || row.claim_token !== token || Number(row.step_seq) !== run.seq) return;
    let result = 'exit';
    if (run.stepId === 's') {
        await tx.run(
            `INSERT INTO refill_cascades (cascade_key, customer_id, chain_id, chain_run_id, kind, traffic, status, step, attempt, next_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'welcome', 'service', 'pending', 0, 0, ?, ?, ?)`,
            [`chain:${run.id}:${run.seq}`, run.customerId, run.chainId, run.id, t, t, t],
        );
        result = 'planned';
    } else if (run.stepId === 'w') result = 'waiting';
    else if (run.stepId === 'b') {
        const bought = await tx.all(
            'SELECT 1 FROM refill_purchases WHERE customer_id = ? AND purchased_at >= ? AND purchased_at < ? LIMIT 1',
            [run.customerId, t, t],
        );
        result = bought.length ? 'then' : 'otherwise';
    }
    await tx.run(
        'INSERT INTO refill_chain_step_log (run_id, seq, chain_id, step_id, step_type, result, detail, cost, executed_at) VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?)',
        [run.id, run.seq, run.chainId, run.stepId, run.stepId, result, t],
    );
    const next = NEXT[run.stepId];
    if (next === null)
        await tx.run(
            "UPDATE refill_chain_runs SET status = 'done', step_id = NULL, step_seq = ?, next_at = NULL, end_reason = 'exit', ended_at = ?, claim_token = NULL, updated_at = ? WHERE id = ?",
            [run.seq + 1, t, t, run.id],
        );
    else
        await tx.run(
            'UPDATE refill_chain_runs SET status = ?, step_id = ?, step_seq = ?, next_at = ?, step_started_at = ?, claim_token = NULL, updated_at = ? WHERE id = ?',
            [run.stepId === 'w' ? 'waiting' : 'active', next, run.seq + 1, t, t, t, run.id],
        );
}
