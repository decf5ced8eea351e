import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody, WebhookProvider } from '../../plugin/modules/messaging/channels/webhook.provider.js';
import { LinkSigner } from '../../plugin/modules/messaging/link-signer.js';
import { createApp } from '../helpers/create-app.js';
import { gatewayChannels, LocalGateway } from '../helpers/local-gateway.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

const PUSH_SECRET = 'push-gateway-secret-0123456789';

/**
 * The public messaging endpoints (unsubscribe links, STOP replies, delivery
 * reports) and the admin send routes over HTTP on a real database, plus the
 * POS API setting the messaging contact fields.
 */
describe.each(engines)('messaging endpoints on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let admin: string;
    let manager: string;
    let signer: LinkSigner;
    let endpoints: Record<string, string>;
    const gateway = new LocalGateway();
    // 10:00 in Moscow: inside the sending hours.
    const clock = new TestClock(new Date('2026-03-02T07:00:00.000Z'));
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const source = { source: 'test', storeId: null };
    const path = (key: string) => new URL(endpoints[key]).pathname.replace(/^\/loyalty/, '');
    const customerId = async (card: string) =>
        (await t.internals.repositories.customers.findByCard(t.internals.database, card))!.id;
    const consent = async (card: string, channel: string) => {
        const [row] = await t.internals.database.all<{ granted: unknown; source: string }>(
            'SELECT granted, source FROM refill_customer_consents WHERE customer_id = ? AND channel = ?',
            [await customerId(card), channel],
        );
        return row ? { granted: Number(row.granted), source: row.source } : null;
    };
    const events = async (card: string, channel: string) =>
        (
            await t.internals.database.all<{ granted: unknown; source: string }>(
                'SELECT granted, source FROM refill_consent_events WHERE customer_id = ? AND channel = ? ORDER BY id',
                [await customerId(card), channel],
            )
        ).map((r) => ({ granted: Number(r.granted), source: r.source }));
    const enrol = (card: string, phone: string, email: string) =>
        t.internals.services.customers.upsert(
            card,
            { phone, email, consents: { email: { granted: true }, sms: { granted: true } } },
            source,
        );
    const unsubscribeUrl = async (card: string, channel: string) =>
        `/messaging/v1/unsubscribe/${await signer.unsubscribeToken({ customerId: await customerId(card), channel })}`;

    beforeAll(async () => {
        await gateway.start();
        t = await startTestRefill(engine, 'messaging_endpoints', {
            clock: clock.fn,
            messaging: { channels: gatewayChannels(gateway), publicUrl: 'https://shop.example/loyalty' },
        });
        api = request(createApp(t.refill));
        admin = await t.internals.services.adminTokens.create('ops', 'admin', 'test');
        manager = await t.internals.services.adminTokens.create('m', 'manager', 'test');
        signer = new LinkSigner(t.internals.repositories.settings, undefined, clock.fn);
        await enrol('7770001', '+79005550001', 'one@example.com');
        await enrol('7770002', '+79005550002', 'two@example.com');
        await enrol('7770003', '+79005550003', 'three@example.com');
        await enrol('7770004', '+79005550004', 'four@example.com');
        // A second card on the same phone as 7770004.
        await enrol('7770005', '+79005550004', 'five@example.com');
        const res = await api.get('/admin/v1/messaging/endpoints').set(auth(admin));
        expect(res.status).toBe(200);
        endpoints = res.body.endpoints;
    });
    afterAll(async () => {
        await t?.close();
        await gateway.stop();
    });

    describe('unsubscribe links', () => {
        it('GET shows a confirmation and changes nothing', async () => {
            const url = await unsubscribeUrl('7770001', 'email');
            const res = await api.get(url);
            expect(res.status).toBe(200);
            expect(res.type).toBe('text/html');
            expect(res.text).toMatch(/<form method="post">/);
            expect(res.text).toMatch(/писем/);
            expect(res.text).toMatch(/emails/);
            expect(await consent('7770001', 'email')).toEqual({ granted: 1, source: 'test' });
            expect(await events('7770001', 'email')).toEqual([{ granted: 1, source: 'test' }]);
        });

        it('POST withdraws the email consent and records it as unsubscribe-link', async () => {
            const url = await unsubscribeUrl('7770001', 'email');
            const res = await api.post(url);
            expect(res.status).toBe(200);
            expect(res.type).toBe('text/html');
            expect(res.text).toMatch(/Вы отписаны от рекламных писем/);
            // Service messages follow their own consent, and the page says so.
            expect(res.text).toMatch(/Messages about your bonuses \(expiry, balance\) will still come/);
            expect(await consent('7770001', 'email')).toEqual({ granted: 0, source: 'unsubscribe-link' });
            expect((await events('7770001', 'email')).at(-1)).toEqual({
                granted: 0,
                source: 'unsubscribe-link',
            });
            // The other channel is untouched.
            expect(await consent('7770001', 'sms')).toEqual({ granted: 1, source: 'test' });
        });

        it('accepts the RFC 8058 one-click POST, idempotently', async () => {
            const url = await unsubscribeUrl('7770002', 'email');
            const once = await api
                .post(url)
                .set('Content-Type', 'application/x-www-form-urlencoded')
                .send('List-Unsubscribe=One-Click');
            expect(once.status).toBe(200);
            expect(await consent('7770002', 'email')).toEqual({ granted: 0, source: 'unsubscribe-link' });
            const again = await api
                .post(url)
                .set('Content-Type', 'application/x-www-form-urlencoded')
                .send('List-Unsubscribe=One-Click');
            expect(again.status).toBe(200);
            expect(await consent('7770002', 'email')).toEqual({ granted: 0, source: 'unsubscribe-link' });
            expect(await consent('7770002', 'sms')).toEqual({ granted: 1, source: 'test' });
        });

        it('answers a forged token with 404 and a malformed one with 400, never a 500', async () => {
            const url = await unsubscribeUrl('7770003', 'email');
            const last = url.at(-1)!;
            const forged = url.slice(0, -1) + (last === 'A' ? 'B' : 'A');
            for (const res of [await api.get(forged), await api.post(forged)]) {
                expect(res.status).toBe(404);
                expect(res.body).toMatchObject({ error: { code: 'REFILL_NOT_FOUND' } });
            }
            // A token signed for another customer does not carry over.
            const other = await unsubscribeUrl('7770002', 'email');
            const swapped = `${url.split('.')[0]}.${other.split('.')[1]}`;
            expect((await api.post(swapped)).status).toBe(404);
            for (const res of [
                await api.get('/messaging/v1/unsubscribe/abc'),
                await api.post('/messaging/v1/unsubscribe/abc'),
            ]) {
                expect(res.status).toBe(400);
                expect(res.body.error.code).toBe('REFILL_VALIDATION');
                expect(res.body.error.details[0].path).toBe('token');
            }
            const noDot = await api.get('/messaging/v1/unsubscribe/abcdefghijklmnop');
            expect(noDot.status).toBe(404);
            expect(await consent('7770003', 'email')).toEqual({ granted: 1, source: 'test' });
        });

        it('a signed link of a customer no longer on file is not a server error', async () => {
            const token = await signer.unsubscribeToken({ customerId: 999999, channel: 'email' });
            const res = await api.post(`/messaging/v1/unsubscribe/${token}`);
            expect(res.status).toBe(404);
        });
    });

    describe('STOP replies', () => {
        const inbound = () => path('inbound:sms');

        it('withdraws SMS consent of the phone written in local format', async () => {
            const res = await api.post(inbound()).send({ from: '8 900 555-00-01', text: 'STOP' });
            expect(res.status).toBe(200);
            expect(res.body).toEqual({ unsubscribed: 1 });
            expect(await consent('7770001', 'sms')).toEqual({ granted: 0, source: 'stop-reply' });
            expect((await events('7770001', 'sms')).at(-1)).toEqual({ granted: 0, source: 'stop-reply' });
            expect(await consent('7770002', 'sms')).toEqual({ granted: 1, source: 'test' });
        });

        it('reads a form-encoded reply and unsubscribes every card with the phone', async () => {
            const res = await api.post(inbound()).type('form').send('from=%2B79005550004&text=stop+please');
            expect(res.status).toBe(200);
            expect(res.body).toEqual({ unsubscribed: 2 });
            expect(await consent('7770004', 'sms')).toEqual({ granted: 0, source: 'stop-reply' });
            expect(await consent('7770005', 'sms')).toEqual({ granted: 0, source: 'stop-reply' });
            expect(await consent('7770004', 'email')).toEqual({ granted: 1, source: 'test' });
        });

        it('withdraws SMS consent on a Russian stop word', async () => {
            const res = await api.post(inbound()).send({ from: '+79005550002', text: 'Стоп' });
            expect(res.body).toEqual({ unsubscribed: 1 });
            expect(await consent('7770002', 'sms')).toEqual({ granted: 0, source: 'stop-reply' });
        });

        it('ignores any other reply', async () => {
            const before = await events('7770003', 'sms');
            const res = await api.post(inbound()).send({ from: '+79005550003', text: 'Спасибо' });
            expect(res.status).toBe(200);
            expect(res.body).toEqual({ unsubscribed: 0 });
            expect(await consent('7770003', 'sms')).toEqual({ granted: 1, source: 'test' });
            expect(await events('7770003', 'sms')).toEqual(before);
            const unknown = await api.post(inbound()).send({ from: '+79009999999', text: 'STOP' });
            expect(unknown.body).toEqual({ unsubscribed: 0 });
        });

        it('refuses a bad body with 400 and a wrong token with 404', async () => {
            const missing = await api.post(inbound()).send({ text: 'STOP' });
            expect(missing.status).toBe(400);
            expect(missing.body.error.code).toBe('REFILL_VALIDATION');
            expect(missing.body.error.details.map((d: { path: string }) => d.path)).toEqual(['from']);
            const badPhone = await api.post(inbound()).send({ from: 'not-a-phone', text: 'STOP' });
            expect(badPhone.status).toBe(400);
            expect(badPhone.body.error.details[0].path).toBe('from');
            const badJson = await api
                .post(inbound())
                .set('Content-Type', 'application/json')
                .send('{"from":');
            expect(badJson.status).toBe(400);
            expect(badJson.body.error.code).toBe('REFILL_MALFORMED_JSON');
            const forged = await api
                .post(inbound().replace(/[^/]+$/, 'forged-token-1234567890'))
                .send({ from: '+79005550003', text: 'STOP' });
            expect(forged.status).toBe(404);
            expect(forged.body.error.code).toBe('REFILL_NOT_FOUND');
            // The status endpoint's token does not open the inbound one.
            const crossed = await api
                .post(inbound().replace(/[^/]+$/, path('status:sms').split('/').at(-1)!))
                .send({ from: '+79005550003', text: 'STOP' });
            expect(crossed.status).toBe(404);
            expect(await consent('7770003', 'sms')).toEqual({ granted: 1, source: 'test' });
        });
    });

    describe('delivery reports', () => {
        it('lists a callback URL per channel that reports, and the inbound SMS URL', () => {
            expect(Object.keys(endpoints).sort()).toEqual(['inbound:sms', 'status:push', 'status:sms']);
            for (const url of Object.values(endpoints))
                expect(url).toMatch(/^https:\/\/shop\.example\/loyalty\/messaging\/v1\//);
        });

        it('applies a signed push report to the message it names', async () => {
            const provider = new WebhookProvider({
                channel: 'push',
                url: `${gateway.url}/push`,
                secret: PUSH_SECRET,
            });
            const sent = await t.internals.services.messageSender.send(
                {
                    key: 'endpoint-test:push:1',
                    customerId: await customerId('7770003'),
                    campaignId: null,
                    kind: 'welcome',
                    step: 0,
                    traffic: 'service',
                    verdict: { decision: 'send' },
                    message: { channel: 'push', to: 'device-3', text: 'Hello' },
                },
                provider,
            );
            expect(sent).toMatchObject({ outcome: 'sent' });
            const id = (sent as { providerMessageId: string }).providerMessageId;
            const raw = JSON.stringify({ id, status: 'delivered' });
            const post = (body: string, signature = signBody(PUSH_SECRET, body)) =>
                api
                    .post(path('status:push'))
                    .set('Content-Type', 'application/json')
                    .set('x-refill-signature', signature)
                    .send(body);
            const res = await post(raw);
            expect(res.status).toBe(200);
            expect(res.body).toEqual({ updated: 1 });
            const [row] = await t.internals.database.all<{ status: string }>(
                'SELECT status FROM refill_messages WHERE message_key = ?',
                ['endpoint-test:push:1'],
            );
            expect(row.status).toBe('delivered');
            // A replay changes nothing; an unknown id neither.
            expect((await post(raw)).body).toEqual({ updated: 0 });
            const unknown = await post(JSON.stringify({ id: 'push-unknown', status: 'delivered' }));
            expect(unknown.body).toEqual({ updated: 0 });
        });

        it('refuses a wrong signature with 401 and an unreadable signed body with 400', async () => {
            const url = path('status:push');
            const raw = JSON.stringify({ id: 'push-1', status: 'failed' });
            const wrong = await api
                .post(url)
                .set('Content-Type', 'application/json')
                .set('x-refill-signature', signBody('another-secret-0123456789', raw))
                .send(raw);
            expect(wrong.status).toBe(401);
            expect(wrong.body.error.code).toBe('REFILL_UNAUTHORIZED');
            const unsigned = await api.post(url).set('Content-Type', 'application/json').send(raw);
            expect(unsigned.status).toBe(401);
            for (const body of ['not json at all', 'null', '']) {
                const res = await api
                    .post(url)
                    .set('Content-Type', 'text/plain')
                    .set('x-refill-signature', signBody(PUSH_SECRET, body))
                    .send(body);
                expect(res.status, JSON.stringify(body)).toBe(400);
                expect(res.body.error.code).toBe('REFILL_VALIDATION');
            }
        });

        it('accepts SMS reports as JSON or a form; unknown channels and forged tokens are 404', async () => {
            const url = path('status:sms');
            const json = await api.post(url).send({ id: 'x', status: 'DELIVRD' });
            expect(json.status).toBe(200);
            expect(json.body).toEqual({ updated: 0 });
            const form = await api.post(url).type('form').send('id=x&status=UNDELIV&err=1');
            expect(form.status).toBe(200);
            expect(form.body).toEqual({ updated: 0 });
            const token = url.split('/').at(-1)!;
            for (const bad of [
                `/messaging/v1/status/fax/${token}`,
                `/messaging/v1/status/telegram/${token}`,
                `/messaging/v1/status/push/${token}`,
                url.replace(/[^/]+$/, 'forged-token-1234567890'),
            ]) {
                const res = await api.post(bad).send({ id: 'x', status: 'DELIVRD' });
                expect(res.status, bad).toBe(404);
                expect(res.body.error.code).toBe('REFILL_NOT_FOUND');
            }
            const short = await api.post(url.replace(/[^/]+$/, 'abc')).send({ id: 'x' });
            expect(short.status).toBe(400);
        });
    });

    describe('admin send routes', () => {
        it('validates parameters and bodies', async () => {
            const day = await api.post('/admin/v1/campaigns/1/sends/not-a-date/approve').set(auth(admin));
            expect(day.status).toBe(400);
            expect(day.body.error.code).toBe('REFILL_VALIDATION');
            expect(day.body.error.details.map((d: { path: string }) => d.path)).toContain('day');
            const release = await api.post('/admin/v1/campaigns/x/sends/2026-03-02/release').set(auth(admin));
            expect(release.status).toBe(400);
            expect(release.body.error.details[0].path).toBe('id');
            const cards = await api
                .put('/admin/v1/campaigns/999/test-cards')
                .set(auth(admin))
                .send({ cards: 'x' });
            expect(cards.status).toBe(400);
            expect(cards.body.error.details[0].path).toBe('cards');
        });

        it('answers 404 for what does not exist', async () => {
            const cards = await api
                .put('/admin/v1/campaigns/999/test-cards')
                .set(auth(admin))
                .send({ cards: ['1'] });
            expect(cards.status).toBe(404);
            expect(cards.body.error.code).toBe('REFILL_NOT_FOUND');
            const kill = await api
                .post('/admin/v1/campaigns/999/sends/kill')
                .set(auth(admin))
                .send({ reason: 'wrong segment' });
            expect(kill.status).toBe(404);
            const sends = await api.get('/admin/v1/campaigns/999/sends').set(auth(admin));
            expect(sends.status).toBe(404);
            const messages = await api.get('/admin/v1/customers/unknown-card/messages').set(auth(admin));
            expect(messages.status).toBe(404);
            expect(messages.body.error.code).toBe('REFILL_CUSTOMER_NOT_FOUND');
        });

        it('a valid day reaches the guard (404 when there is no such batch)', async () => {
            const res = await api.post('/admin/v1/campaigns/999/sends/2026-03-02/approve').set(auth(admin));
            expect(res.status).toBe(404);
            expect(res.body.error.code).toBe('REFILL_NOT_FOUND');
        });

        it('keeps writes and the endpoint list away from managers', async () => {
            const kill = await api
                .post('/admin/v1/campaigns/1/sends/kill')
                .set(auth(manager))
                .send({ reason: 'wrong segment' });
            expect(kill.status).toBe(403);
            expect(kill.body.error.code).toBe('REFILL_FORBIDDEN');
            const cards = await api
                .put('/admin/v1/campaigns/1/test-cards')
                .set(auth(manager))
                .send({ cards: ['1'] });
            expect(cards.status).toBe(403);
            const ep = await api.get('/admin/v1/messaging/endpoints').set(auth(manager));
            expect(ep.status).toBe(403);
            expect(ep.body.error.code).toBe('REFILL_FORBIDDEN');
            expect((await api.get('/admin/v1/messaging/endpoints')).status).toBe(401);
            // Managers may read a customer's messages.
            const seen = await api.get('/admin/v1/customers/7770003/messages').set(auth(manager));
            expect(seen.status).toBe(200);
            expect(seen.body.messages.map((m: { channel: string }) => m.channel)).toContain('push');
        });
    });

    describe('POS API contact fields', () => {
        const pos = (card: string, body: unknown) =>
            api
                .put(`/pos/v1/customers/${card}`)
                .set(auth(t.key))
                .send(body as object);

        it('sets locale, Telegram chat id, push token and Telegram consent', async () => {
            const res = await pos('7770003', {
                locale: 'en',
                telegramChatId: '123456789',
                pushToken: 'tok-1',
                consents: { telegram: { granted: true } },
            });
            expect(res.status).toBe(200);
            // The till sees that there are a chat id and a push token, not what they are.
            expect(res.body).toMatchObject({
                cardNumber: '7770003',
                locale: 'en',
                telegramChatId: '***',
                pushToken: '***',
                consents: { telegram: { granted: true }, email: { granted: true }, sms: { granted: true } },
            });
            expect(await consent('7770003', 'telegram')).toEqual({ granted: 1, source: 'store:S1' });
            const [stored] = await t.internals.database.all<{ telegram_chat_id: string; push_token: string }>(
                `SELECT telegram_chat_id, push_token FROM refill_customers WHERE card_number = '7770003'`,
            );
            expect(stored).toEqual({ telegram_chat_id: '123456789', push_token: 'tok-1' });
            const read = await api.get('/pos/v1/customers/7770003').set(auth(t.key));
            expect(read.body).toMatchObject({ locale: 'en', telegramChatId: '***', pushToken: '***' });
        });

        it('refuses an unknown locale and a non-numeric chat id', async () => {
            const locale = await pos('7770003', { locale: 'de' });
            expect(locale.status).toBe(400);
            expect(locale.body.error.details[0].path).toBe('locale');
            const chat = await pos('7770003', { telegramChatId: 'abc' });
            expect(chat.status).toBe(400);
            expect(chat.body.error.details[0].path).toBe('telegramChatId');
            const [stored] = await t.internals.database.all<{ locale: string; telegram_chat_id: string }>(
                `SELECT locale, telegram_chat_id FROM refill_customers WHERE card_number = '7770003'`,
            );
            expect(stored).toEqual({ locale: 'en', telegram_chat_id: '123456789' });
        });

        it('withdraws a consent through the till', async () => {
            const res = await pos('7770003', { consents: { sms: { granted: false } } });
            expect(res.status).toBe(200);
            expect(res.body.consents.sms).toMatchObject({ granted: false });
            expect(await consent('7770003', 'sms')).toEqual({ granted: 0, source: 'store:S1' });
            expect((await events('7770003', 'sms')).at(-1)).toEqual({ granted: 0, source: 'store:S1' });
        });
    });
});
