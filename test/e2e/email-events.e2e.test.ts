import { createHmac } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

const SECRET = 'email-events-secret-0123456789abcdef';

/**
 * The email provider's bounce and complaint webhook: signed (HMAC-SHA256
 * over `<t>.<raw body>`, a replay window), 401 otherwise, applied once per
 * event id; a hard bounce marks the address undeliverable (the cascade
 * skips email), a complaint withdraws the marketing email consent.
 */
describe.each(engines)('email events webhook on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    const clock = new TestClock(new Date('2026-03-02T08:00:00.000Z'));
    const sign = (body: string, at = clock.now) => {
        const ts = Math.floor(at.getTime() / 1000);
        return `t=${ts},v1=${createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex')}`;
    };
    const post = (event: object, signature?: string) => {
        const body = JSON.stringify(event);
        const req = api.post('/messaging/v1/email-events').set('content-type', 'application/json');
        return req.set('x-refill-signature', signature ?? sign(body)).send(body);
    };
    const customer = () => t.internals.repositories.customers.findByCard(t.internals.database, '6600001');

    beforeAll(async () => {
        t = await startTestRefill(engine, 'email_events', {
            clock: clock.fn,
            messaging: { publicUrl: 'https://shop.example/loyalty', emailEvents: { secret: SECRET } },
        });
        api = request(createApp(t.refill));
        await t.internals.services.customers.upsert(
            '6600001',
            {
                phone: '+79006600001',
                email: 'anna@example.com',
                consents: { email: { granted: true }, sms: { granted: true } },
            },
            { source: 'test', storeId: null },
        );
    });
    afterAll(async () => {
        await t?.close();
    });

    it('refuses unsigned, forged and stale events with 401 and changes nothing', async () => {
        const event = { id: 'ev-0', type: 'bounce', bounceType: 'hard', email: 'anna@example.com' };
        const body = JSON.stringify(event);
        const unsigned = await api
            .post('/messaging/v1/email-events')
            .set('content-type', 'application/json')
            .send(body);
        expect(unsigned.status).toBe(401);
        expect(unsigned.body.error.code).toBe('REFILL_UNAUTHORIZED');
        const forged = sign(body).replace(/v1=./, (m) => (m.endsWith('0') ? 'v1=1' : 'v1=0'));
        expect((await post(event, forged)).status).toBe(401);
        const stale = sign(body, new Date(clock.now.getTime() - 10 * 60_000));
        expect((await post(event, stale)).status).toBe(401);
        expect((await customer())!.emailUndeliverableAt ?? null).toBeNull();
    });

    it('rejects a malformed event with the field’s path', async () => {
        const res = await post({ id: 'ev-x', type: 'bounce', email: 'anna@example.com' });
        expect(res.status).toBe(400);
        expect(res.body.error.details[0].path).toBe('bounceType');
    });

    it('a hard bounce marks the address undeliverable once; the cascade then skips email', async () => {
        const event = { id: 'ev-1', type: 'bounce', bounceType: 'hard', email: 'Anna@Example.com' };
        expect((await post(event)).body).toEqual({ applied: true, customers: 1 });
        expect((await post(event)).body).toEqual({ applied: false, customers: 0 });
        expect((await customer())!.emailUndeliverableAt).toEqual(clock.now);
        // The store desk's customer card shows it.
        const admin = await t.internals.services.adminTokens.create('desk', 'admin', 'test');
        const card = await api.get('/admin/v1/customers/6600001').set({ Authorization: `Bearer ${admin}` });
        expect(card.body.customer).toMatchObject({
            emailUndeliverableAt: clock.now.toISOString(),
            telegramBlockedAt: null,
        });
        const { reminders, dispatcher } = t.internals.services;
        await reminders.welcome();
        await dispatcher.run();
        const rows = await t.internals.database.all<{ channel: string; status: string }>(
            "SELECT channel, status FROM refill_messages WHERE kind = 'welcome' ORDER BY id",
        );
        expect(rows.find((r) => r.channel === 'email')?.status).toBe('dropped');
        // The outbox (no SMS provider configured) reports delivery at once.
        expect(rows.find((r) => r.channel === 'sms')?.status).toBe('delivered');
    });

    it('a complaint withdraws the marketing email consent', async () => {
        expect((await post({ id: 'ev-2', type: 'complaint', email: 'anna@example.com' })).body).toEqual({
            applied: true,
            customers: 1,
        });
        const rows = await t.internals.database.all<{ granted: unknown; source: string }>(
            "SELECT granted, source FROM refill_customer_consents WHERE channel = 'email'",
        );
        expect(rows.map((r) => [Number(r.granted), r.source])).toEqual([[0, 'email-complaint']]);
    });
});
