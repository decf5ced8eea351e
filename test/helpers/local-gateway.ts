import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the local gateway received. */
export interface GatewayCall {
    path: string;
    body: Record<string, unknown>;
}

/**
 * A local HTTP server speaking two contracts: an SMS gateway (`POST /sms`,
 * JSON `{ to, text, id }` → `{ id }`) and the chain's push/messenger
 * gateway (`POST /push`, Refill's signed webhook body → 202 `{ id }`), and
 * Telegram's `sendMessage` under `/tg` (chat `0` has blocked the bot). Phone
 * `+70000000000` is rejected (400). Ids are unique per call, unless the
 * gateway dedupes: then an SMS whose `id` (Refill's idempotency key) it
 * accepted before is answered with the first id and not sent again. An SMS
 * that `hang` picks is accepted and never answered (a process killed while
 * it waits); one that `cut` picks is accepted and its connection dropped
 * unanswered (the sender sees what a timeout looks like, at once).
 */
export class LocalGateway {
    readonly calls: GatewayCall[] = [];
    /** SMS the gateway accepted (sent on), by Refill's key: the gateway's id. With `dedupe`, once per key. */
    readonly accepted = new Map<string, string>();
    /** SMS accepted, in order (a key twice when the gateway does not dedupe). */
    readonly sent: string[] = [];
    /** Picks the SMS to accept and never answer. */
    hang: (body: Record<string, unknown>) => boolean = () => false;
    /** Picks the SMS to accept and then drop the connection of, unanswered. */
    cut: (body: Record<string, unknown>) => boolean = () => false;
    private readonly held: ServerResponse[] = [];
    private readonly server: Server;
    private seq = 0;
    url = '';

    constructor(private readonly options: { dedupe?: boolean } = {}) {
        this.server = createServer((req, res) => {
            let raw = '';
            req.on('data', (c) => (raw += c));
            req.on('end', () => {
                const body = JSON.parse(raw || '{}') as Record<string, unknown>;
                const path = (req.url ?? '').split('?')[0];
                this.calls.push({ path, body });
                const reply = (status: number, payload: unknown) =>
                    res
                        .writeHead(status, { 'content-type': 'application/json' })
                        .end(JSON.stringify(payload));
                if (path.startsWith('/tg/bot') && path.endsWith('/sendMessage'))
                    return body.chat_id === '0'
                        ? reply(403, {
                              ok: false,
                              error_code: 403,
                              description: 'Forbidden: bot was blocked by the user',
                          })
                        : reply(200, { ok: true, result: { message_id: ++this.seq } });
                if (body.to === '+70000000000') return reply(400, { error: 'invalid number' });
                if (path === '/sms') {
                    const key = String(body.id);
                    const known = this.options.dedupe ? this.accepted.get(key) : undefined;
                    if (known) return reply(200, { id: known });
                    const id = `sms-${++this.seq}`;
                    this.accepted.set(key, id);
                    this.sent.push(key);
                    if (this.hang(body)) return void this.held.push(res);
                    if (this.cut(body)) return void res.destroy();
                    return reply(200, { id });
                }
                const id = `${path.slice(1)}-${++this.seq}`;
                reply(path === '/push' ? 202 : 200, { id });
            });
        });
    }

    /** Starts listening on a free local port. */
    async start(): Promise<this> {
        await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        return this;
    }

    /** Calls to one path. */
    to(path: '/sms' | '/push' | '/tg'): GatewayCall[] {
        return this.calls.filter((c) => (path === '/tg' ? c.path.startsWith('/tg/') : c.path === path));
    }

    /** Stops the server (requests it never answered are cut). */
    async stop(): Promise<void> {
        for (const res of this.held.splice(0)) res.destroy();
        this.server.closeAllConnections();
        await new Promise<void>((ok) => this.server.close(() => ok()));
    }
}

/** Channel configuration pointing SMS and push at a {@link LocalGateway}. */
export function gatewayChannels(gateway: LocalGateway) {
    return {
        sms: {
            type: 'http-sms' as const,
            url: `${gateway.url}/sms`,
            encoding: 'json' as const,
            fields: { to: '{to}', text: '{text}', id: '{id}' },
            idPath: 'id',
            pricePerSegment: 250,
            callback: {
                idField: 'id',
                statusField: 'status',
                statuses: { DELIVRD: 'delivered' as const, UNDELIV: 'failed' as const },
                reasonField: 'err',
            },
        },
        telegram: {
            type: 'telegram' as const,
            token: '123456:test-bot-token',
            baseUrl: `${gateway.url}/tg`,
        },
        push: {
            type: 'webhook' as const,
            url: `${gateway.url}/push`,
            secret: 'push-gateway-secret-0123456789',
        },
    };
}
