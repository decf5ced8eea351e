import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../helpers/create-app.js';
import { gatewayChannels, LocalGateway } from '../../helpers/local-gateway.js';
import type { MessageKind } from '../../../plugin/kernel/vocabulary/message-kinds.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

/**
 * The cascade engine end to end on a real database: real planners, the real
 * dispatcher, providers talking HTTP to a local gateway, delivery reports
 * through Refill's callback endpoint, and the POS commit stopping reminders.
 */
describe.each(engines)('reminder cascades on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let admin: string;
    const gateway = new LocalGateway();
    // 10:00 in Moscow: inside the sending hours.
    const clock = new TestClock(new Date('2026-03-02T07:00:00.000Z'));
    const minutes = (n: number) => (clock.now = new Date(clock.now.getTime() + n * 60_000));
    const cascade = (key: string) => t.internals.repositories.cascades.findByKey(key);
    const customerId = async (card: string) =>
        (await t.internals.repositories.customers.findByCard(t.internals.database, card))!.id;

    beforeAll(async () => {
        await gateway.start();
        t = await startTestRefill(engine, 'cascades', {
            clock: clock.fn,
            messaging: {
                channels: gatewayChannels(gateway),
                publicUrl: 'https://shop.example/loyalty',
                chain: { name: 'Apteka' },
            },
        });
        api = request(createApp(t.refill));
        admin = await t.internals.services.adminTokens.create('ops', 'admin', 'test');
        const { customers } = t.internals.services;
        const source = { source: 'test', storeId: null };
        // Push and SMS, no Telegram or email consent.
        await customers.upsert(
            '5550001',
            {
                phone: '+79005550001',
                pushToken: 'device-1',
                consents: { push: { granted: true }, sms: { granted: true } },
            },
            source,
        );
        // SMS only, in Samara (UTC+4).
        await customers.upsert(
            '5550002',
            { phone: '+79005550002', timezone: 'Europe/Samara', consents: { sms: { granted: true } } },
            source,
        );
        // Nothing usable.
        await customers.upsert('5550003', { phone: '+79005550003' }, source);
    });
    afterAll(async () => {
        await t?.close();
        await gateway.stop();
    });

    it('walks the channels cheapest first, moves on when nothing is delivered, and ends at the delivery report', async () => {
        const { reminders, dispatcher } = t.internals.services;
        expect(await reminders.planAll()).toMatchObject({ welcome: 3 });
        expect(await reminders.planAll()).toMatchObject({ welcome: 0 });

        const first = await dispatcher.run();
        // Push (free) first for 5550001; SMS for 5550002; nothing for 5550003.
        expect(gateway.to('/push')).toHaveLength(1);
        expect(gateway.to('/push')[0].body).toMatchObject({ to: 'device-1', channel: 'push' });
        expect(gateway.to('/sms').map((c) => c.body.to)).toEqual(['+79005550002']);
        expect(first).toMatchObject({ sent: 2, exhausted: 1 });
        const one = (await cascade('welcome:' + (await customerId('5550001'))))!;
        expect(one).toMatchObject({ status: 'waiting', channel: 'push', step: 0 });

        // Push waits 240 minutes for a delivery report; before that nothing moves.
        minutes(239);
        expect((await dispatcher.run()).sent).toBe(0);
        minutes(2);
        expect((await dispatcher.run()).sent).toBe(1);
        expect(gateway.to('/sms').map((c) => c.body.to)).toEqual(['+79005550002', '+79005550001']);
        const moved = (await cascade(one.cascadeKey))!;
        expect(moved).toMatchObject({ status: 'waiting', channel: 'sms' });

        // The SMS gateway reports delivery through the signed callback URL.
        const { body: ep } = await api
            .get('/admin/v1/messaging/endpoints')
            .set({ Authorization: `Bearer ${admin}` });
        const callback = new URL(ep.endpoints['status:sms']).pathname.replace('/loyalty', '');
        const smsId = (
            await t.internals.database.all<{ provider_message_id: string }>(
                'SELECT provider_message_id FROM refill_messages WHERE message_key = ?',
                [moved.messageKey],
            )
        )[0].provider_message_id;
        expect(
            (await api.post(callback.replace(/[^/]+$/, 'forged-token-123')).send({ id: smsId })).status,
        ).toBe(404);
        const report = await api.post(callback).send({ id: smsId, status: 'DELIVRD' });
        expect(report.body).toEqual({ updated: 1 });
        expect((await cascade(one.cascadeKey))!.status).toBe('done');

        // Support can see why Telegram and email were passed over.
        const seen = await api
            .get('/admin/v1/customers/5550001/messages')
            .set({ Authorization: `Bearer ${admin}` });
        const byChannel = Object.fromEntries(
            seen.body.messages.map((m: { channel: string }) => [m.channel, m]),
        );
        expect(byChannel.telegram.explanation).toBe('not sent: no Telegram consent');
        expect(byChannel.email.explanation).toBe('not sent: no email consent');
        expect(byChannel.sms).toMatchObject({ status: 'delivered', cost: 250, segments: 1 });
        expect(byChannel.push).toMatchObject({ status: 'sent', explanation: 'sent' });
    });

    it('holds messages outside the customer’s sending hours and says until when', async () => {
        // 22:30 in Moscow is 23:30 in Samara.
        clock.now = new Date('2026-03-02T19:30:00.000Z');
        const { reminders, dispatcher } = t.internals.services;
        await t.internals.services.customers.upsert(
            '5550004',
            { phone: '+79005550004', timezone: 'Europe/Samara', consents: { sms: { granted: true } } },
            { source: 'test', storeId: null },
        );
        await reminders.welcome();
        const before = gateway.to('/sms').length;
        expect(await dispatcher.run()).toMatchObject({ held: 1, sent: 0 });
        expect(gateway.to('/sms')).toHaveLength(before);
        const seen = await api
            .get('/admin/v1/customers/5550004/messages')
            .set({ Authorization: `Bearer ${admin}` });
        expect(seen.body.messages[0].explanation).toBe(
            'held: outside the sending hours, next allowed 09:00 Europe/Samara',
        );
        // 09:00 in Samara is 05:00 UTC.
        clock.now = new Date('2026-03-03T04:59:00.000Z');
        expect((await dispatcher.run()).sent).toBe(0);
        clock.now = new Date('2026-03-03T05:00:00.000Z');
        expect((await dispatcher.run()).sent).toBe(1);
        expect(gateway.to('/sms').at(-1)!.body.to).toBe('+79005550004');
    });

    it('never sends twice when dispatch runs concurrently or again', async () => {
        clock.now = new Date('2026-03-04T08:00:00.000Z');
        const { customers, reminders, dispatcher } = t.internals.services;
        for (let i = 10; i < 40; i++)
            await customers.upsert(
                `55500${i}`,
                { phone: `+790055500${i}`, consents: { sms: { granted: true } } },
                { source: 'test', storeId: null },
            );
        await reminders.welcome();
        const before = gateway.to('/sms').length;
        await Promise.all([dispatcher.run(), dispatcher.run(), dispatcher.run()]);
        await dispatcher.run();
        const sent = gateway.to('/sms').slice(before);
        expect(sent).toHaveLength(30);
        expect(new Set(sent.map((c) => c.body.id)).size).toBe(30);
    });

    it('a Telegram message the Bot API accepted is done; a blocked bot moves on to SMS at once', async () => {
        clock.now = new Date('2026-03-05T08:00:00.000Z');
        const { customers, reminders, dispatcher } = t.internals.services;
        for (const [card, chat] of [
            ['5550101', '777000101'],
            ['5550102', '0'],
        ])
            await customers.upsert(
                card,
                {
                    phone: `+7900${card}`,
                    telegramChatId: chat,
                    consents: { telegram: { granted: true }, sms: { granted: true } },
                },
                { source: 'test', storeId: null },
            );
        await reminders.welcome();
        const sms = gateway.to('/sms').length;
        await dispatcher.run();
        expect(gateway.to('/tg').map((c) => c.body.chat_id)).toEqual(['777000101', '0']);
        expect(await cascade(`welcome:${await customerId('5550101')}`)).toMatchObject({
            status: 'done',
            channel: 'telegram',
            outcome: 'accepted',
        });
        expect(await cascade(`welcome:${await customerId('5550102')}`)).toMatchObject({
            status: 'waiting',
            outcome: 'failed',
        });
        // The next tick, not a day later: the blocked chat's reminder goes by SMS.
        await dispatcher.run();
        expect(
            gateway
                .to('/sms')
                .slice(sms)
                .map((c) => c.body.to),
        ).toEqual(['+79005550102']);
        const seen = await api
            .get('/admin/v1/customers/5550102/messages')
            .set({ Authorization: `Bearer ${admin}` });
        expect(seen.body.messages.find((m: { channel: string }) => m.channel === 'telegram')).toMatchObject({
            status: 'failed',
            failureReason: 'CHANNEL_BLOCKED',
        });
    });

    it('a broken reminder ends with its error and does not block the others', async () => {
        const { dispatcher } = t.internals.services;
        const ids = [await customerId('5550001'), await customerId('5550002')];
        await t.internals.repositories.cascades.insertMany(
            t.internals.database,
            ids.map((id, i) => ({
                cascadeKey: `broken-test:${id}`,
                customerId: id,
                campaignId: null,
                categoryId: null,
                offerId: null,
                // No template exists for the first one's kind (no version knows it: the type says so too).
                kind: (i === 0 ? 'no-such-kind' : 'bonus-expiry') as MessageKind,
                traffic: 'service' as const,
                status: 'pending' as const,
                runDay: null,
                nextAt: clock.fn(),
                deadlineAt: null,
                payload: JSON.stringify({ expiry: { amount: 15000, at: '2026-03-10T00:00:00Z' } }),
            })),
            clock.fn(),
        );
        const before = gateway.calls.length;
        await dispatcher.run();
        expect(await cascade(`broken-test:${ids[0]}`)).toMatchObject({
            status: 'cancelled',
            outcome: 'error:REFILL_NOT_FOUND',
        });
        expect(await cascade(`broken-test:${ids[1]}`)).toMatchObject({ status: 'waiting' });
        expect(gateway.calls.length).toBe(before + 1);
    });

    it('a purchase of the category at the till stops the customer’s reminders at once', async () => {
        const { dispatcher } = t.internals.services;
        const id = await customerId('5550002');
        const [category] = await t.internals.database.all<{ id: unknown }>(
            "SELECT id FROM refill_categories WHERE code = 'C09'",
        );
        await t.internals.repositories.cascades.insertMany(
            t.internals.database,
            [
                {
                    cascadeKey: `offer-expiry:test-${id}`,
                    customerId: id,
                    campaignId: null,
                    categoryId: Number(category.id),
                    offerId: null,
                    kind: 'bonus-expiry',
                    traffic: 'service',
                    status: 'pending',
                    runDay: null,
                    nextAt: new Date(clock.now.getTime() + 3_600_000),
                    deadlineAt: null,
                    payload: JSON.stringify({ expiry: { amount: 15000, at: '2026-03-10T00:00:00Z' } }),
                },
            ],
            clock.fn(),
        );
        const res = await request(createApp(t.refill))
            .post('/pos/v1/receipts')
            .set({ Authorization: `Bearer ${t.key}` })
            .send({
                receiptId: 'R-STOP-1',
                cardNumber: '5550002',
                storeCode: 'S1',
                purchasedAt: clock.fn().toISOString(),
                lines: [{ sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: 45000 }],
            });
        expect(res.status).toBe(201);
        // Stopped by the commit itself, before any dispatch runs.
        expect(await cascade(`offer-expiry:test-${id}`)).toMatchObject({
            status: 'stopped',
            outcome: 'purchase',
        });
        minutes(120);
        const before = gateway.calls.length;
        await dispatcher.run();
        expect(gateway.calls.length).toBe(before);
    });

    it('a dispatcher page that read a cascade before the purchase does not bring it back', async () => {
        const stopped = (await t.internals.repositories.cascades.findByKey(
            `offer-expiry:test-${await customerId('5550002')}`,
        ))!;
        // The page read it while open; the commit stopped it; the page now records its send.
        await t.internals.repositories.cascades.updateMany(
            t.internals.database,
            [{ cascade: { ...stopped, status: 'pending' }, patch: { status: 'waiting', outcome: 'sent' } }],
            clock.fn(),
        );
        expect(await cascade(stopped.cascadeKey)).toMatchObject({ status: 'stopped', outcome: 'purchase' });
    });
});
