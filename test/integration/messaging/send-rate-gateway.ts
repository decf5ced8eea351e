import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake gateway answers one request: an HTTP status, headers and a JSON body. */
export interface FakeAnswer {
    status: number;
    headers?: Record<string, string>;
    body: unknown;
}

/** One request the fake gateway received. */
export interface FakeCall {
    path: string;
    body: Record<string, unknown>;
}

/**
 * A local SMS gateway (`POST /sms`, JSON `{ to, text, id, sender }` →
 * `{ id }`) and Telegram `sendMessage` (`/tg/bot…/sendMessage`) whose
 * answers a test scripts with `answer`: by default every request is
 * accepted; a test makes it throttle (429 with Retry-After, Telegram's
 * `retry_after`, or the gateway's own `error_code`).
 */
export class SendRateGateway {
    readonly calls: FakeCall[] = [];
    /** Picks the answer to a request (undefined: accept it). */
    answer: (call: FakeCall) => FakeAnswer | undefined = () => undefined;
    private readonly server: Server;
    private seq = 0;
    url = '';

    constructor() {
        this.server = createServer((req, res) => {
            let raw = '';
            req.on('data', (c) => (raw += c));
            req.on('end', () => {
                const call = { path: (req.url ?? '').split('?')[0], body: JSON.parse(raw || '{}') };
                this.calls.push(call);
                const scripted = this.answer(call);
                const accepted: FakeAnswer = call.path.startsWith('/tg/')
                    ? { status: 200, body: { ok: true, result: { message_id: ++this.seq } } }
                    : { status: 200, body: { id: `sms-${++this.seq}` } };
                const a = scripted ?? accepted;
                res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(
                    JSON.stringify(a.body),
                );
            });
        });
    }

    /** Starts listening on a free local port. */
    async start(): Promise<this> {
        await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        return this;
    }

    /** Calls to SMS or Telegram. */
    to(path: '/sms' | '/tg'): FakeCall[] {
        return this.calls.filter((c) => (path === '/tg' ? c.path.startsWith('/tg/') : c.path === path));
    }

    /** Stops the server. */
    async stop(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((ok) => this.server.close(() => ok()));
    }
}

/** SMS and Telegram channel options pointing at a {@link SendRateGateway}. */
export function rateChannels(
    gateway: SendRateGateway,
    smsRate?: { perSecond?: number; perMinute?: number; unit?: 'messages' | 'segments' },
) {
    return {
        sms: {
            type: 'http-sms' as const,
            url: `${gateway.url}/sms`,
            encoding: 'json' as const,
            fields: { to: '{to}', text: '{text}', id: '{id}', sender: '{sender}' },
            idPath: 'id',
            pricePerSegment: 250,
            throttled: { path: 'error_code', values: ['9'], retryAfterSeconds: 20 },
            ...(smsRate ? { rate: smsRate } : {}),
        },
        telegram: {
            type: 'telegram' as const,
            token: '123456:test-bot-token',
            baseUrl: `${gateway.url}/tg`,
        },
    };
}
