import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studentTQuantile } from '../../../plugin/modules/campaigns/stats/distributions.js';
import { ChainRepository } from '../../../plugin/modules/chains/index.js';
import { createApp } from '../../helpers/create-app.js';
import { engines } from '../../helpers/test-database.js';
import {
    insertRun,
    insertStepLog,
    startChainTestRefill,
    testChainDesign,
    type ChainTestRefill,
} from './chain-admin.fixture.js';

/*
 * A chain's report against hand-computed figures. Entry 2026-03-01 10:00,
 * goal window 14 days, holdout 20%:
 *   test    c1 1000 on day 1 (goal) · c2 3500 on day 3 of which 500 returned (goal),
 *           5000 on day 20 (outside)
 *           c3 2000 the day before entry (not counted) · c4, c5, c6 nothing
 *   holdout c7 1000 on day 2 (goal) · c8 nothing
 *   c9 (test) entered 2026-02-01: outside the report's range [02-15, 03-15).
 * Revenue per entrant: test [1000, 3000, 0, 0, 0, 0] → mean 666.67, variance
 * (10 000 000 − 6·666.67²)/5 = 1 466 666.67; holdout [1000, 0] → mean 500,
 * variance 500 000. Δ = 166.67, SE = √(1 466 666.67/6 + 500 000/2) = 703.17,
 * incremental revenue = 6 · 166.67 = 1000. Goal 2/6 against 1/2.
 * SRM: 6 test, 2 holdout at q = 0.2: χ² = 0.4²/6.4 + 0.4²/1.6 = 0.125.
 * Cost in range: grant 5000 (run of c4) + 2 messages × 150; c9's grant 7000
 * and a February message count for the budget only.
 */
describe.each(engines)('chain report on %s', (engine) => {
    let t: ChainTestRefill;
    let api: ReturnType<typeof request>;
    let analyst: string;
    let chainId: number;
    const entry = new Date('2026-03-01T10:00:00.000Z');
    const day = (n: number) => new Date(entry.getTime() + n * 86_400_000);
    const auth = () => ({ Authorization: `Bearer ${analyst}` });

    beforeAll(async () => {
        t = await startChainTestRefill(engine, 'chain_report');
        api = request(createApp(t.refill));
        analyst = await t.internals.services.adminTokens.create('bi', 'analyst', 'test');
        const marketer = await t.internals.services.adminTokens.create('crm', 'marketer', 'test');
        await t.internals.services.stores.upsert('S1', 'Pharmacy 1', null, 'test');
        const [{ id: storeId }] = await t.internals.database.all<{ id: number }>(
            `SELECT id FROM refill_stores`,
        );
        const created = await api
            .post('/admin/v1/chains')
            .set({ Authorization: `Bearer ${marketer}` })
            .send(testChainDesign({ key: 'report', budgetCap: 10_000 }));
        chainId = created.body.chain.id;
        const db = t.internals.database;
        const customer: number[] = [];
        for (let i = 1; i <= 9; i++) {
            const r = await db.run(
                `INSERT INTO refill_customers (card_number, enrolled_at, updated_at) VALUES (?, ?, ?)`,
                [`900${i}`, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z')],
            );
            customer[i] = r.insertId;
        }
        let receipt = 0;
        /** A receipt of two lines adding up to `amount`, `returned` of the second taken back. */
        const buy = async (c: number, at: Date, amount: number, returned = 0) => {
            const { insertId } = await db.run(
                `INSERT INTO refill_purchases (receipt_id, customer_id, store_id, purchased_at, total_amount, source, created_at)
                 VALUES (?, ?, ?, ?, ?, 'pos', ?)`,
                [`R${++receipt}`, customer[c], storeId, at, amount, at],
            );
            const half = Math.floor(amount / 2);
            for (const [lineNo, lineAmount, lineReturned] of [
                [1, half, 0],
                [2, amount - half, returned],
            ])
                await db.run(
                    `INSERT INTO refill_purchase_lines (purchase_id, line_no, sku, name, quantity_milli, amount, returned_amount)
                     VALUES (?, ?, 'SKU', 'Item', 1000, ?, ?)`,
                    [insertId, lineNo, lineAmount, lineReturned],
                );
        };
        await buy(1, day(1), 1000);
        await buy(2, day(3), 3500, 500);
        await buy(2, day(20), 5000);
        await buy(3, day(-1), 2000);
        await buy(7, day(2), 1000);
        await buy(9, new Date('2026-02-02T10:00:00Z'), 9999);
        const runs: number[] = [];
        for (let i = 1; i <= 8; i++)
            runs[i] = await insertRun(t.internals, {
                chainId,
                customerId: customer[i],
                group: i <= 6 ? 'test' : 'holdout',
                status: 'done',
                stepId: null,
                enteredAt: entry,
                goalAt: i === 1 ? day(1) : i === 2 ? day(3) : i === 7 ? day(2) : null,
            });
        runs[9] = await insertRun(t.internals, {
            chainId,
            customerId: customer[9],
            group: 'test',
            status: 'goal',
            stepId: null,
            enteredAt: new Date('2026-02-01T10:00:00Z'),
            goalAt: new Date('2026-02-02T10:00:00Z'),
        });
        const log = (run: number, seq: number, stepId: string, stepType: string, cost = 0) =>
            insertStepLog(t.internals, { runId: runs[run], seq, chainId, stepId, stepType, cost, at: entry });
        for (let i = 1; i <= 6; i++) await log(i, 0, 'send', 'send');
        for (let i = 1; i <= 3; i++) await log(i, 1, 'wait', 'wait');
        await log(4, 1, 'grant', 'grant', 5000);
        await log(9, 0, 'grant', 'grant', 7000);
        let message = 0;
        const sent = (at: Date) =>
            db.run(
                `INSERT INTO refill_messages (message_key, customer_id, chain_id, kind, step, channel, traffic, status, cost, attempts, created_at)
                 VALUES (?, ?, ?, 'winback', 0, 'sms', 'marketing', 'sent', 150, 1, ?)`,
                [`m${++message}`, customer[1], chainId, at],
            );
        await sent(entry);
        await sent(day(1));
        await sent(new Date('2026-02-01T11:00:00Z'));
        const chains = new ChainRepository(db);
        await db.transaction((tx) =>
            chains.setStatus(
                tx,
                chainId,
                { status: 'draft', budgetReachedAt: new Date('2026-03-05T08:00:00Z') },
                new Date('2026-03-05T08:00:00Z'),
            ),
        );
    }, 60_000);
    afterAll(async () => t?.close());

    const report = async (query: string) => {
        const res = await api.get(`/admin/v1/chains/${chainId}/report${query}`).set(auth());
        expect(res.status).toBe(200);
        return res.body.report;
    };

    it('counts the entries per group in the range and checks the split against the holdout share', async () => {
        const r = await report('?from=2026-02-15T00:00:00Z&to=2026-03-15T00:00:00Z');
        expect(r.sample).toEqual({ test: 6, holdout: 2 });
        expect(r.health.srm.chiSquared).toBeCloseTo(0.125, 10);
        expect(r.health.srm.expectedControlShare).toBe(0.2);
        expect(r.health.srm.flagged).toBe(false);
        const all = await report('');
        expect(all.sample).toEqual({ test: 7, holdout: 2 });
    });

    it('compares revenue per entrant within the goal window with its interval, and scales it to incremental revenue', async () => {
        const r = await report('?from=2026-02-15T00:00:00Z&to=2026-03-15T00:00:00Z&marginPct=25');
        const rev = r.results.revenuePerCustomer;
        expect(rev.test.n).toBe(6);
        expect(rev.test.mean).toBeCloseTo(4000 / 6, 6);
        expect(rev.test.variance).toBeCloseTo((10_000_000 - 6 * (4000 / 6) ** 2) / 5, 4);
        expect(rev.control).toEqual({ n: 2, mean: 500, variance: 500_000 });
        const se = Math.sqrt(rev.test.variance / 6 + 500_000 / 2);
        expect(rev.absolute.estimate).toBeCloseTo(4000 / 6 - 500, 6);
        expect(rev.absolute.standardError).toBeCloseTo(se, 6);
        const half = studentTQuantile(0.975, rev.df) * se;
        expect(rev.absolute.ciLow).toBeCloseTo(rev.absolute.estimate - half, 6);
        expect(rev.absolute.ciHigh).toBeCloseTo(rev.absolute.estimate + half, 6);
        expect(r.money.incrementalRevenue.estimate).toBeCloseTo(1000, 6);
        expect(r.money.incrementalRevenue.ciLow).toBeCloseTo(6 * rev.absolute.ciLow, 6);
    });

    it('tests goal conversion against the holdout', async () => {
        const r = await report('?from=2026-02-15T00:00:00Z&to=2026-03-15T00:00:00Z');
        const goal = r.results.goal;
        expect(goal.test.mean).toBeCloseTo(2 / 6, 10);
        expect(goal.control.mean).toBe(0.5);
        expect(goal.absolute.estimate).toBeCloseTo(2 / 6 - 0.5, 10);
        expect(goal.test.variance).toBeCloseTo((2 / 6) * (4 / 6), 10);
        expect(r.results.conversion.test.mean).toBeCloseTo(2 / 6, 10);
    });

    it('shows the funnel of the test group in the design’s order', async () => {
        const r = await report('?from=2026-02-15T00:00:00Z&to=2026-03-15T00:00:00Z');
        expect(r.funnel.map((f: { stepId: string; passed: number }) => [f.stepId, f.passed])).toEqual([
            ['send', 6],
            ['wait', 3],
            ['bought', 0],
            ['grant', 1],
            ['done', 0],
        ]);
        expect(r.funnel[1].share).toBe(0.5);
    });

    it('adds the grants’ and the messages’ cost in the range, ROMI with the margin, and the budget state', async () => {
        const r = await report('?from=2026-02-15T00:00:00Z&to=2026-03-15T00:00:00Z&marginPct=25');
        expect(r.money).toMatchObject({ bonusCost: 5000, messageCost: 300, campaignCost: 5300, messages: 2 });
        expect(r.money.marginRate).toBe(0.25);
        expect(r.money.incrementalMargin.estimate).toBeCloseTo(250, 6);
        expect(r.money.romi.estimate).toBeCloseTo((250 - 5300) / 5300, 6);
        expect(r.money.iroas).toBeCloseTo(1000 / 5300, 6);
        expect(r.budget).toEqual({
            cap: 10_000,
            spent: 12_450,
            reachedAt: '2026-03-05T08:00:00.000Z',
            note: 'sending stopped on 2026-03-05 at cap 10000',
        });
        const noMargin = await report('?from=2026-02-15T00:00:00Z&to=2026-03-15T00:00:00Z');
        expect(noMargin.money.romi).toBeNull();
        expect(noMargin.money.iroas).toBeCloseTo(1000 / 5300, 6);
        expect(noMargin.units['money.romi.*']).toMatch(/cost/);
    });

    it('answers 400 for a range that ends before it starts, and a report with no entrants yet', async () => {
        const bad = await api
            .get(`/admin/v1/chains/${chainId}/report?from=2026-03-15&to=2026-03-01`)
            .set(auth());
        expect(bad.status).toBe(400);
        expect(bad.body.error.details[0].path).toBe('to');
        const empty = await report('?from=2027-01-01T00:00:00Z');
        expect(empty.sample).toEqual({ test: 0, holdout: 0 });
        expect(empty.results.revenuePerCustomer).toBeNull();
        expect(empty.money).toBeNull();
    });
});
