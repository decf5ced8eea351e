import { DateTime } from 'luxon';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLapsedBuyers, testDesign } from '../../helpers/campaign-fixtures.js';
import { createApp } from '../../helpers/create-app.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';
import { MessageSpendQuery } from '../../../plugin/modules/messaging/index.js';
import { rateChannels, SendRateGateway } from './send-rate-gateway.js';

/**
 * A campaign's budget cap: set and changed through the campaign routes
 * (validated, audited), the dispatcher stops its messages once their cost
 * reaches the cap (cascades end with outcome `budget`), the campaign
 * records when, and the report says so.
 */
describe.each(engines)('campaign budget cap on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let token: string;
    let id: number;
    const gateway = new SendRateGateway();
    const clock = new TestClock(new Date('2026-01-01T08:00:00.000Z'));
    const auth = () => ({ Authorization: `Bearer ${token}` });

    beforeAll(async () => {
        await gateway.start();
        t = await startTestRefill(engine, 'budget_cap', {
            clock: clock.fn,
            messaging: {
                channels: rateChannels(gateway),
                publicUrl: 'https://shop.example/loyalty',
                // The estimate the cap is checked with before a send: the SMS gateway's price.
                costs: { sms: 250 },
                guard: { maxBasePct: 100 },
                window: { from: '00:00', to: '23:59' },
            },
        });
        await seedLapsedBuyers(t, clock, 40);
        token = await t.internals.services.adminTokens.create('crm', 'admin', 'test');
        api = request(createApp(t.refill));
        const created = await api
            .post('/admin/v1/campaigns')
            .set(auth())
            .send({ ...testDesign({ channels: ['sms'] }), startsAt: undefined, endsAt: undefined });
        expect(created.status).toBe(201);
        id = created.body.campaign.id as number;
        expect(created.body.campaign.budget).toEqual({ cap: null, reachedAt: null });
    });
    afterAll(async () => {
        await t?.close();
        await gateway.stop();
    });

    it('validates the cap with the field’s path, changes nothing on a bad one, and audits a change', async () => {
        for (const bad of [-5, 0, 1.5, 'lots'] as const) {
            const res = await api.patch(`/admin/v1/campaigns/${id}`).set(auth()).send({ budgetCap: bad });
            expect(res.status).toBe(400);
            expect(res.body.error.details[0].path).toBe('budgetCap');
        }
        const ok = await api.patch(`/admin/v1/campaigns/${id}`).set(auth()).send({ budgetCap: 750 });
        expect(ok.status).toBe(200);
        expect(ok.body.campaign.budget).toEqual({ cap: 750, reachedAt: null });
        const audit = await t.internals.database.all<{ details: string }>(
            "SELECT details FROM refill_audit_log WHERE entity_type = 'campaign' AND action = 'campaign.update' ORDER BY id DESC",
        );
        expect(audit[0].details).toContain('budgetCap');
        expect((await api.post(`/admin/v1/campaigns/${id}/launch`).set(auth())).status).toBe(200);
    });

    it('stops sending at the cap: the rest end with outcome budget, and the report says when', async () => {
        const day = DateTime.fromJSDate(clock.now, { zone: 'Europe/Moscow' }).toISODate() as string;
        const { campaignSelection, sendGuard, dispatcher } = t.internals.services;
        const [part] = await campaignSelection.plan();
        const testGroup = (await campaignSelection.runPart(id, day, part)).assigned.test;
        expect(testGroup).toBeGreaterThan(3);
        await sendGuard.tick();
        const before = gateway.to('/sms').length;
        const counts = await dispatcher.run();
        // 3 SMS at 250 reach the cap of 750; nothing more goes out.
        expect(gateway.to('/sms').length - before).toBe(3);
        expect(counts.sent).toBe(3);
        const ended = await t.internals.database.all<{ n: number }>(
            "SELECT COUNT(*) AS n FROM refill_cascades WHERE campaign_id = ? AND status = 'cancelled' AND outcome = 'budget'",
            [id],
        );
        expect(Number(ended[0].n)).toBe(testGroup - 3);
        expect(await new MessageSpendQuery(t.internals.database).spendOf({ campaignId: id })).toBe(750);
        expect(await dispatcher.run()).toMatchObject({ sent: 0 });

        const { body } = await api.get(`/admin/v1/campaigns/${id}/report`).set(auth());
        expect(body.report.budget).toMatchObject({
            cap: 750,
            spent: 750,
            remaining: 0,
            usedShare: 1,
            reachedAt: clock.now.toISOString(),
        });
        expect(body.report.budget.note).toMatch(
            /^sending stopped on \d{4}-\d\d-\d\d \d\d:\d\d UTC at the cap$/,
        );
        expect(body.report.health.warnings.some((w: string) => w.startsWith('Sending stopped on'))).toBe(
            true,
        );
        expect(body.report.units['budget.spent']).toMatch(/^minor currency units/);

        // A higher cap is judged afresh.
        const raised = await api.patch(`/admin/v1/campaigns/${id}`).set(auth()).send({ budgetCap: 2000 });
        expect(raised.body.campaign.budget).toEqual({ cap: 2000, reachedAt: null });
    });
});
