import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelError } from '../../../plugin/modules/messaging/channels/channel-provider.js';
import {
    MemoryOutboxStore,
    OutboxProvider,
} from '../../../plugin/modules/messaging/channels/outbox.provider.js';
import { SmtpProvider } from '../../../plugin/modules/messaging/channels/smtp.provider.js';
import { TelegramProvider } from '../../../plugin/modules/messaging/channels/telegram.provider.js';

const message = {
    key: 'm-42-lapse-offer-1',
    channel: 'email' as const,
    to: 'anna@example.com',
    subject: 'Персональное предложение',
    text: 'x5 бонусов',
    html: '<p>x5 <b>бонусов</b></p>',
    marketing: true,
    unsubscribeUrl: 'https://example.com/u/abc',
};

describe('SMTP provider against a real SMTP server', () => {
    const received: Array<{ to: string[]; raw: string }> = [];
    let server: SMTPServer;
    let port: number;
    beforeAll(async () => {
        server = new SMTPServer({
            authOptional: true,
            disabledCommands: ['STARTTLS'],
            onRcptTo(address, _session, done) {
                if (address.address.startsWith('nobody@'))
                    return done(Object.assign(new Error('No such user'), { responseCode: 550 }));
                done();
            },
            onData(stream, session, done) {
                const chunks: Buffer[] = [];
                stream.on('data', (c: Buffer) => chunks.push(c));
                stream.on('end', () => {
                    received.push({
                        to: session.envelope.rcptTo.map((r) => r.address),
                        raw: Buffer.concat(chunks).toString('utf8'),
                    });
                    done();
                });
            },
        });
        await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
        port = (server.server.address() as AddressInfo).port;
    });
    afterAll(async () => new Promise<void>((ok) => server.close(() => ok())));

    it('delivers subject, both parts and one-click unsubscribe headers, with a Message-ID from the key', async () => {
        const smtp = new SmtpProvider({
            host: '127.0.0.1',
            port,
            from: 'Аптека <shop@pharmacy.example>',
            costPerMessage: 5,
        });
        const result = await smtp.send(message);
        smtp.close();
        expect(result).toMatchObject({
            providerMessageId: '<m-42-lapse-offer-1@pharmacy.example>',
            cost: 5,
            status: 'accepted',
        });
        const mail = received.at(-1)!;
        expect(mail.to).toEqual(['anna@example.com']);
        expect(mail.raw).toMatch(/^List-Unsubscribe: <https:\/\/example\.com\/u\/abc>/m);
        expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
        expect(mail.raw).toMatch(/multipart\/alternative/);
        expect(mail.raw).toMatch(/text\/html/);
    });

    it('reports a refused recipient as final and a dead server as retryable', async () => {
        const smtp = new SmtpProvider({ host: '127.0.0.1', port, from: 'shop@pharmacy.example' });
        await expect(smtp.send({ ...message, to: 'nobody@example.com' })).rejects.toMatchObject({
            code: 'CHANNEL_REJECTED',
            retryable: false,
        });
        smtp.close();
        const dead = new SmtpProvider({
            host: '127.0.0.1',
            port: 1,
            from: 'shop@pharmacy.example',
            timeoutMs: 300,
        });
        await expect(dead.send(message)).rejects.toMatchObject({ retryable: true });
        dead.close();
    });
});

describe('Telegram provider against a local Bot API server', () => {
    let server: Server;
    let baseUrl: string;
    const calls: Array<{ path: string; body: Record<string, unknown> }> = [];
    beforeAll(async () => {
        server = createServer((req, res) => {
            let body = '';
            req.on('data', (c) => (body += c));
            req.on('end', () => {
                const json = JSON.parse(body) as Record<string, unknown>;
                calls.push({ path: req.url ?? '', body: json });
                const reply = (status: number, payload: unknown) => {
                    res.writeHead(status, { 'content-type': 'application/json' }).end(
                        JSON.stringify(payload),
                    );
                };
                if (req.url !== '/botTOKEN/sendMessage')
                    return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
                const chat = String(json.chat_id);
                if (chat === 'blocked')
                    return reply(403, {
                        ok: false,
                        error_code: 403,
                        description: 'Forbidden: bot was blocked by the user',
                    });
                if (chat === 'missing')
                    return reply(400, {
                        ok: false,
                        error_code: 400,
                        description: 'Bad Request: chat not found',
                    });
                if (chat === 'busy')
                    return reply(429, {
                        ok: false,
                        error_code: 429,
                        description: 'Too Many Requests',
                        parameters: { retry_after: 7 },
                    });
                if (chat === 'down')
                    return reply(502, { ok: false, error_code: 502, description: 'Bad Gateway' });
                if (chat === 'slow')
                    return setTimeout(() => reply(200, { ok: true, result: { message_id: 1 } }), 1000);
                reply(200, { ok: true, result: { message_id: 777, chat: { id: Number(chat) } } });
            });
        });
        await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
        baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => new Promise<void>((ok) => server.close(() => ok())));

    const tg = () => new TelegramProvider({ token: 'TOKEN', baseUrl, timeoutMs: 300, costPerMessage: 0 });
    const text = { key: 'k', channel: 'telegram' as const, text: 'Ваше предложение ждёт' };

    it('sends sendMessage and returns the message id', async () => {
        expect(await tg().send({ ...text, to: '12345' })).toEqual({
            providerMessageId: '777',
            cost: 0,
            status: 'sent',
        });
        expect(calls.at(-1)).toMatchObject({
            path: '/botTOKEN/sendMessage',
            body: { chat_id: '12345', text: 'Ваше предложение ждёт' },
        });
    });

    it('maps Telegram errors to final or retryable', async () => {
        const fails = async (to: string) =>
            tg()
                .send({ ...text, to })
                .then(
                    () => null,
                    (e: ChannelError) => e,
                );
        expect(await fails('blocked')).toMatchObject({ code: 'CHANNEL_BLOCKED', retryable: false });
        expect(await fails('missing')).toMatchObject({ code: 'CHANNEL_REJECTED', retryable: false });
        expect(await fails('busy')).toMatchObject({
            code: 'CHANNEL_RATE_LIMITED',
            retryable: true,
            retryAfterMs: 7000,
        });
        expect(await fails('down')).toMatchObject({ code: 'CHANNEL_UNAVAILABLE', retryable: true });
        expect(await fails('slow')).toMatchObject({ code: 'CHANNEL_TIMEOUT', retryable: true });
        const wrongToken = new TelegramProvider({ token: 'WRONG', baseUrl, timeoutMs: 300 });
        await expect(wrongToken.send({ ...text, to: '1' })).rejects.toMatchObject({ code: 'CHANNEL_AUTH' });
    });
});

describe('outbox provider', () => {
    it('keeps every message, delivered at no cost', async () => {
        const store = new MemoryOutboxStore();
        const outbox = new OutboxProvider('sms', store, () => new Date('2026-11-24T09:00:00Z'));
        expect(await outbox.send({ key: 'a', channel: 'sms', to: '+79000000001', text: 'hi' })).toEqual({
            providerMessageId: 'a',
            cost: 0,
            status: 'delivered',
        });
        expect((await store.list({ channel: 'sms' }))[0]).toMatchObject({ id: 'a', text: 'hi' });
    });
});
