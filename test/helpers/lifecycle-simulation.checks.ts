import {
    inGlobalControl,
    parseGlobalControl,
    GLOBAL_CONTROL_SETTING,
} from '../../plugin/modules/campaigns/index.js';
import type { ChainStep } from '../../plugin/modules/chains/index.js';
import { expectedPath, type SimTransition } from './lifecycle-simulation.model.js';
import { simDay, type LifecycleSimulation } from './lifecycle-simulation.js';
import type { TestRefill } from './test-refill.js';

/*
 * The simulation's checks, each returning what it found wrong (empty: all
 * well), so a failure names the customers and runs instead of a count.
 */

const show = (p: SimTransition[], start: number) =>
    p.map((x) => `${x.from ?? '-'}>${x.to}@${simDay(start, x.day)}`).join(' ');

/** Customers whose recorded transitions differ from the recomputation from their purchase days. */
export async function lifecyclePathMismatches(t: TestRefill, sim: LifecycleSimulation): Promise<string[]> {
    const rows = await t.internals.database.all<{
        card_number: string;
        from_segment: string | null;
        to_segment: string;
        day: string;
    }>(
        `SELECT c.card_number, l.from_segment, l.to_segment, l.day FROM refill_lifecycle_transitions l
         JOIN refill_customers c ON c.id = l.customer_id ORDER BY c.card_number, l.day`,
    );
    const recorded = new Map<string, string[]>();
    for (const r of rows)
        recorded.set(r.card_number, [
            ...(recorded.get(r.card_number) ?? []),
            `${r.from_segment ?? '-'}>${r.to_segment}@${String(r.day).slice(0, 10)}`,
        ]);
    const problems: string[] = [];
    for (const c of sim.customers) {
        const want = show(expectedPath(c, sim.jobDays), sim.start);
        const got = (recorded.get(c.card) ?? []).join(' ');
        if (want !== got) problems.push(`${c.card}: want [${want}] got [${got}]`);
        recorded.delete(c.card);
    }
    for (const card of recorded.keys()) problems.push(`${card}: recorded but not simulated`);
    return problems;
}

interface LogRow {
    run_id: number;
    seq: number;
    chain_id: number;
    step_id: string;
    step_type: string;
    result: string;
}

/**
 * The step log against the designs: per run, seqs 0..n-1 without a gap, the
 * first step first and each next one where the design (and a branch's
 * answer) leads, nothing after an exit or the end; exactly one cascade per
 * planned send and one lot per grant, keyed by (run, seq); every injected
 * crash's step done afterwards, once, or its run ended before it.
 */
export async function stepLogProblems(t: TestRefill, sim: LifecycleSimulation): Promise<string[]> {
    const db = t.internals.database;
    const problems: string[] = [];
    const log = (
        await db.all<LogRow>(
            'SELECT run_id, seq, chain_id, step_id, step_type, result FROM refill_chain_step_log ORDER BY run_id, seq',
        )
    ).map((r) => ({ ...r, run_id: Number(r.run_id), seq: Number(r.seq), chain_id: Number(r.chain_id) }));
    const runs = await db.all<{
        id: number;
        chain_id: number;
        group_name: string;
        status: string;
        step_seq: number;
    }>('SELECT id, chain_id, grp AS group_name, status, step_seq FROM refill_chain_runs');
    const byRun = new Map<number, LogRow[]>();
    for (const r of log) byRun.set(r.run_id, [...(byRun.get(r.run_id) ?? []), r]);
    for (const run of runs) {
        const rows = byRun.get(Number(run.id)) ?? [];
        if (run.group_name === 'holdout' && rows.length) problems.push(`holdout run ${run.id} walked steps`);
        if (Number(run.step_seq) !== rows.length)
            problems.push(`run ${run.id}: step_seq ${run.step_seq}, ${rows.length} logged`);
        const steps = sim.steps.get(Number(run.chain_id)) as ChainStep[];
        let expected: string | null = steps[0]?.id ?? null;
        for (const [i, row] of rows.entries()) {
            if (row.seq !== i) problems.push(`run ${run.id}: seq ${row.seq} at ${i}`);
            if (row.step_id !== expected)
                problems.push(`run ${run.id}: ${row.step_id} where ${expected} was due`);
            expected = following(steps, row);
        }
    }
    // One cascade per planned send, keyed by its (run, seq); one manual lot per grant.
    const cascades = new Set(
        (
            await db.all<{ cascade_key: string }>(
                'SELECT cascade_key FROM refill_cascades WHERE chain_run_id IS NOT NULL',
            )
        ).map((c) => c.cascade_key),
    );
    const planned = log.filter(
        (r) => r.step_type === 'send' && r.result !== 'expired' && r.result !== 'budget',
    );
    for (const r of planned) {
        if (r.result !== 'planned') problems.push(`run ${r.run_id} seq ${r.seq}: send ${r.result}`);
        if (!cascades.delete(`chain:${r.run_id}:${r.seq}`))
            problems.push(`run ${r.run_id} seq ${r.seq}: no cascade`);
    }
    for (const key of cascades) problems.push(`cascade ${key} without its send step`);
    const grants = log.filter((r) => r.step_type === 'grant');
    const lots = await db.all<{ n: unknown }>(
        "SELECT COUNT(*) AS n FROM refill_bonus_lots WHERE kind = 'manual'",
    );
    if (Number(lots[0].n) !== grants.length)
        problems.push(`${lots[0].n} manual lots for ${grants.length} grants`);
    const ended = new Map(runs.map((r) => [Number(r.id), r]));
    for (const crash of sim.crashes) {
        const row = byRun.get(crash.runId)?.[crash.seq];
        const run = ended.get(crash.runId);
        const endedBefore =
            run && ['goal', 'stopped'].includes(run.status) && Number(run.step_seq) === crash.seq;
        if (row?.step_id !== crash.stepId && !endedBefore)
            problems.push(`crash at run ${crash.runId} seq ${crash.seq} (${crash.stepId}): not done again`);
    }
    return problems;
}

/** The step id the design leads to after a logged step (null: the run is over). */
function following(steps: ChainStep[], row: LogRow): string | null {
    const index = steps.findIndex((s) => s.id === row.step_id);
    const step = steps[index];
    if (!step || step.type === 'exit' || row.result === 'budget') return null;
    if (step.type === 'branch') {
        const target = row.result === 'then' ? step.then : step.otherwise;
        if (target) return target;
    }
    return steps[index + 1]?.id ?? null;
}

/** Runs of marketing chains that belong to the global control group (there must be none). */
export async function globalControlViolations(t: TestRefill, sim: LifecycleSimulation): Promise<number> {
    const db = t.internals.database;
    const [setting] = await db.all<{ value: string }>('SELECT value FROM refill_settings WHERE name = ?', [
        GLOBAL_CONTROL_SETTING,
    ]);
    const control = parseGlobalControl(setting?.value ?? null);
    if (!sim.marketing.length) return 0;
    const runs = await db.all<{ customer_id: number }>(
        `SELECT customer_id FROM refill_chain_runs WHERE chain_id IN (${sim.marketing.map(() => '?').join(', ')})`,
        sim.marketing,
    );
    return runs.filter((r) => inGlobalControl(control, Number(r.customer_id))).length;
}
