import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignReport } from '../../plugin/modules/campaigns/services/campaign-report.service.js';
import { testDesign } from './campaign-fixtures.js';
import { createApp } from './create-app.js';
import { seededRandom } from './seeded-random.js';
import { engines } from './test-database.js';
import { startTestRefill, TestClock, type TestRefill } from './test-refill.js';

/*
 * The proof the campaign issue asks for: a chain in which the offer truly
 * raises the chance of buying the category by a known amount. The real
 * daily job selects and assigns lapsed buyers over simulated days; each
 * member then buys (or not) through the real POS HTTP API with the chance of
 * their group; the report's 95% interval must cover the true effect, and
 * with no true effect it must find none. Each true effect is its own test
 * file, so the two simulations run on two workers at once.
 */

const CUSTOMERS = 2400;
/** The chance of buying the category without an offer. */
export const BASE_RATE = 0.25;
const PRICE = 45_000;
const VALID_DAYS = 14;
const LAG_DAYS = 2;
const DAY_MS = 86_400_000;

interface Simulation {
    report: CampaignReport;
    testReceiptsWithOffer: number;
    testReceipts: number;
}

/** Runs one simulated campaign with true conversion uplift `effect`. */
async function simulate(t: TestRefill, clock: TestClock, effect: number, seed: number): Promise<Simulation> {
    const random = seededRandom(seed);
    const start = clock.fn().getTime();
    // History: four monthly purchases, the last 60–66 days before the start, so customers lapse over a week.
    const records = [];
    for (let i = 0; i < CUSTOMERS; i++) {
        const card = `9${String(i).padStart(6, '0')}`;
        records.push({
            type: 'customer' as const,
            cardNumber: card,
            phone: `+7901${String(i).padStart(7, '0')}`,
            consents: { sms: { granted: true, at: new Date(start - 200 * DAY_MS) } },
        });
        const last = 60 + (i % 7);
        for (let k = 0; k < 4; k++)
            records.push({
                type: 'receipt' as const,
                receiptId: `H-${card}-${k}`,
                cardNumber: card,
                storeCode: 'S1',
                purchasedAt: new Date(start - (last + 30 * k) * DAY_MS),
                lines: [{ sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: PRICE }],
            });
    }
    const imported = await t.internals.services.history.importRecords(records, { batchSize: 1000 });
    expect(imported.rejected).toBe(0);

    const { campaigns, jobs } = t.internals.services;
    const campaign = await campaigns.create(
        testDesign({
            code: `SIM-${seed}`,
            channels: ['sms'],
            controlSharePct: 50,
            offer: { kind: 'multiplier', multiplier: 5, validDays: VALID_DAYS, bonusLifetimeDays: 30 },
            settlementLagDays: LAG_DAYS,
            endsAt: new Date(start + 7 * DAY_MS),
        }),
        'sim',
    );
    // A fixed salt (instead of the random one a campaign gets) makes the simulation repeatable.
    await t.internals.database.run('UPDATE refill_campaigns SET salt = ? WHERE id = ?', [
        `simulation-${seed}`,
        campaign.id,
    ]);
    await campaigns.launch(campaign.id, 'sim');
    const api = request(createApp(t.refill));
    const due = new Map<number, Array<{ card: string; group: string }>>();
    let testReceipts = 0;
    let testReceiptsWithOffer = 0;
    for (let day = 0; day < 7 + VALID_DAYS + LAG_DAYS + 1; day++) {
        clock.now = new Date(start + day * DAY_MS);
        const localDay = t.internals.services.campaignSelection.localDay(clock.fn());
        await jobs.run('campaigns-daily', 'sim', true);
        if (day < 7) await waitForRun(t, campaign.id, localDay);
        const assigned = await t.internals.database.all<{ card_number: string; group_name: string }>(
            `SELECT c.card_number, m.group_name FROM refill_campaign_members m JOIN refill_customers c ON c.id = m.customer_id
             WHERE m.campaign_id = ? AND m.assignment_day = ? ORDER BY c.card_number`,
            [campaign.id, localDay],
        );
        for (const m of assigned) {
            const chance = BASE_RATE + (m.group_name === 'test' ? effect : 0);
            if (random() >= chance) continue;
            const on = day + Math.floor(random() * VALID_DAYS);
            due.set(on, [...(due.get(on) ?? []), { card: m.card_number, group: m.group_name }]);
        }
        for (const buyer of due.get(day) ?? []) {
            const res = await api
                .post('/pos/v1/receipts')
                .set({ Authorization: `Bearer ${t.key}` })
                .send({
                    receiptId: `S-${seed}-${buyer.card}`,
                    cardNumber: buyer.card,
                    storeCode: 'S1',
                    purchasedAt: clock.fn().toISOString(),
                    lines: [{ sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: PRICE }],
                });
            expect(res.status, JSON.stringify(res.body)).toBe(201);
            if (buyer.group === 'test') {
                testReceipts++;
                if (res.body.offers?.length) testReceiptsWithOffer++;
            }
        }
    }
    clock.now = new Date(start + (7 + VALID_DAYS + LAG_DAYS + 2) * DAY_MS);
    const report = (
        await api.get(`/admin/v1/campaigns/${campaign.id}/report`).set({
            Authorization: `Bearer ${await t.internals.services.adminTokens.create(`sim-${seed}`, 'manager', 'sim')}`,
        })
    ).body.report as CampaignReport;
    return { report, testReceipts, testReceiptsWithOffer };
}

/** Waits until every part of a campaign's day has run. */
async function waitForRun(t: TestRefill, campaignId: number, day: string): Promise<void> {
    for (let i = 0; i < 400; i++) {
        const runs = await t.internals.database.all<{ status: string }>(
            'SELECT status FROM refill_campaign_runs WHERE campaign_id = ? AND day = ?',
            [campaignId, day],
        );
        if (runs.length && runs.every((r) => r.status === 'done')) return;
        await new Promise((ok) => setTimeout(ok, 50));
    }
    throw new Error(`the selection of ${day} did not finish`);
}

/** Runs the simulation with a true uplift of `effect` (0: none) on every engine, and checks its report. */
export function describeCampaignSimulation(effect: number, seed: number): void {
    describe.each(engines)('campaign effect simulation on %s', (engine) => {
        describe(effect ? `true uplift +${effect * 100} pp` : 'no true effect', () => {
            let t: TestRefill;
            const clock = new TestClock(new Date('2026-04-01T08:00:00.000Z'));
            let sim: Simulation;
            beforeAll(async () => {
                t = await startTestRefill(engine, `campaign_sim_${seed}`, {
                    clock: clock.fn,
                    jobs: { process: true, processEvery: 100 },
                });
                sim = await simulate(t, clock, effect, seed);
                if (process.env.REFILL_SIM_PRINT) {
                    const { conversion, revenuePerCustomer } = sim.report.results;
                    console.info(
                        engine,
                        effect,
                        sim.report.sample.test,
                        sim.report.sample.control,
                        conversion?.absolute,
                        revenuePerCustomer?.absolute,
                        sim.report.health.srm.pValue,
                    );
                }
            }, 240_000);
            afterAll(async () => t?.close());

            it('assigns every lapsed buyer once, over several days, without sample ratio mismatch', () => {
                const { sample, health } = sim.report;
                expect(sample.test + sample.control).toBe(CUSTOMERS);
                expect(sample.days.length).toBe(7);
                expect(health.srm.flagged).toBe(false);
                expect(health.srmFlaggedDays).toEqual([]);
                expect(health.maturity).toBe(1);
            });

            it('applies the offer on the test group’s receipts', () => {
                expect(sim.testReceipts).toBeGreaterThan(0);
                expect(sim.testReceiptsWithOffer).toBe(sim.testReceipts);
            });

            it('reports a 95% interval that covers the true effect on conversion and revenue', () => {
                const conversion = sim.report.results.conversion!.absolute;
                expect(conversion.ciLow!).toBeLessThanOrEqual(effect);
                expect(conversion.ciHigh!).toBeGreaterThanOrEqual(effect);
                const revenue = sim.report.results.revenuePerCustomer!.absolute;
                expect(revenue.ciLow!).toBeLessThanOrEqual(effect * PRICE);
                expect(revenue.ciHigh!).toBeGreaterThanOrEqual(effect * PRICE);
                if (effect > 0) expect(conversion.pValue!).toBeLessThan(0.05);
                else expect(conversion.pValue!).toBeGreaterThanOrEqual(0.05);
            });
        });
    });
}
