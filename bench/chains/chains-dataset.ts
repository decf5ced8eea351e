import type { Refill } from '../../plugin/index.js';
import { toDbTime } from '../../plugin/kernel/db/db-time.js';
import { sqlDialect } from '../../plugin/kernel/db/sql-dialect.js';
import type { ChainDesign } from '../../plugin/modules/chains/index.js';
import { refillInternals } from '../../plugin/testing.js';

const BATCH = 1000;

/** The benchmark chain: a send, a wait that ends at once, a branch on a purchase, an exit — four steps a run. */
export const BENCH_DESIGN: ChainDesign = {
    key: 'bench',
    name: 'Bench chain',
    trigger: { type: 'enrolled' },
    steps: [
        { id: 's', type: 'send', kind: 'welcome' },
        { id: 'w', type: 'wait', hours: 0 },
        { id: 'b', type: 'branch', condition: 'bought', then: 'x', otherwise: 'x' },
        { id: 'x', type: 'exit' },
    ],
    goal: null,
    goalWindowDays: 30,
    stopOn: [],
    reentry: { rule: 'always' },
    priority: 100,
    holdoutBp: 0,
    budgetCap: null,
};

/** Steps each run walks. */
export const STEPS_PER_RUN = BENCH_DESIGN.steps.length;

/** Seeds `count` customers (ids 1…count) with a phone and SMS consent (setup, not measured). */
export async function seedCustomers(refill: Refill, count: number, now: Date): Promise<void> {
    const db = refillInternals(refill).database;
    const t = toDbTime(now);
    for (let from = 1; from <= count; from += BATCH) {
        const ids = Array.from({ length: Math.min(BATCH, count - from + 1) }, (_, i) => from + i);
        await db.run(
            `INSERT INTO refill_customers (id, card_number, phone, balance, enrolled_at, updated_at) VALUES ${sqlDialect.valuesPlaceholders(ids.length, 6)}`,
            ids.flatMap((id) => [
                id,
                `88${String(id).padStart(10, '0')}`,
                `+7902${String(id).padStart(7, '0')}`,
                0,
                t,
                t,
            ]),
        );
    }
}

/** Stores the benchmark chain (active); returns its id. */
export async function insertChain(refill: Refill, now: Date): Promise<number> {
    const db = refillInternals(refill).database;
    const t = toDbTime(now);
    const d = BENCH_DESIGN;
    const result = await db.run(
        'INSERT INTO refill_chains (chain_key, name, status, trigger_json, steps_json, goal, goal_window_days, stop_on_json, reentry_json, priority, holdout_bp, budget_cap, version, created_at, updated_at, activated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)',
        [
            d.key,
            d.name,
            'active',
            JSON.stringify(d.trigger),
            JSON.stringify(d.steps),
            d.goal,
            d.goalWindowDays,
            JSON.stringify(d.stopOn),
            JSON.stringify(d.reentry),
            d.priority,
            d.holdoutBp,
            d.budgetCap,
            t,
            t,
            t,
        ],
    );
    refillInternals(refill).services.chains.chains.invalidate();
    return result.insertId;
}

/**
 * Starts one run per customer on the first step, due now (clears earlier
 * runs, step log rows and cascades first), so every side starts from the
 * same state.
 */
export async function startRuns(
    refill: Refill,
    chainId: number,
    count: number,
    now: Date,
    round: string,
): Promise<void> {
    const db = refillInternals(refill).database;
    for (const table of ['refill_chain_step_log', 'refill_chain_runs', 'refill_cascades'])
        await db.run(`DELETE FROM ${table}`);
    const t = toDbTime(now);
    for (let from = 1; from <= count; from += BATCH) {
        const ids = Array.from({ length: Math.min(BATCH, count - from + 1) }, (_, i) => from + i);
        await db.run(
            `INSERT INTO refill_chain_runs (chain_id, customer_id, entry_key, grp, status, step_id, step_seq, next_at, step_started_at, entered_at, updated_at) VALUES ${sqlDialect.valuesPlaceholders(ids.length, 11)}`,
            ids.flatMap((id) => [
                chainId,
                id,
                `${chainId}:${id}:${round}`,
                'test',
                'active',
                's',
                0,
                t,
                t,
                t,
                t,
            ]),
        );
    }
}

/** Every run walked every step exactly once: the step log and the cascades agree. */
export async function checkRuns(refill: Refill, count: number, side: string): Promise<void> {
    const db = refillInternals(refill).database;
    const [log] = await db.all<{ n: unknown; runs: unknown }>(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT run_id) AS runs FROM refill_chain_step_log',
    );
    const [open] = await db.all<{ n: unknown }>(
        "SELECT COUNT(*) AS n FROM refill_chain_runs WHERE status <> 'done'",
    );
    const [cascades] = await db.all<{ n: unknown }>('SELECT COUNT(*) AS n FROM refill_cascades');
    if (
        Number(log.n) !== count * STEPS_PER_RUN ||
        Number(log.runs) !== count ||
        Number(open.n) !== 0 ||
        Number(cascades.n) !== count
    )
        throw new Error(
            `${side}: ${String(log.n)} steps of ${String(log.runs)} runs, ${String(open.n)} runs left open, ${String(cascades.n)} cascades; expected ${count * STEPS_PER_RUN} steps of ${count} runs`,
        );
}
