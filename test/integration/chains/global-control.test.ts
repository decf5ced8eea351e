import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLOBAL_CONTROL_SETTING, inGlobalControl } from '../../../plugin/modules/campaigns/index.js';
import { buyC09, seedLapsedBuyers, testDesign } from '../../helpers/campaign-fixtures.js';
import { createApp } from '../../helpers/create-app.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

/*
 * The program's global control group over the admin API and in the daily
 * campaign selection: the share is set (audited, the seed kept), its members
 * are excluded from campaigns with the reason `global_control`, and the
 * report compares revenue per customer of the group with everyone else.
 * The seed is fixed beforehand so the membership is known.
 */
describe.each(engines)('global control group on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let marketer: string;
    let analyst: string;
    /** Every regular card's customer id, and those in the control group at 20%. */
    let regular: number[];
    let inControl: Set<number>;
    const seed = 'fixed-test-seed';
    /** Lapsed monthly buyers seeded (some fall in the control group under this seed: the test checks). */
    const MONTHLY = 20;
    const clock = new TestClock(new Date('2026-01-01T08:00:00.000Z'));
    const path = '/admin/v1/program/global-control';
    const as = (token: string) => ({ Authorization: `Bearer ${token}` });

    beforeAll(async () => {
        t = await startTestRefill(engine, 'global_control', { clock: clock.fn });
        api = request(createApp(t.refill));
        marketer = await t.internals.services.adminTokens.create('crm', 'marketer', 'test');
        analyst = await t.internals.services.adminTokens.create('bi', 'analyst', 'test');
        await seedLapsedBuyers(t, clock, MONTHLY);
        await t.internals.repositories.settings.set(
            GLOBAL_CONTROL_SETTING,
            JSON.stringify({ seed, shareBp: 0 }),
            clock.fn(),
        );
        const rows = await t.internals.database.all<{ id: unknown }>(
            `SELECT id FROM refill_customers WHERE card_kind = 'regular' ORDER BY id`,
        );
        regular = rows.map((r) => Number(r.id));
        inControl = new Set(regular.filter((id) => inGlobalControl({ seed, shareBp: 2000 }, id)));
    }, 120_000);
    afterAll(async () => t?.close());

    it('sets the share within its bounds, for editors only, audited, keeping the seed', async () => {
        expect((await api.get(path).set(as(analyst))).body.globalControl).toEqual({
            shareBp: 0,
            maxBp: 2000,
        });
        const tooBig = await api.put(path).set(as(marketer)).send({ shareBp: 2001 });
        expect(tooBig.status).toBe(400);
        expect(tooBig.body.error.details[0].path).toBe('shareBp');
        expect((await api.put(path).set(as(analyst)).send({ shareBp: 500 })).status).toBe(403);
        await api.put(path).set(as(marketer)).send({ shareBp: 1000 }).expect(200);
        const set = await api.put(path).set(as(marketer)).send({ shareBp: 2000 });
        expect(set.body.globalControl).toEqual({ shareBp: 2000, maxBp: 2000 });
        const stored = JSON.parse((await t.internals.repositories.settings.get(GLOBAL_CONTROL_SETTING))!);
        expect(stored).toEqual({ seed, shareBp: 2000 });
        const audit = await t.internals.database.all<{ details: string; entity_type: string }>(
            `SELECT details, entity_type FROM refill_audit_log WHERE action = 'program.global_control' ORDER BY id`,
        );
        expect(audit.map((a) => JSON.parse(a.details))).toEqual([
            { from: 0, to: 1000 },
            { from: 1000, to: 2000 },
        ]);
        expect(audit[0].entity_type).toBe('program');
    });

    it('leaves the control group out of the campaign selection, with the reason global_control', async () => {
        // The monthly buyers are lapsed and eligible: those in the control group are excluded first.
        const lapsedCards = await t.internals.database.all<{ id: unknown }>(
            `SELECT id FROM refill_customers WHERE card_number LIKE '70%'`,
        );
        const lapsedInControl = lapsedCards.filter((r) => inControl.has(Number(r.id))).length;
        expect(lapsedInControl).toBeGreaterThan(0);
        const { campaigns, campaignSelection: selection } = t.internals.services;
        const c = await campaigns.create(testDesign(), 'marketer');
        const dry = await selection.dryRun(c.id);
        expect(dry.exclusions.global_control).toBe(lapsedInControl);
        expect(dry.eligible).toBe(MONTHLY - lapsedInControl);

        await campaigns.launch(c.id, 'marketer');
        const day = selection.localDay(clock.fn());
        for (const part of await selection.plan()) await selection.runPart(c.id, day, part);
        const members = await t.internals.database.all<{ customer_id: unknown }>(
            `SELECT customer_id FROM refill_campaign_members WHERE campaign_id = ?`,
            [c.id],
        );
        expect(members.length).toBe(MONTHLY - lapsedInControl);
        expect(members.filter((m) => inControl.has(Number(m.customer_id)))).toEqual([]);
        const excluded = await t.internals.database.all<{ customer_id: unknown }>(
            `SELECT customer_id FROM refill_campaign_exclusions WHERE campaign_id = ? AND reason = 'global_control'`,
            [c.id],
        );
        expect(excluded.map((e) => Number(e.customer_id)).sort((a, b) => a - b)).toEqual(
            lapsedCards
                .map((r) => Number(r.id))
                .filter((id) => inControl.has(id))
                .sort((a, b) => a - b),
        );
    });

    it('reports revenue per customer of the control group against everyone else', async () => {
        // In the report's day: one control customer spends 450.00, two others 450.00 each.
        const from = clock.fn();
        const cardOf = async (id: number) =>
            (
                await t.internals.database.all<{ card_number: string }>(
                    `SELECT card_number FROM refill_customers WHERE id = ?`,
                    [id],
                )
            )[0].card_number;
        const control = [...inControl][0];
        const others = regular.filter((id) => !inControl.has(id)).slice(0, 2);
        await buyC09(t, clock, await cardOf(control), 'R-report-control');
        for (const [i, id] of others.entries()) await buyC09(t, clock, await cardOf(id), `R-report-${i}`);
        const to = new Date(from.getTime() + 86_400_000);
        const res = await api
            .get(`${path}/report?from=${from.toISOString()}&to=${to.toISOString()}`)
            .set(as(analyst));
        expect(res.status).toBe(200);
        const r = res.body.report;
        const nC = inControl.size;
        const nO = regular.length - nC;
        expect(r.sample).toEqual({ control: nC, others: nO });
        expect(r.revenuePerCustomer.control.mean).toBeCloseTo(45_000 / nC, 6);
        expect(r.revenuePerCustomer.test.mean).toBeCloseTo(90_000 / nO, 6);
        expect(r.incrementalRevenue.estimate).toBeCloseTo((90_000 / nO - 45_000 / nC) * nO, 6);
        expect(r.incrementalRevenue.ciLow).toBeLessThan(r.incrementalRevenue.estimate);
        expect(r.srm.expectedControlShare).toBe(0.2);
        const missing = await api.get(`${path}/report?from=${from.toISOString()}`).set(as(analyst));
        expect(missing.status).toBe(400);
        expect(missing.body.error.details[0].path).toBe('to');
    });
});
