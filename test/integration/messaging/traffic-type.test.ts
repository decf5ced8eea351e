import { DateTime } from 'luxon';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLapsedBuyers, testDesign } from '../../helpers/campaign-fixtures.js';
import { createApp } from '../../helpers/create-app.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';
import { HttpSmsProvider } from '../../../plugin/modules/messaging/channels/http-sms.provider.js';
import { rateChannels, SendRateGateway } from './send-rate-gateway.js';

/**
 * Service and advertising traffic kept apart: each goes out under the
 * sender name registered for its type (or the campaign's own), the HTTP SMS
 * gateway gets the sender and the type in its protocol, and the recorded
 * cost uses the type's price.
 */
describe.each(engines)('traffic types and sender names on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let token: string;
    const gateway = new SendRateGateway();
    const clock = new TestClock(new Date('2026-01-01T08:00:00.000Z'));
    const auth = () => ({ Authorization: `Bearer ${token}` });
    const sms = () => {
        const base = rateChannels(gateway).sms;
        return {
            ...base,
            fields: { ...base.fields, traffic: '{traffic}' },
            senders: { service: 'AptekaInfo', marketing: 'AptekaPromo' },
            prices: { service: 100, marketing: 300 },
        };
    };

    beforeAll(async () => {
        await gateway.start();
        t = await startTestRefill(engine, 'traffic_type', {
            clock: clock.fn,
            messaging: {
                channels: { sms: sms() },
                publicUrl: 'https://shop.example/loyalty',
                guard: { maxBasePct: 100 },
                window: { from: '00:00', to: '23:59' },
            },
        });
        token = await t.internals.services.adminTokens.create('crm', 'admin', 'test');
        api = request(createApp(t.refill));
    });
    afterAll(async () => {
        await t?.close();
        await gateway.stop();
    });

    it('a service message goes under the service sender at the service price', async () => {
        const { customers, reminders, dispatcher } = t.internals.services;
        await customers.upsert(
            '8800001',
            { phone: '+79008800001', consents: { sms: { granted: true } } },
            { source: 'test', storeId: null },
        );
        await reminders.welcome();
        const before = gateway.to('/sms').length;
        expect((await dispatcher.run()).sent).toBe(1);
        const [call] = gateway.to('/sms').slice(before);
        expect(call.body).toMatchObject({ to: '+79008800001', sender: 'AptekaInfo', traffic: 'service' });
        const [row] = await t.internals.database.all<{ cost: number; segments: number; traffic: string }>(
            "SELECT cost, segments, traffic FROM refill_messages WHERE kind = 'welcome' AND channel = 'sms'",
        );
        expect(row.traffic).toBe('service');
        expect(Number(row.cost)).toBe(100 * Number(row.segments));
    });

    it('advertising goes under the advertising sender at its price; a message’s own sender wins', async () => {
        const provider = new HttpSmsProvider(sms());
        const base = { channel: 'sms' as const, to: '+79008800002', text: 'Offer', segments: 2 };
        expect(await provider.send({ ...base, key: 'k1', traffic: 'marketing' })).toMatchObject({
            cost: 600,
        });
        await provider.send({ ...base, key: 'k2', traffic: 'marketing', sender: 'Apteka24' });
        const [plain, own] = gateway.to('/sms').slice(-2);
        expect(plain.body).toMatchObject({ sender: 'AptekaPromo', traffic: 'marketing' });
        expect(own.body).toMatchObject({ sender: 'Apteka24' });
    });

    it('a campaign’s own sender name is validated, shown, and carried by its messages', async () => {
        await seedLapsedBuyers(t, clock, 20);
        const created = await api
            .post('/admin/v1/campaigns')
            .set(auth())
            .send({ ...testDesign({ channels: ['sms'] }), startsAt: undefined, endsAt: undefined });
        expect(created.status).toBe(201);
        expect(created.body.campaign.senderName).toBeNull();
        const id = created.body.campaign.id as number;
        for (const bad of ['', 'Much too long a name', 'Bad\nName', 42]) {
            const res = await api.patch(`/admin/v1/campaigns/${id}`).set(auth()).send({ senderName: bad });
            expect(res.status).toBe(400);
            expect(res.body.error.details[0].path).toBe('senderName');
        }
        const ok = await api.patch(`/admin/v1/campaigns/${id}`).set(auth()).send({ senderName: 'Apteka24' });
        expect(ok.body.campaign.senderName).toBe('Apteka24');
        expect((await api.post(`/admin/v1/campaigns/${id}/launch`).set(auth())).status).toBe(200);
        const day = DateTime.fromJSDate(clock.now, { zone: 'Europe/Moscow' }).toISODate() as string;
        const { campaignSelection, sendGuard, dispatcher } = t.internals.services;
        const [part] = await campaignSelection.plan();
        await campaignSelection.runPart(id, day, part);
        await sendGuard.tick();
        const before = gateway.to('/sms').length;
        const { sent } = await dispatcher.run();
        expect(sent).toBeGreaterThan(0);
        const calls = gateway.to('/sms').slice(before);
        expect(calls.every((c) => c.body.sender === 'Apteka24' && c.body.traffic === 'marketing')).toBe(true);
        const rows = await t.internals.database.all<{ cost: number; segments: number }>(
            "SELECT cost, segments FROM refill_messages WHERE campaign_id = ? AND status = 'sent'",
            [id],
        );
        expect(rows.length).toBe(sent);
        for (const r of rows) expect(Number(r.cost)).toBe(300 * Number(r.segments));
    });

    it('with everyone in the global control group, service messages still go', async () => {
        const { customers, reminders, dispatcher } = t.internals.services;
        await t.internals.database.run(
            "INSERT INTO refill_settings (name, value, updated_at) VALUES ('program.global_control', ?, ?)",
            [JSON.stringify({ seed: 'test', shareBp: 10_000 }), '2026-01-01 00:00:00.000'],
        );
        await customers.upsert(
            '8800009',
            { phone: '+79008800009', consents: { sms: { granted: true } } },
            { source: 'test', storeId: null },
        );
        await reminders.welcome();
        const before = gateway.to('/sms').length;
        expect((await dispatcher.run()).sent).toBe(1);
        expect(gateway.to('/sms').slice(before)[0].body).toMatchObject({
            to: '+79008800009',
            traffic: 'service',
        });
    });
});
