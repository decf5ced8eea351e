import request from 'supertest';
import type { ChainStep } from '../../plugin/modules/chains/index.js';
import { chainStepsJob, chainTriggersJob, createChainEngine } from '../../plugin/modules/chains/index.js';
import type { ChainReport } from '../../plugin/modules/chains/services/chain-report.service.js';
import type { GlobalControlReport } from '../../plugin/modules/chains/services/global-control.service.js';
import { toDbTime } from '../../plugin/kernel/db/db-time.js';
import { segmentsDailyJob } from '../../plugin/modules/segments/index.js';
import { GLOBAL_CONTROL_SETTING } from '../../plugin/modules/campaigns/index.js';
import { createApp } from './create-app.js';
import { drawCustomers, planNext, drawGap, type SimCustomer } from './lifecycle-simulation.model.js';
import { seededRandom } from './seeded-random.js';
import type { TestClock, TestRefill } from './test-refill.js';

/*
 * The lifecycle and chains simulation (issue 15, Proof 1): a population
 * drawn from a known model buys over simulated days; each day the real
 * `segments-daily`, `chain-triggers` and `chain-steps` jobs run (the steps
 * through an engine whose executor crashes at random steps after their
 * effect), and sales go through the real sale path (the in-process POS
 * hook), so every event a chain reacts to is real. The uplift chain's test
 * entrants buy within its goal window with a known, higher chance.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const PRICE = 30_000;

/** What a simulation is asked to do. */
export interface LifecycleSimulationPlan {
    customers: number;
    days: number;
    /** Days of history imported before day 0. */
    historyDays: number;
    seed: number;
    /** Sales committed at once (distinct customers). */
    saleConcurrency: number;
    /** The chance a step's transaction crashes after its effect. */
    crashRate: number;
    /** The global control share, basis points. */
    globalControlBp: number;
    /** The shipped chain whose test entrants get the uplift. */
    upliftChain: string;
    /** Its goal window, days (the report covers the entrants whose window ended). */
    goalWindowDays: number;
    /** Its entrants' chance of buying within the goal window without the chain. */
    baseRate: number;
    /** What the chain truly adds to that chance for its test group. */
    uplift: number;
}

/** What the simulation leaves for the checks. */
export interface LifecycleSimulation {
    customers: SimCustomer[];
    /** Simulation day 0 at 00:00 UTC (03:00 in Moscow: the daily jobs' hour). */
    start: number;
    jobDays: number[];
    /** Chain id by shipped key. */
    chainIds: Record<string, number>;
    /** Chain steps by chain id, as the designs stood. */
    steps: Map<number, ChainStep[]>;
    /** The chains that send marketing (the global control group never enters them). */
    marketing: number[];
    /** Each injected crash: run, seq and step. */
    crashes: Array<{ runId: number; seq: number; stepId: string }>;
    sales: number;
    /** The uplift chain's entrants by group and whether the model made them buy in the window. */
    modelled: Record<string, number>;
    /** The uplift chain's report. */
    report: ChainReport;
    /** Every shipped chain's report over the same entry range, by key. */
    reports: Record<string, ChainReport>;
    globalReport: GlobalControlReport;
}

/** The simulation day's date string (Moscow = UTC+3, no DST; jobs and sales fall on the same date). */
export function simDay(start: number, day: number): string {
    return new Date(start + day * DAY_MS).toISOString().slice(0, 10);
}

/** Runs the simulation on a started Refill whose clock is `clock`. */
export async function runLifecycleSimulation(
    t: TestRefill,
    clock: TestClock,
    plan: LifecycleSimulationPlan,
): Promise<LifecycleSimulation> {
    const random = seededRandom(plan.seed);
    const crashRandom = seededRandom(plan.seed ^ 0x5eed);
    const start = Date.UTC(2026, 0, 5);
    const at = (day: number, hour: number) => new Date(start + day * DAY_MS + hour * HOUR_MS);
    clock.now = at(-1, 12);
    const { internals } = t;
    const db = internals.database;
    const customers = drawCustomers(random, plan.customers, plan.days, plan.historyDays);
    const imported = Date.now();
    await importHistory(t, customers, at);
    const importMs = Date.now() - imported;

    // The shipped chains (seeded as drafts on start), all switched on through the admin API.
    const api = request(createApp(t.refill));
    const token = await internals.services.adminTokens.create('simulation', 'marketer', 'sim');
    const auth = { Authorization: `Bearer ${token}` };
    // A fixed seed (instead of the random one the first setting makes) keeps the simulation repeatable.
    await internals.repositories.settings.getOrCreate(
        GLOBAL_CONTROL_SETTING,
        JSON.stringify({ seed: `simulation-${plan.seed}`, shareBp: 0 }),
        clock.fn(),
    );
    const put = await api
        .put('/admin/v1/program/global-control')
        .set(auth)
        .send({ shareBp: plan.globalControlBp });
    if (put.status !== 200) throw new Error(`global control: ${put.status} ${JSON.stringify(put.body)}`);
    const list = (await api.get('/admin/v1/chains').set(auth)).body.chains as Array<{
        id: number;
        key: string;
    }>;
    const chainIds: Record<string, number> = {};
    const steps = new Map<number, ChainStep[]>();
    const marketing: number[] = [];
    for (const chain of list) {
        const res = await api.post(`/admin/v1/chains/${chain.id}/activate`).set(auth);
        if (res.status !== 200)
            throw new Error(`activate ${chain.key}: ${res.status} ${JSON.stringify(res.body)}`);
        chainIds[chain.key] = chain.id;
        steps.set(chain.id, res.body.chain.steps);
        if (res.body.chain.traffic === 'marketing') marketing.push(chain.id);
    }
    const composed = internals.services.chains;
    composed.chains.invalidate();

    // The step runner: the real job over an engine whose executor crashes at random after a step's effect.
    const crashes: LifecycleSimulation['crashes'] = [];
    const faulty = createChainEngine({
        db,
        repos: internals.repositories,
        config: internals.config,
        clock: clock.fn,
        afterEffect: (run, step) => {
            if (crashRandom() >= plan.crashRate) return;
            crashes.push({ runId: run.id, seq: run.stepSeq, stepId: step.id });
            throw new Error('injected crash after the step effect');
        },
    });
    const jobDeps = {
        engine: faulty.engine,
        triggers: faulty.triggers,
        stepRunMs: 600_000,
        enqueue: async () => {},
    };
    const context = { touch: async () => {} };
    const steppingJob = chainStepsJob(jobDeps);
    const triggersJob = chainTriggersJob(jobDeps);
    const segmentsJob = segmentsDailyJob(internals.services.lifecycleClassification);
    const stepAll = async () => {
        for (;;) {
            const counts = await steppingJob.run(context);
            if (!counts.failed) return;
            // A run whose step failed alone is due again a minute later.
            clock.now = new Date(clock.now.getTime() + 2 * 60_000);
        }
    };

    const timing: Record<string, number> = { import: importMs, segments: 0, triggers: 0, steps: 0, sales: 0 };
    const timed = async (k: string, f: () => Promise<unknown>) => {
        const t0 = Date.now();
        await f();
        timing[k] += Date.now() - t0;
    };
    const uplifted = chainIds[plan.upliftChain];
    const modelled: Record<string, number> = {};
    const jobDays: number[] = [];
    let sales = 0;
    for (let day = 0; day < plan.days; day++) {
        clock.now = at(day, 0);
        await timed('segments', () => segmentsJob.run(context));
        jobDays.push(day);
        await timed('triggers', () => triggersJob.run(context));
        await timed('steps', stepAll);
        // The uplift chain's entrants of today: whether they buy within its goal window is the known model.
        const entered = await db.all<{ card_number: string; group_name: string }>(
            `SELECT c.card_number, r.grp AS group_name FROM refill_chain_runs r JOIN refill_customers c ON c.id = r.customer_id
             WHERE r.chain_id = ? AND r.entered_at >= ? AND r.entered_at < ?`,
            [uplifted, toDbTime(at(day, 0)), toDbTime(at(day + 1, 0))],
        );
        const byCard = new Map(customers.map((c) => [c.card, c]));
        for (const e of entered) {
            const c = byCard.get(e.card_number)!;
            const chance = plan.baseRate + (e.group_name === 'test' ? plan.uplift : 0);
            const buys = random() < chance;
            modelled[`${e.group_name}:${buys}`] = (modelled[`${e.group_name}:${buys}`] ?? 0) + 1;
            c.next = buys ? day + 1 + Math.floor(random() * 25) : day + 31 + drawGap(random, c.meanGap);
        }
        clock.now = at(day, 9);
        const t0 = Date.now();
        const buyers = customers.filter((c) => c.next === day);
        // Distinct customers' sales run side by side on MariaDB (one connection on SQLite serialises them).
        for (let i = 0; i < buyers.length; i += plan.saleConcurrency)
            await Promise.all(
                buyers.slice(i, i + plan.saleConcurrency).map((c) => sell(t, c, clock.fn(), day)),
            );
        for (const c of buyers) {
            sales++;
            c.days.push(day);
            c.next = planNext(random, c, day);
        }
        timing.sales += Date.now() - t0;
        clock.now = at(day, 15);
        await timed('steps', stepAll);
    }
    clock.now = at(plan.days, 0);
    await stepAll();
    if (process.env.REFILL_SIM_PRINT) console.info(timing);
    // Only entrants whose whole goal window lies inside the simulation (the uplift chain's window: 30 days).
    const range = { from: at(0, 0).toISOString(), to: at(plan.days - plan.goalWindowDays, 0).toISOString() };
    const reports: Record<string, ChainReport> = {};
    for (const [key, id] of Object.entries(chainIds)) {
        const res = await api.get(`/admin/v1/chains/${id}/report`).query(range).set(auth);
        if (res.status !== 200)
            throw new Error(`report of ${key}: ${res.status} ${JSON.stringify(res.body)}`);
        reports[key] = res.body.report as ChainReport;
    }
    const report = reports[plan.upliftChain];
    const globalReport = (
        await api
            .get('/admin/v1/program/global-control/report')
            .query({ from: at(0, 0).toISOString(), to: at(plan.days, 0).toISOString() })
            .set(auth)
    ).body.report as GlobalControlReport;
    return {
        modelled,
        customers,
        start,
        jobDays,
        chainIds,
        steps,
        marketing,
        crashes,
        sales,
        report,
        reports,
        globalReport,
    };
}

/** One sale through the real sale path (the in-process POS hook). */
async function sell(t: TestRefill, c: SimCustomer, now: Date, day: number): Promise<void> {
    await t.refill.hooks.commitPurchase({
        receiptId: `L-${c.card}-${day}`,
        cardNumber: c.card,
        storeCode: 'S1',
        purchasedAt: now.toISOString(),
        redeem: 0,
        lines: [{ sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: PRICE }],
    } as never);
}

/** The history before day 0 and the enrolled customers, through the batch history import. */
async function importHistory(
    t: TestRefill,
    customers: SimCustomer[],
    at: (day: number, hour: number) => Date,
): Promise<void> {
    const records = [];
    for (const [i, c] of customers.entries()) {
        if (c.kind === 'newcomer') continue;
        records.push({
            type: 'customer' as const,
            cardNumber: c.card,
            phone: `+7902${String(i).padStart(7, '0')}`,
            consents: { sms: { granted: true, at: at(-400, 9) } },
        });
        for (const day of c.days)
            records.push({
                type: 'receipt' as const,
                receiptId: `H-${c.card}-${day}`,
                cardNumber: c.card,
                storeCode: 'S1',
                purchasedAt: at(day, 9),
                lines: [{ sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: PRICE }],
            });
    }
    const summary = await t.internals.services.history.importRecords(records, { batchSize: 2000 });
    if (summary.rejected)
        throw new Error(
            `history import rejected ${summary.rejected}: ${JSON.stringify(summary.errors.slice(0, 3))}`,
        );
}
