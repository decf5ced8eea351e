import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbTime } from '../../../plugin/kernel/db/db-time.js';
import { createApp } from '../../helpers/create-app.js';
import { gatewayChannels, LocalGateway } from '../../helpers/local-gateway.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

/**
 * Who may be sent what and when, through the real dispatcher on a real
 * database: the timezone a customer without one is timed and dated in, caps
 * on every channel, and service messages that follow their own consent and
 * cap.
 */
describe.each(engines)('contact rules on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let admin: string;
    let vvo: number;
    const gateway = new LocalGateway();
    const clock = new TestClock(new Date('2026-03-02T07:00:00.000Z'));
    const customerId = async (card: string) =>
        (await t.internals.repositories.customers.findByCard(t.internals.database, card))!.id;
    const explanations = async (card: string) =>
        (
            await api.get(`/admin/v1/customers/${card}/messages`).set({ Authorization: `Bearer ${admin}` })
        ).body.messages.map((m: { explanation: string }) => m.explanation) as string[];
    const smsTo = (phone: string) => gateway.to('/sms').filter((c) => c.body.to === phone);
    /** A reminder due now (bonus-expiry notices burn at `burnsAt`; the deadline is the burn). */
    const remind = async (
        card: string,
        key: string,
        kind: 'bonus-expiry' | 'offer-expiry',
        burnsAt = new Date(clock.now.getTime() + 5 * 86_400_000),
    ) =>
        t.internals.repositories.cascades.insertMany(
            t.internals.database,
            [
                {
                    cascadeKey: `${kind}:${key}`,
                    customerId: await customerId(card),
                    campaignId: null,
                    categoryId: null,
                    offerId: null,
                    kind,
                    traffic: kind === 'bonus-expiry' ? 'service' : 'marketing',
                    status: 'pending',
                    runDay: null,
                    nextAt: clock.fn(),
                    deadlineAt: burnsAt,
                    payload: JSON.stringify({
                        expiry: { amount: 150_000, at: burnsAt.toISOString() },
                        offer: { endsAt: burnsAt.toISOString() },
                    }),
                },
            ],
            clock.fn(),
        );

    beforeAll(async () => {
        await gateway.start();
        t = await startTestRefill(engine, 'contact-rules', {
            clock: clock.fn,
            messaging: {
                channels: gatewayChannels(gateway),
                publicUrl: 'https://shop.example/loyalty',
                chain: { name: 'Apteka' },
                welcome: false,
            },
        });
        api = request(createApp(t.refill));
        admin = await t.internals.services.adminTokens.create('ops', 'admin', 'test');
        vvo = (await t.internals.services.stores.upsert('VVO', 'Vladivostok', 'Asia/Vladivostok', 'test')).id;
    });
    afterAll(async () => {
        await t?.close();
        await gateway.stop();
    });

    it('a Vladivostok customer without a timezone gets no SMS at 22:30 local', async () => {
        const { customers, dispatcher } = t.internals.services;
        // Enrolled at the Vladivostok store (UTC+10); no timezone of their own.
        await customers.upsert(
            '6600001',
            { phone: '+79006600001', consents: { sms: { granted: true } } },
            { source: 'VVO', storeId: vvo },
        );
        // 22:30 in Vladivostok, 15:30 in Moscow (the chain's zone).
        clock.now = new Date('2026-03-02T12:30:00.000Z');
        await remind('6600001', 'vvo-1', 'bonus-expiry');
        await dispatcher.run();
        expect(smsTo('+79006600001')).toHaveLength(0);
        expect(await explanations('6600001')).toContain(
            'held: outside the sending hours, next allowed 09:00 Asia/Vladivostok',
        );
        // 09:00 in Vladivostok.
        clock.now = new Date('2026-03-02T23:00:00.000Z');
        await dispatcher.run();
        expect(smsTo('+79006600001')).toHaveLength(1);
    });

    it('a customer who last bought in Vladivostok is timed and dated there', async () => {
        const { customers, dispatcher } = t.internals.services;
        // Enrolled at S1 (no timezone: the chain's), then bought in Vladivostok.
        await customers.upsert(
            '6600002',
            { phone: '+79006600002', consents: { sms: { granted: true } } },
            { source: 'S1', storeId: null },
        );
        clock.now = new Date('2026-03-03T06:00:00.000Z'); // 16:00 Vladivostok, 09:00 Moscow
        await t.refill.hooks.commitPurchase({
            receiptId: 'VVO-1',
            cardNumber: '6600002',
            storeCode: 'VVO',
            purchasedAt: clock.fn().toISOString(),
            lines: [{ sku: 'PROMO-1', name: 'Promo item', quantity: 1, amount: 10_000 }],
        } as never);
        // Burns at 01:30 on 11 March in Vladivostok (18:30 on 10 March in Moscow).
        await remind('6600002', 'vvo-2', 'bonus-expiry', new Date('2026-03-10T15:30:00.000Z'));
        await dispatcher.run();
        const [sms] = smsTo('+79006600002');
        expect(sms.body.text).toContain('11 марта');
    });

    it('8 marketing pushes in one minute: only the first is sent, the rest are held by the minimum gap', async () => {
        const { customers, dispatcher } = t.internals.services;
        await customers.upsert(
            '6600003',
            { pushToken: 'device-6600003', consents: { push: { granted: true } } },
            { source: 'test', storeId: null },
        );
        clock.now = new Date('2026-03-04T08:00:00.000Z'); // 11:00 Moscow
        const pushes = () => gateway.to('/push').filter((c) => c.body.to === 'device-6600003');
        for (let i = 0; i < 8; i++) await remind('6600003', `push-${i}`, 'offer-expiry');
        await dispatcher.run();
        expect(pushes()).toHaveLength(1);
        const held = (await explanations('6600003')).filter((e) => e.startsWith('held'));
        expect(held).toHaveLength(7);
        expect(new Set(held)).toEqual(
            new Set(['held: 60 minutes between marketing messages, next allowed 12:00 Europe/Moscow']),
        );
        // An hour later one more goes, and so on.
        clock.now = new Date('2026-03-04T09:00:00.000Z');
        await dispatcher.run();
        expect(pushes()).toHaveLength(2);
    });

    it('a message a crashed run left claimed is not held by its own claim when it is taken up again', async () => {
        const { customers, dispatcher } = t.internals.services;
        await customers.upsert(
            '6600006',
            { pushToken: 'device-6600006', consents: { push: { granted: true } } },
            { source: 'test', storeId: null },
        );
        clock.now = new Date('2026-03-07T08:00:00.000Z');
        await remind('6600006', 'crash-1', 'offer-expiry');
        // A run claimed the push two minutes ago and died; its lease ran out a minute ago.
        const ago = (m: number) => toDbTime(new Date(clock.now.getTime() - m * 60_000));
        await t.internals.database.run(
            `INSERT INTO refill_messages (message_key, customer_id, kind, step, channel, traffic, status, cost, claim_token, lease_until, created_at, status_at) VALUES ('offer-expiry:crash-1:0', ?, 'offer-expiry', 0, 'push', 'marketing', 'claimed', 0, 'dead-run', ?, ?, ?)`,
            [await customerId('6600006'), ago(1), ago(2), ago(2)],
        );
        await dispatcher.run();
        expect(gateway.to('/push').filter((c) => c.body.to === 'device-6600006')).toHaveLength(1);
    });

    it('STOP withdraws marketing consent only: the bonus-expiry notice still goes by SMS', async () => {
        const { customers, dispatcher, inbound } = t.internals.services;
        await customers.upsert(
            '6600004',
            { phone: '+79006600004', consents: { sms: { granted: true } } },
            { source: 'test', storeId: null },
        );
        clock.now = new Date('2026-03-05T08:00:00.000Z');
        const token = (await inbound.endpoints())['inbound:sms'].split('/').at(-1)!;
        expect(await inbound.inboundSms(token, '+79006600004', 'STOP')).toEqual({ unsubscribed: 1 });
        await remind('6600004', 'stop-offer', 'offer-expiry');
        await remind('6600004', 'stop-notice', 'bonus-expiry');
        await dispatcher.run();
        const sent = smsTo('+79006600004');
        expect(sent).toHaveLength(1);
        expect(sent[0].body.text).toMatch(/сгорят/);
        expect(await t.internals.repositories.cascades.findByKey('offer-expiry:stop-offer')).toMatchObject({
            status: 'exhausted',
        });
        const view = await customers.get('6600004');
        expect(view.consents.sms).toMatchObject({ granted: false });
        expect(view.serviceConsents.sms).toMatchObject({ granted: true });
    });

    it('a day of marketing SMS does not make a bonus-expiry notice miss its burn date', async () => {
        const { customers, dispatcher } = t.internals.services;
        await customers.upsert(
            '6600005',
            { phone: '+79006600005', consents: { sms: { granted: true } } },
            { source: 'test', storeId: null },
        );
        // 18:00 in Moscow; three marketing SMS went out today.
        clock.now = new Date('2026-03-06T15:00:00.000Z');
        const id = await customerId('6600005');
        for (const at of ['2026-03-06T06:00:00Z', '2026-03-06T08:00:00Z', '2026-03-06T10:00:00Z'])
            await t.internals.database.run(
                `INSERT INTO refill_messages (message_key, customer_id, kind, step, channel, traffic, status, cost, created_at, sent_at, status_at) VALUES (?, ?, 'offer-expiry', 0, 'sms', 'marketing', 'sent', 0, ?, ?, ?)`,
                [`earlier-${id}-${at}`, id, ...Array(3).fill(toDbTime(new Date(at)))],
            );
        // The bonuses burn tomorrow at 08:00 Moscow: the last chance is this evening.
        await remind('6600005', 'burn-tomorrow', 'bonus-expiry', new Date('2026-03-07T05:00:00.000Z'));
        await dispatcher.run();
        expect(smsTo('+79006600005')).toHaveLength(1);
    });
});
