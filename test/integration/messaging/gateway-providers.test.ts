import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSmsProvider } from '../../../plugin/modules/messaging/channels/http-sms.provider.js';
import { signBody, WebhookProvider } from '../../../plugin/modules/messaging/channels/webhook.provider.js';

/** A local server playing an SMS gateway and the chain's push/messenger gateway. */
function gateway(): {
    server: Server;
    calls: Array<{ url: string; headers: IncomingMessage['headers']; body: string }>;
} {
    const calls: Array<{ url: string; headers: IncomingMessage['headers']; body: string }> = [];
    const server = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
            calls.push({ url: req.url ?? '', headers: req.headers, body });
            const send = (status: number, payload: unknown) =>
                res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
            if (
                req.headers.authorization !== 'Basic ' + Buffer.from('shop:secret').toString('base64') &&
                req.url?.startsWith('/sms')
            )
                return send(401, { error: 'auth' });
            const to = req.url?.startsWith('/sms')
                ? new URLSearchParams(body).get('phones')
                : JSON.parse(body).to;
            if (to === '+70000000000') return send(400, { error: 'invalid number' });
            if (to === '+79999999999') return send(503, { error: 'busy' });
            if (to === '+78888888888') return setTimeout(() => send(200, { data: { id: 'late' } }), 1000);
            if (req.url?.startsWith('/sms')) return send(200, { status: 'OK', data: { id: 'smsc-1001' } });
            send(202, { id: 'gw-9' });
        });
    });
    return { server, calls };
}

describe('HTTP SMS gateway and webhook providers against a local gateway', () => {
    const { server, calls } = gateway();
    let base: string;
    beforeAll(async () => {
        await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => new Promise<void>((ok) => server.close(() => ok())));

    const sms = () =>
        new HttpSmsProvider({
            url: `${base}/sms/send`,
            auth: { type: 'basic', user: 'shop', pass: 'secret' },
            encoding: 'form',
            fields: { phones: '{to}', mes: '{text}', sender: '{sender}', id: '{id}' },
            sender: 'APTEKA',
            idPath: 'data.id',
            pricePerSegment: 250,
            timeoutMs: 300,
            callback: {
                idField: 'id',
                statusField: 'status',
                statuses: { '1': 'delivered', '20': 'failed', '22': 'failed' },
                reasonField: 'err',
            },
        });
    const message = {
        key: 'm-7',
        channel: 'sms' as const,
        to: '+79001234567',
        text: 'Бонусы: 150',
        segments: 2,
    };

    it('posts the body template with auth and prices by segments', async () => {
        expect(await sms().send(message)).toEqual({
            providerMessageId: 'smsc-1001',
            cost: 500,
            status: 'accepted',
        });
        const form = new URLSearchParams(calls.at(-1)!.body);
        expect(Object.fromEntries(form)).toEqual({
            phones: '+79001234567',
            mes: 'Бонусы: 150',
            sender: 'APTEKA',
            id: 'm-7',
        });
    });

    it('maps the gateway’s errors and timeouts', async () => {
        const fail = (to: string) =>
            sms()
                .send({ ...message, to })
                .then(
                    () => null,
                    (e: unknown) => e,
                );
        expect(await fail('+70000000000')).toMatchObject({ code: 'CHANNEL_REJECTED', retryable: false });
        expect(await fail('+79999999999')).toMatchObject({ code: 'CHANNEL_UNAVAILABLE', retryable: true });
        expect(await fail('+78888888888')).toMatchObject({ code: 'CHANNEL_TIMEOUT', retryable: true });
        const wrong = new HttpSmsProvider({
            url: `${base}/sms/send`,
            fields: {},
            idPath: 'data.id',
            pricePerSegment: 1,
        });
        await expect(wrong.send(message)).rejects.toMatchObject({ code: 'CHANNEL_AUTH' });
    });

    it('parses delivery callbacks by the configured fields', () => {
        const updates = sms().parseStatusCallback({
            headers: {},
            body: [
                { id: 'smsc-1001', status: '1' },
                { id: 'smsc-1002', status: '20', err: 'absent subscriber' },
                { id: 'smsc-1003', status: '0' },
            ],
        });
        expect(updates.map(({ at: _at, ...u }) => u)).toEqual([
            { providerMessageId: 'smsc-1001', status: 'delivered', reason: undefined },
            { providerMessageId: 'smsc-1002', status: 'failed', reason: 'absent subscriber' },
        ]);
    });

    it('signs webhook posts and verifies callback signatures', async () => {
        const push = new WebhookProvider({
            channel: 'push',
            url: `${base}/push`,
            secret: 's3cret',
            timeoutMs: 300,
        });
        expect(
            await push.send({ key: 'p-1', channel: 'push', to: 'device-token', text: 'Ваше предложение' }),
        ).toEqual({
            providerMessageId: 'gw-9',
            cost: 0,
            status: 'accepted',
        });
        const call = calls.at(-1)!;
        expect(call.headers['x-refill-signature']).toBe(signBody('s3cret', call.body));
        const body = JSON.stringify({ id: 'gw-9', status: 'read' });
        expect(
            push.parseStatusCallback({ headers: { 'x-refill-signature': signBody('s3cret', body) }, body }),
        ).toMatchObject([{ providerMessageId: 'gw-9', status: 'read' }]);
        expect(() =>
            push.parseStatusCallback({ headers: { 'x-refill-signature': 'sha256=00' }, body }),
        ).toThrow(/signature/);
        await expect(
            push.send({ key: 'p-2', channel: 'push', to: '+70000000000', text: 'x' }),
        ).rejects.toMatchObject({
            code: 'CHANNEL_REJECTED',
        });
    });
});
