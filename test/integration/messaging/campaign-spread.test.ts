import { DateTime } from 'luxon';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLapsedBuyers, testDesign } from '../../helpers/campaign-fixtures.js';
import { createApp } from '../../helpers/create-app.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';
import { rateChannels, SendRateGateway } from './send-rate-gateway.js';

/**
 * A campaign day released by the send guard is spread across the sending
 * window at the SMS provider's rate instead of bursting at once; what does
 * not fit moves to the next day's opening, and the plan says when the last
 * message goes out and warns that it does not fit.
 */
describe.each(engines)('campaign sends spread over the window on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let crm: string;
    let id: number;
    let testGroup: number;
    const gateway = new SendRateGateway();
    // 11:00 in Moscow, after the day's window (09:00–09:10: 10 slots at 1 SMS a minute).
    const clock = new TestClock(new Date('2026-01-01T08:00:00.000Z'));

    beforeAll(async () => {
        await gateway.start();
        t = await startTestRefill(engine, 'campaign_spread', {
            clock: clock.fn,
            messaging: {
                channels: rateChannels(gateway, { perMinute: 1 }),
                publicUrl: 'https://shop.example/loyalty',
                window: { from: '09:00', to: '09:10' },
                guard: { maxBasePct: 100 },
                dispatch: { rateWaitMs: 0 },
            },
        });
        await seedLapsedBuyers(t, clock, 40);
        crm = await t.internals.services.adminTokens.create('crm', 'admin', 'test');
        api = request(createApp(t.refill));
        const created = await api
            .post('/admin/v1/campaigns')
            .set({ Authorization: `Bearer ${crm}` })
            .send({ ...testDesign({ channels: ['sms'] }), startsAt: undefined, endsAt: undefined });
        expect(created.status).toBe(201);
        id = created.body.campaign.id as number;
        expect(
            (await api.post(`/admin/v1/campaigns/${id}/launch`).set({ Authorization: `Bearer ${crm}` }))
                .status,
        ).toBe(200);
    });
    afterAll(async () => {
        await t?.close();
        await gateway.stop();
    });

    it('the plan says when the last message of a day goes out, and warns when it does not fit', async () => {
        const { body, status } = await api
            .get(`/admin/v1/campaigns/${id}/plan`)
            .set({ Authorization: `Bearer ${crm}` });
        expect(status).toBe(200);
        const sending = body.plan.sending;
        expect(sending).toMatchObject({ channel: 'sms', messagesPerMinute: 1 });
        expect(sending.recipients).toBeGreaterThan(10);
        // Released after the next selection (its run hour, Moscow), from the window's opening.
        const first = new Date(sending.firstSendAt);
        expect(new Date(sending.lastSendAt).getTime() - first.getTime()).toBe(
            (sending.recipients - 1) * 60_000,
        );
        expect(sending.fitsWindow).toBe(false);
        expect(body.plan.warnings.some((w: string) => w.includes('do not fit in the sending window'))).toBe(
            true,
        );
        expect(body.plan.units['sending.messagesPerMinute']).toBe('messages per minute');
    });

    it('spreads the released day at the provider’s rate; what does not fit goes at the next opening', async () => {
        const day = DateTime.fromJSDate(clock.now, { zone: 'Europe/Moscow' }).toISODate() as string;
        const { campaignSelection, sendGuard, dispatcher } = t.internals.services;
        const [part] = await campaignSelection.plan();
        testGroup = (await campaignSelection.runPart(id, day, part)).assigned.test;
        expect(testGroup).toBeGreaterThan(10);
        expect(await sendGuard.tick()).toMatchObject({ released: testGroup });
        const rows = await t.internals.database.all<{ next_at: unknown }>(
            "SELECT next_at FROM refill_cascades WHERE campaign_id = ? AND status = 'pending' ORDER BY next_at, id",
            [id],
        );
        const at = rows.map((r) => t.internals.database.time(r.next_at).getTime());
        expect(at).toHaveLength(testGroup);
        // 10 slots a minute apart from the next opening (09:00 Moscow) …
        const local = DateTime.fromJSDate(clock.now, { zone: 'Europe/Moscow' });
        expect(local.hour).toBeGreaterThanOrEqual(10);
        const nine = local.set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).plus({ days: 1 });
        const opening = nine.toMillis();
        expect(at.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => opening + i * 60_000));
        // … and the rest at the opening of the day after.
        const after = nine.plus({ days: 1 }).toMillis();
        expect(at.slice(10).every((ms) => ms === after)).toBe(true);
        // The dispatcher sends only what is due: nothing before 09:00, then one a minute.
        const before = gateway.to('/sms').length;
        expect((await dispatcher.run()).sent).toBe(0);
        clock.now = new Date(opening);
        expect((await dispatcher.run()).sent).toBe(1);
        clock.now = new Date(opening + 60_000);
        expect((await dispatcher.run()).sent).toBe(1);
        expect(gateway.to('/sms').length - before).toBe(2);
    });
});
