import { DateTime } from 'luxon';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { RefillOptions } from '../../../plugin/index.js';
import { seedLapsedBuyers, testDesign } from '../../helpers/campaign-fixtures.js';
import { createApp } from '../../helpers/create-app.js';
import { gatewayChannels, LocalGateway } from '../../helpers/local-gateway.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

/**
 * The mass-send guard on a real campaign: the day's lapse-offer reminders
 * wait for the selection to finish, a large run waits for a second admin,
 * goes to a canary slice, then to everyone; the kill switch and test mode.
 */
describe.each(engines)('campaign send guard on %s', (engine) => {
    let t: TestRefill | undefined;
    let gateway: LocalGateway | undefined;
    afterEach(async () => {
        await t?.close();
        await gateway?.stop();
    });

    async function launch(name: string, messaging: RefillOptions['messaging'], channels = ['sms']) {
        gateway = await new LocalGateway().start();
        const clock = new TestClock(new Date('2026-01-01T08:00:00.000Z'));
        t = await startTestRefill(engine, name, {
            clock: clock.fn,
            messaging: {
                channels: gatewayChannels(gateway),
                publicUrl: 'https://shop.example/loyalty',
                ...messaging,
            },
        });
        await seedLapsedBuyers(t, clock, 40);
        const { adminTokens: tokens, adminAuth } = t.internals.services;
        // Each token acts for a person: the marketer who launches, and the admin who approves.
        await adminAuth.createUser('mia', 'correct horse battery', 'marketer', 'test');
        await adminAuth.createUser('boss', 'correct horse battery', 'admin', 'test');
        const crm = await tokens.create('crm', 'marketer', 'test', 'mia');
        const boss = await tokens.create('boss', 'admin', 'test', 'boss');
        const api = request(createApp(t.refill));
        const created = await api
            .post('/admin/v1/campaigns')
            .set({ Authorization: `Bearer ${crm}` })
            .send({ ...testDesign({ channels }), startsAt: undefined, endsAt: undefined });
        expect(created.status).toBe(201);
        const id = created.body.campaign.id as number;
        expect(
            (await api.post(`/admin/v1/campaigns/${id}/launch`).set({ Authorization: `Bearer ${crm}` }))
                .status,
        ).toBe(200);
        const { campaignSelection } = t.internals.services;
        const day = DateTime.fromJSDate(clock.now, { zone: 'Europe/Moscow' }).toISODate() as string;
        const [part] = await campaignSelection.plan();
        const summary = await campaignSelection.runPart(id, day, part);
        return { t, gateway, clock, api, id, day, crm, boss, testGroup: summary.assigned.test };
    }

    it('holds a large run for a second admin, sends a canary slice, then the rest', async () => {
        const { t, gateway, clock, api, id, day, crm, boss, testGroup } = await launch('guard_canary', {
            guard: { maxRecipients: 10, canaryPct: 10, canaryMin: 2, canaryHoldMinutes: 60 },
        });
        const { sendGuard, dispatcher } = t.internals.services;
        expect(testGroup).toBeGreaterThan(10);
        expect(await sendGuard.tick()).toMatchObject({ awaitingApproval: 1, released: 0 });
        expect((await dispatcher.run()).sent).toBe(0);
        const sends = await api
            .get(`/admin/v1/campaigns/${id}/sends`)
            .set({ Authorization: `Bearer ${crm}` });
        expect(sends.body.batches[0]).toMatchObject({
            runDay: day,
            status: 'awaiting_approval',
            recipients: testGroup,
        });
        expect(sends.body.batches[0].cascades).toEqual({ gated: testGroup });

        // The marketer who launched it cannot approve it.
        const self = await api
            .post(`/admin/v1/campaigns/${id}/sends/${day}/approve`)
            .set({ Authorization: `Bearer ${crm}` });
        expect(self.status).toBe(409);
        expect(self.body.error.code).toBe('REFILL_SECOND_ADMIN_REQUIRED');
        const ok = await api
            .post(`/admin/v1/campaigns/${id}/sends/${day}/approve`)
            .set({ Authorization: `Bearer ${boss}` });
        expect(ok.status).toBe(200);
        const canary = Math.max(2, Math.ceil(testGroup * 0.1));
        expect(ok.body.batch).toMatchObject({
            status: 'canary',
            canarySize: canary,
            approvedBy: 'boss',
        });
        expect(
            (
                await api
                    .post(`/admin/v1/campaigns/${id}/sends/${day}/approve`)
                    .set({ Authorization: `Bearer ${boss}` })
            ).status,
        ).toBe(409);

        expect((await dispatcher.run()).sent).toBe(canary);
        expect(gateway.to('/sms')).toHaveLength(canary);
        // Lock screens show SMS: no drug or condition in the text.
        for (const call of gateway.to('/sms'))
            expect(String(call.body.text)).not.toMatch(/losartan|antihypert|C09/i);

        expect(await sendGuard.tick()).toMatchObject({ canaryReleased: 0 });
        clock.now = new Date(clock.now.getTime() + 61 * 60_000);
        expect(await sendGuard.tick()).toMatchObject({ canaryReleased: testGroup - canary });
        expect((await dispatcher.run()).sent).toBe(testGroup - canary);
        expect(new Set(gateway.to('/sms').map((c) => c.body.to)).size).toBe(testGroup);

        const audit = await t.internals.database.all<{ action: string; actor: string }>(
            "SELECT action, actor FROM refill_audit_log WHERE action LIKE 'campaign.sends.%'",
        );
        expect(audit).toEqual([{ action: 'campaign.sends.approve', actor: 'boss' }]);
        const stats = await api
            .get(`/admin/v1/messages/stats?campaignId=${id}`)
            .set({ Authorization: `Bearer ${crm}` });
        const [sms] = stats.body.channels;
        expect(sms).toMatchObject({ channel: 'sms', sent: testGroup, failed: 0 });
        // The cost is what the gateway charges: segments × 250.
        expect(sms.segments).toBeGreaterThanOrEqual(testGroup);
        expect(sms.cost).toBe(sms.segments * 250);
    });

    it('the kill switch cancels every pending send; test mode sends only to listed cards', async () => {
        const { t, gateway, clock, api, id, crm } = await launch('guard_kill', {}, ['sms', 'email']);
        const { sendGuard, dispatcher, reminders } = t.internals.services;
        expect(await sendGuard.tick()).toMatchObject({ released: expect.any(Number) });
        const unexplained = await api
            .post(`/admin/v1/campaigns/${id}/sends/kill`)
            .set({ Authorization: `Bearer ${crm}` })
            .send({});
        expect(unexplained.status).toBe(400);
        expect(unexplained.body.error.details[0].path).toBe('reason');
        const killed = await api
            .post(`/admin/v1/campaigns/${id}/sends/kill`)
            .set({ Authorization: `Bearer ${crm}` })
            .send({ reason: 'wrong segment' });
        expect(killed.status).toBe(200);
        expect(killed.body.cancelled).toBeGreaterThan(0);
        const [entry] = await t.internals.database.all<{ details: string }>(
            "SELECT details FROM refill_audit_log WHERE action = 'campaign.sends.kill'",
        );
        expect(JSON.parse(entry.details)).toMatchObject({ reason: 'wrong segment' });
        expect((await dispatcher.run()).sent).toBe(0);
        expect(gateway.calls).toHaveLength(0);
        // Killed campaigns get no expiry reminders either.
        clock.now = new Date(clock.now.getTime() + 12 * 86_400_000);
        expect(await reminders.offerExpiry()).toBe(0);

        // Resume, and test the expiry reminder on one card first.
        await api.post(`/admin/v1/campaigns/${id}/sends/resume`).set({ Authorization: `Bearer ${crm}` });
        const [member] = await t.internals.database.all<{ card_number: string }>(
            `SELECT c.card_number FROM refill_campaign_members m JOIN refill_customers c ON c.id = m.customer_id
             WHERE m.campaign_id = ? AND m.group_name = 'test' ORDER BY c.card_number LIMIT 1`,
            [id],
        );
        await t.internals.services.customers.upsert(
            member.card_number,
            { email: 'anna@example.com', consents: { email: { granted: true } } },
            { source: 'test', storeId: null },
        );
        const put = await api
            .put(`/admin/v1/campaigns/${id}/test-cards`)
            .set({ Authorization: `Bearer ${crm}` })
            .send({ cards: [member.card_number] });
        expect(put.status).toBe(200);
        const planned = await reminders.offerExpiry();
        expect(planned).toBeGreaterThan(1);
        const run = await dispatcher.run();
        expect(run).toMatchObject({ sent: 1, dropped: planned - 1 });
        // Email is cheaper than SMS, so the one card got an email with an unsubscribe link.
        expect(gateway.calls).toHaveLength(0);
        const outbox = await t.internals.services.outbox.list({ channel: 'email' });
        expect(outbox).toHaveLength(1);
        expect(outbox[0].html).toContain('https://shop.example/loyalty/messaging/v1/unsubscribe/');
        expect(outbox[0].to).toBe('anna@example.com');
    });
});
