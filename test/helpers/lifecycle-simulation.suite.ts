import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    globalControlViolations,
    lifecyclePathMismatches,
    stepLogProblems,
} from './lifecycle-simulation.checks.js';
import {
    runLifecycleSimulation,
    type LifecycleSimulation,
    type LifecycleSimulationPlan,
} from './lifecycle-simulation.js';
import { engines, type Engine } from './test-database.js';
import { startTestRefill, TestClock, type TestRefill } from './test-refill.js';

/*
 * Issue 15, Proof 1: lifecycle segments and the shipped chains over a
 * simulated population. A known purchase model (per-customer mean gap and
 * churn; a share enrolled without purchases; newcomers enrolling at the
 * till) runs over 120 simulated days after 200 days of imported history,
 * with the real daily jobs (segments-daily, chain-triggers, chain-steps) and
 * the real sale path (the in-process POS hook); the step runner's executor
 * crashes at random steps after their effect (0.4%). Then: every customer's
 * recorded segment path equals an independent recomputation from the
 * purchase days the test wrote; the step log walks each design once, with
 * one cascade per send and one lot per grant, every crashed step done once
 * afterwards; every chain's holdout and the 5% global control group pass
 * the SRM check and the control group enters no marketing chain; and the
 * sleeping win-back's true uplift (+15 pp on its test entrants' chance of
 * buying within the 30-day goal window) lies inside the report's 95%
 * interval.
 *
 * Sizes: SQLite runs the full 5,000 customers × 120 days (about 13,000 sales
 * and 38,000 steps; ~45 s of CPU). MariaDB runs 1,500 customers × 120 days:
 * each sale and step there is a network round trip set (about 4× SQLite's
 * time even with six sales at once), so the full size would take minutes on
 * the CI's two cores; the checks are the same, the uplift's significance is
 * only asserted at full size (a 1,500-customer holdout is ~60 entrants).
 * REFILL_SIM_CUSTOMERS / REFILL_SIM_DAYS override both; REFILL_SIM_PRINT
 * prints the figures.
 */

const FULL = 5000;

const PLAN: LifecycleSimulationPlan = {
    customers: Number(process.env.REFILL_SIM_CUSTOMERS ?? FULL),
    days: Number(process.env.REFILL_SIM_DAYS ?? 120),
    historyDays: 200,
    seed: 20261206,
    crashRate: 0.004,
    globalControlBp: 500,
    upliftChain: 'sleeping-winback',
    goalWindowDays: 30,
    saleConcurrency: 1,
    baseRate: 0.25,
    uplift: 0.15,
};

/** The size each engine runs (see the header). */
function planFor(engine: Engine): LifecycleSimulationPlan {
    if (engine === 'sqlite') return PLAN;
    return {
        ...PLAN,
        customers: Number(process.env.REFILL_SIM_CUSTOMERS ?? 1500),
        saleConcurrency: 6,
    };
}

/**
 * The simulation and its checks on one engine (skipped when the engine is
 * not configured: MariaDB needs TEST_MYSQL_URL). One test file per engine,
 * so the two run on two workers at once.
 */
export function describeLifecycleSimulation(engine: Engine): void {
    describe.runIf(engines.includes(engine))(`lifecycle and chains simulation on ${engine}`, () => {
        let t: TestRefill;
        const clock = new TestClock();
        let sim: LifecycleSimulation;
        const plan = planFor(engine);
        beforeAll(async () => {
            const booted = Date.now();
            t = await startTestRefill(engine, 'lifecycle_sim', { clock: clock.fn });
            const started = Date.now();
            sim = await runLifecycleSimulation(t, clock, plan);
            if (process.env.REFILL_SIM_PRINT)
                console.info(engine, {
                    startMs: started - booted,
                    ms: Date.now() - started,
                    sales: sim.sales,
                    crashes: sim.crashes.length,
                    model: sim.modelled,
                    sample: Object.fromEntries(Object.entries(sim.reports).map(([k, r]) => [k, r.sample])),
                    goal: sim.report.results.goal?.absolute,
                    global: sim.globalReport.sample,
                    steps: await t.internals.database.all(
                        'SELECT step_type, COUNT(*) AS n FROM refill_chain_step_log GROUP BY step_type',
                    ),
                });
        }, 900_000);
        afterAll(async () => {
            const closing = Date.now();
            await t?.close();
            if (process.env.REFILL_SIM_PRINT) console.info(engine, { closeMs: Date.now() - closing });
        });

        it('records for every customer the segment path recomputed from their purchases', async () => {
            expect(sim.sales).toBeGreaterThan(plan.customers);
            const problems = await lifecyclePathMismatches(t, sim);
            expect(problems.slice(0, 5)).toEqual([]);
            // Every segment was entered by someone, won back included.
            const [row] = await t.internals.database.all<{ n: unknown }>(
                'SELECT COUNT(DISTINCT to_segment) AS n FROM refill_lifecycle_transitions',
            );
            expect(Number(row.n)).toBe(7);
        });

        it('executes every chain step once, in the design’s order, after injected crashes', async () => {
            expect(sim.crashes.length).toBeGreaterThan(10);
            const problems = await stepLogProblems(t, sim);
            expect(problems.slice(0, 5)).toEqual([]);
        });

        it('keeps every holdout and the global control group at their shares (SRM) and out of marketing', async () => {
            expect(Object.keys(sim.reports)).toHaveLength(6);
            for (const [key, report] of Object.entries(sim.reports)) {
                expect(report.health.srm.flagged, key).toBe(false);
                if (['welcome', 'second-purchase', 'sleeping-winback'].includes(key))
                    expect(report.sample.holdout, key).toBeGreaterThan(0);
            }
            expect(sim.globalReport.srm.flagged).toBe(false);
            expect(sim.globalReport.sample.control).toBeGreaterThan(plan.customers * 0.03);
            expect(await globalControlViolations(t, sim)).toBe(0);
        });

        it('recovers the win-back’s known uplift inside its 95% interval', () => {
            const goal = sim.report.results.goal!.absolute;
            expect(goal.ciLow!).toBeLessThanOrEqual(plan.uplift);
            expect(goal.ciHigh!).toBeGreaterThanOrEqual(plan.uplift);
            if (plan.customers >= FULL) expect(goal.pValue!).toBeLessThan(0.05);
        });

        it('finds a broken record: the checks are not blind (run last: it damages the data)', async () => {
            const db = t.internals.database;
            const [transition] = await db.all<{ id: unknown }>(
                "SELECT id FROM refill_lifecycle_transitions WHERE to_segment = 'sleeping' ORDER BY id LIMIT 1",
            );
            await db.run("UPDATE refill_lifecycle_transitions SET to_segment = 'churned' WHERE id = ?", [
                transition.id,
            ]);
            expect(await lifecyclePathMismatches(t, sim)).toHaveLength(1);
            const [cascade] = await db.all<{ id: unknown }>(
                'SELECT id FROM refill_cascades WHERE chain_run_id IS NOT NULL ORDER BY id LIMIT 1',
            );
            await db.run('UPDATE refill_cascades SET cascade_key = ? WHERE id = ?', [
                'chain:0:0',
                cascade.id,
            ]);
            expect((await stepLogProblems(t, sim)).length).toBeGreaterThanOrEqual(2);
        });
    });
}
