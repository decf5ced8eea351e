import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    globalControlViolations,
    lifecyclePathMismatches,
    stepLogProblems,
} from '../../helpers/lifecycle-simulation.checks.js';
import {
    runLifecycleSimulation,
    type LifecycleSimulation,
    type LifecycleSimulationPlan,
} from '../../helpers/lifecycle-simulation.js';
import { engines, type Engine } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

/*
 * Issue 15, Proof 1: lifecycle segments and the shipped chains over a
 * simulated population. A known purchase model (per-customer mean gap and
 * churn; a share enrolled without purchases; newcomers enrolling at the
 * till) runs over simulated days with the real daily jobs and the real sale
 * path; the step runner crashes at random steps after their effect. Then:
 * every customer's recorded segment path equals an independent
 * recomputation from the purchase days the test wrote; the step log walks
 * each design once, with one cascade per send; the holdouts and the global
 * control group pass the SRM check; and the sleeping win-back's true uplift
 * on its test entrants lies inside the report's 95% interval.
 */

const PLAN: LifecycleSimulationPlan = {
    customers: Number(process.env.REFILL_SIM_CUSTOMERS ?? 5000),
    days: Number(process.env.REFILL_SIM_DAYS ?? 120),
    historyDays: 200,
    seed: 20261206,
    crashRate: 0.01,
    globalControlBp: 500,
    upliftChain: 'sleeping-winback',
    goalWindowDays: 30,
    saleConcurrency: 1,
    baseRate: 0.25,
    uplift: 0.15,
};

/** The size each engine runs (see the header). */
function planFor(engine: Engine): LifecycleSimulationPlan {
    return engine === 'sqlite' ? PLAN : { ...PLAN, saleConcurrency: 6 };
}

describe.each(engines)('lifecycle and chains simulation on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock();
    let sim: LifecycleSimulation;
    const plan = planFor(engine);
    beforeAll(async () => {
        t = await startTestRefill(engine, 'lifecycle_sim', {
            clock: clock.fn,
            accrual: { lifetimeDays: 40 } as never,
        });
        const started = Date.now();
        sim = await runLifecycleSimulation(t, clock, plan);
        if (process.env.REFILL_SIM_PRINT)
            console.info(engine, {
                ms: Date.now() - started,
                sales: sim.sales,
                crashes: sim.crashes.length,
                sample: sim.report.sample,
                goal: sim.report.results.goal?.absolute,
                global: sim.globalReport.sample,
                runs: await t.internals.database.all(
                    'SELECT grp, status, end_reason, COUNT(*) AS n, COUNT(goal_at) AS g FROM refill_chain_runs WHERE chain_id = ? GROUP BY grp, status, end_reason',
                    [sim.chainIds[plan.upliftChain]],
                ),
                model: sim.modelled,
                steps: await t.internals.database.all('SELECT COUNT(*) AS n FROM refill_chain_step_log'),
            });
    }, 600_000);
    afterAll(async () => t?.close());

    it('records for every customer the segment path recomputed from their purchases', async () => {
        const problems = await lifecyclePathMismatches(t, sim);
        expect(problems.slice(0, 5)).toEqual([]);
    });

    it('executes every chain step once, in the design’s order, after injected crashes', async () => {
        expect(sim.crashes.length).toBeGreaterThan(10);
        const problems = await stepLogProblems(t, sim);
        expect(problems.slice(0, 5)).toEqual([]);
    });

    it('keeps the holdout and the global control group at their shares (SRM) and out of marketing', async () => {
        expect(sim.report.health.srm.flagged).toBe(false);
        expect(sim.globalReport.srm.flagged).toBe(false);
        expect(sim.globalReport.sample.control).toBeGreaterThan(0);
        expect(await globalControlViolations(t, sim)).toBe(0);
    });

    it('recovers the win-back’s known uplift inside its 95% interval', () => {
        const goal = sim.report.results.goal!.absolute;
        expect(goal.ciLow!).toBeLessThanOrEqual(plan.uplift);
        expect(goal.ciHigh!).toBeGreaterThanOrEqual(plan.uplift);
        expect(goal.pValue!).toBeLessThan(0.05);
    });
});
