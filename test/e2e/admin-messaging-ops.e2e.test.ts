import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelError } from '../../plugin/modules/messaging/index.js';
import type { ChannelProvider } from '../../plugin/modules/messaging/index.js';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

/**
 * The channels, contact policy and message log routes over HTTP: answers,
 * bad input as 400 with field paths, roles (the analyst reads and never
 * writes), audit rows, masked recipients and the test send's rate limit.
 */
describe.each(engines)('admin messaging pages API on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    const tokens: Record<string, string> = {};
    // 12:00 in Moscow.
    const clock = new TestClock(new Date('2026-03-02T09:00:00.000Z'));
    const as = (role: string) => ({ Authorization: `Bearer ${tokens[role]}` });
    const url = '/admin/v1';
    const audit = (action: string) =>
        t.internals.database.all<{ actor: string; entity_id: string; details: string }>(
            `SELECT actor, entity_id, details FROM refill_audit_log WHERE action = ? ORDER BY id`,
            [action],
        );
    const paths = (res: request.Response) =>
        (res.body.error.details as Array<{ path: string }>).map((d) => d.path).sort();
    const rejecting: ChannelProvider = {
        id: 'outbox',
        channel: 'sms',
        send: async () => {
            throw new ChannelError('CHANNEL_REJECTED', 'rejected', false);
        },
    };

    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_messaging_ops', { clock: clock.fn });
        api = request(createApp(t.refill));
        for (const role of ['admin', 'marketer', 'analyst', 'manager'] as const)
            tokens[role] = await t.internals.services.adminTokens.create(`t-${role}`, role, 'test');
        const { customers, messageSender } = t.internals.services;
        const source = { source: 'test', storeId: null };
        await customers.upsert(
            '7770001',
            { phone: '+79161234567', email: 'anna@example.com', consents: { sms: { granted: true } } },
            source,
        );
        await customers.upsert('7770002', { phone: '+79160000002' }, source);
        const idOf = async (card: string) => ({
            customer: (await t.internals.repositories.customers.findByCard(t.internals.database, card))!,
        });
        const a = await idOf('7770001');
        const b = await idOf('7770002');
        const outbox: ChannelProvider = {
            id: 'outbox',
            channel: 'sms',
            send: async (m) => ({ providerMessageId: m.key, cost: 0, status: 'sent' }),
        };
        const base = { campaignId: null, kind: 'welcome', traffic: 'service' as const };
        const sms = { channel: 'sms' as const, to: '', text: '' };
        // Customer A's welcome: email passed over (no consent), SMS held in a quiet period.
        await messageSender.send(
            {
                ...base,
                key: `welcome:${a.customer.id}:0:skip`,
                customerId: a.customer.id,
                step: 0,
                verdict: { decision: 'drop', reason: 'no_consent' },
                message: { ...sms, channel: 'email' },
            },
            outbox,
        );
        await messageSender.send(
            {
                ...base,
                key: `welcome:${a.customer.id}:1`,
                customerId: a.customer.id,
                step: 1,
                verdict: {
                    decision: 'hold',
                    reason: 'post_purchase_quiet',
                    nextAllowedAt: new Date('2026-03-05T06:00:00.000Z'),
                    timezone: 'Europe/Moscow',
                },
                message: sms,
            },
            outbox,
        );
        // Customer B: sent, then two refused by the gateway.
        await messageSender.send(
            {
                ...base,
                key: `welcome:${b.customer.id}:0`,
                customerId: b.customer.id,
                step: 0,
                verdict: { decision: 'send' },
                message: { ...sms, to: '+79160000002', text: 'Hi' },
            },
            outbox,
        );
        for (const n of [1, 2])
            await messageSender.send(
                {
                    ...base,
                    key: `balance:${b.customer.id}:${n}:0`,
                    kind: 'balance',
                    customerId: b.customer.id,
                    step: 0,
                    verdict: { decision: 'send' },
                    message: { ...sms, to: '+79160000002', text: 'Balance' },
                },
                rejecting,
            );
    });
    afterAll(async () => t?.close());

    describe('the message log', () => {
        it('lists messages newest first with masked recipients and verdicts in words', async () => {
            const res = await api.get(`${url}/messages`).set(as('analyst'));
            expect(res.status).toBe(200);
            const rows = res.body.data as Array<Record<string, unknown>>;
            expect(rows.map((r) => r.status)).toEqual(['failed', 'failed', 'sent', 'held', 'dropped']);
            const held = rows[3];
            expect(held).toMatchObject({
                cardNumber: '7770001',
                channel: 'sms',
                recipient: '+7 916 ***-**-67',
                explanation:
                    'held: quiet period after a purchase, next allowed 2026-03-05 09:00 Europe/Moscow',
            });
            expect(rows[4]).toMatchObject({ channel: 'email', recipient: 'a***@example.com' });
            expect(JSON.stringify(res.body)).not.toMatch(/1234567|anna@/);
        });

        it('filters by card, status, channel, kind and dates, and pages by cursor', async () => {
            const get = (q: string) => api.get(`${url}/messages?${q}`).set(as('marketer'));
            const statuses = async (q: string) =>
                ((await get(q)).body.data as Array<{ status: string }>).map((r) => r.status);
            expect(await statuses('card=7770001')).toEqual(['held', 'dropped']);
            expect(await statuses('status=held')).toEqual(['held']);
            expect(await statuses('channel=email')).toEqual(['dropped']);
            expect(await statuses('kind=balance')).toEqual(['failed', 'failed']);
            expect(await statuses('card=nobody')).toEqual([]);
            expect(await statuses('from=2026-03-02&to=2026-03-02')).toHaveLength(5);
            expect(await statuses('from=2026-03-03')).toEqual([]);
            expect(await statuses('to=2026-03-01')).toEqual([]);
            const first = await get('limit=2');
            expect(first.body.data).toHaveLength(2);
            const next = await get(`limit=2&cursor=${first.body.meta.pagination.nextCursor}`);
            expect((next.body.data as Array<{ status: string }>).map((r) => r.status)).toEqual([
                'sent',
                'held',
            ]);
            const bad = await get('status=lost&channel=fax&from=yesterday&campaignId=x');
            expect(bad.status).toBe(400);
            expect(paths(bad)).toEqual(['campaignId', 'channel', 'from', 'status']);
            const cursor = await get('cursor=nonsense');
            expect(cursor.status).toBe(400);
            expect(paths(cursor)).toEqual(['cursor']);
        });

        it('opens one message with its reminder’s trail and delivery events', async () => {
            const { body } = await api.get(`${url}/messages?status=held`).set(as('analyst'));
            const res = await api.get(`${url}/messages/${body.data[0].id}`).set(as('analyst'));
            expect(res.status).toBe(200);
            const m = res.body.message;
            expect(
                m.trail.map((s: { channel: string; status: string }) => `${s.channel}:${s.status}`),
            ).toEqual(['email:dropped', 'sms:held']);
            expect(m.trail[0].explanation).toBe('not sent: no email consent');
            expect(m.events).toEqual([{ status: 'held', at: '2026-03-02T09:00:00.000Z', reason: null }]);
            const failed = (await api.get(`${url}/messages?status=failed`).set(as('analyst'))).body.data[0];
            const f = (await api.get(`${url}/messages/${failed.id}`).set(as('analyst'))).body.message;
            expect(f.events.map((e: { status: string }) => e.status)).toEqual([
                'planned',
                'sending',
                'failed',
            ]);
            expect(f.events[2].reason).toBe('CHANNEL_REJECTED');
            expect((await api.get(`${url}/messages/999999`).set(as('analyst'))).status).toBe(404);
            const bad = await api.get(`${url}/messages/abc`).set(as('analyst'));
            expect(bad.status).toBe(400);
            expect(paths(bad)).toEqual(['id']);
            expect((await api.get(`${url}/messages/stats`).set(as('analyst'))).status).toBe(200);
        });

        it('is not for store managers', async () => {
            expect((await api.get(`${url}/messages`).set(as('manager'))).status).toBe(403);
            expect((await api.get(`${url}/channels`).set(as('manager'))).status).toBe(403);
        });
    });

    describe('channels', () => {
        it('shows each channel’s provider, state and failures by reason', async () => {
            const res = await api.get(`${url}/channels`).set(as('analyst'));
            expect(res.status).toBe(200);
            const byChannel = Object.fromEntries(
                (res.body.channels as Array<{ channel: string }>).map((c) => [c.channel, c]),
            );
            expect(Object.keys(byChannel)).toEqual(['sms', 'email', 'push', 'telegram', 'viber', 'whatsapp']);
            expect(byChannel.sms).toMatchObject({
                provider: 'outbox',
                configured: false,
                state: 'failing',
                price: null,
                plannedCost: 300,
                answered: 3,
                failed: 2,
                failures: [{ reason: 'CHANNEL_REJECTED', count: 2 }],
            });
            expect(byChannel.email).toMatchObject({ state: 'idle', answered: 0, failures: [] });
        });

        it('sends a test through the provider into the outbox; audited with the recipient masked', async () => {
            const res = await api
                .post(`${url}/channels/sms/test`)
                .set(as('marketer'))
                .send({ to: '+7 916 765-43-21', text: 'Проверка' });
            expect(res.status).toBe(200);
            expect(res.body.result).toMatchObject({ outcome: 'sent', provider: 'outbox', segments: 1 });
            const [outboxed] = await t.internals.services.outbox.list({ channel: 'sms', limit: 1 });
            expect(outboxed).toMatchObject({ to: '+79167654321', text: 'Проверка' });
            const [entry] = await audit('channel.test_send');
            expect(entry).toMatchObject({ actor: 'token:t-marketer', entity_id: 'sms' });
            expect(JSON.parse(entry.details)).toEqual({
                provider: 'outbox',
                recipient: '+7 916 ***-**-21',
                outcome: 'sent',
                cost: 0,
            });
            expect(entry.details).not.toMatch(/7654321/);
        });

        it('refuses bad input with field paths, analysts, and more than 10 tests an hour', async () => {
            const bad = await api.post(`${url}/channels/fax/test`).set(as('marketer')).send({ to: '' });
            expect(bad.status).toBe(400);
            expect(paths(bad)).toEqual(['channel']);
            const body = await api.post(`${url}/channels/sms/test`).set(as('marketer')).send({ to: '' });
            expect(paths(body)).toEqual(['to']);
            const phone = await api.post(`${url}/channels/sms/test`).set(as('marketer')).send({ to: 'abc' });
            expect(phone.status).toBe(400);
            expect(paths(phone)).toEqual(['to']);
            const mail = await api.post(`${url}/channels/email/test`).set(as('marketer')).send({ to: 'x@' });
            expect(paths(mail)).toEqual(['to']);
            const analyst = await api
                .post(`${url}/channels/sms/test`)
                .set(as('analyst'))
                .send({ to: '+79161112233' });
            expect(analyst.status).toBe(403);
            const send = () =>
                api.post(`${url}/channels/email/test`).set(as('admin')).send({ to: 'ops@example.com' });
            for (let i = 0; i < 10; i++) expect((await send()).status).toBe(200);
            const limited = await send();
            expect(limited.status).toBe(429);
            expect(limited.body.error.code).toBe('REFILL_RATE_LIMITED');
            expect(limited.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
            clock.now = new Date(clock.now.getTime() + 3_601_000);
            expect((await send()).status).toBe(200);
        });
    });

    describe('the contact policy', () => {
        it('shows each value with its default and what it means for a customer', async () => {
            const res = await api.get(`${url}/contact-policy`).set(as('analyst'));
            expect(res.status).toBe(200);
            expect(res.body).toMatchObject({
                customised: false,
                updatedBy: null,
                policy: { window: { from: '09:00', to: '21:00' }, quietDaysAfterPurchase: 7 },
            });
            const quiet = res.body.values.find((v: { path: string }) => v.path === 'quietDaysAfterPurchase');
            expect(quiet).toEqual({
                path: 'quietDaysAfterPurchase',
                value: 7,
                default: 7,
                meaning: 'After a purchase, a customer gets no offers for 7 days.',
            });
            expect(res.body.values.map((v: { path: string }) => v.path)).toContain('caps.daily.sms');
        });

        it('saves a valid policy, audited with before and after; analysts may not', async () => {
            const { body } = await api.get(`${url}/contact-policy`).set(as('marketer'));
            const next = {
                ...body.policy,
                quietDaysAfterPurchase: 3,
                window: { from: '10:00', to: '20:00' },
            };
            expect((await api.put(`${url}/contact-policy`).set(as('analyst')).send(next)).status).toBe(403);
            const res = await api.put(`${url}/contact-policy`).set(as('marketer')).send(next);
            expect(res.status).toBe(200);
            expect(res.body).toMatchObject({
                customised: true,
                updatedBy: 'token:t-marketer',
                policy: { quietDaysAfterPurchase: 3, window: { from: '10:00', to: '20:00' } },
                defaults: { quietDaysAfterPurchase: 7 },
            });
            const [entry] = await audit('contact_policy.save');
            expect(entry).toMatchObject({ actor: 'token:t-marketer', entity_id: 'messaging' });
            const details = JSON.parse(entry.details);
            expect(details.before.quietDaysAfterPurchase).toBe(7);
            expect(details.after.quietDaysAfterPurchase).toBe(3);
            expect((await t.internals.services.contactPolicy.current()).window).toEqual({
                from: '10:00',
                to: '20:00',
            });
        });

        it('refuses bad values with their paths and stores nothing', async () => {
            const { body } = await api.get(`${url}/contact-policy`).set(as('marketer'));
            const bad = {
                ...body.policy,
                window: { from: '21:00', to: '09:00' },
                quietDaysAfterPurchase: -1,
                caps: { ...body.policy.caps, daily: { ...body.policy.caps.daily, sms: 'many' } },
                monthlyMarketingCap: undefined,
            };
            const res = await api.put(`${url}/contact-policy`).set(as('admin')).send(bad);
            expect(res.status).toBe(400);
            expect(paths(res)).toEqual([
                'caps.daily.sms',
                'monthlyMarketingCap',
                'quietDaysAfterPurchase',
                'window.to',
            ]);
            const extra = await api
                .put(`${url}/contact-policy`)
                .set(as('admin'))
                .send({ ...body.policy, smsAtNight: true });
            expect(paths(extra)).toEqual(['smsAtNight']);
            expect(await audit('contact_policy.save')).toHaveLength(1);
            const after = await api.get(`${url}/contact-policy`).set(as('marketer'));
            expect(after.body.policy.quietDaysAfterPurchase).toBe(3);
        });
    });
});
