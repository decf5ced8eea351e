import {
    ChannelError,
    type ChannelProvider,
    type OutgoingMessage,
    type SendResult,
    type StatusUpdate,
} from './channel-provider.js';
import type { CommonProviderOptions, HttpSmsSettings } from '../../../kernel/vocabulary/channel-providers.js';
import { priceOf, senderOf } from './traffic-pricing.js';

/** HttpSms settings (the kernel's vocabulary). */
export type { HttpSmsSettings } from '../../../kernel/vocabulary/channel-providers.js';

/**
 * The value at a dotted path of a gateway's JSON, own properties only: a
 * body must not reach `constructor` or `__proto__` through the prototype.
 */
function pick(value: unknown, path: string): unknown {
    return path
        .split('.')
        .reduce<unknown>(
            (v, k) =>
                v && typeof v === 'object' && Object.hasOwn(v, k)
                    ? (v as Record<string, unknown>)[k]
                    : undefined,
            value,
        );
}

/**
 * SMS through a configurable HTTP gateway: URL, method, auth, a body
 * template (`{sender}` is the alpha name of the message's traffic type or
 * campaign, `{traffic}` its type), where the message id is in the answer,
 * the price per segment (per traffic type where configured), and how its
 * delivery callbacks map to delivered / read / failed.
 */
export class HttpSmsProvider implements ChannelProvider {
    readonly id = 'http-sms';
    readonly channel = 'sms' as const;

    /**
     * The gateway's statuses as a Map: a callback's status is looked up by
     * the gateway's (untrusted) text, which on a plain object would find
     * `constructor` or `toString` on its prototype.
     */
    private readonly statuses: ReadonlyMap<string, StatusUpdate['status']>;

    constructor(private readonly settings: HttpSmsSettings & CommonProviderOptions) {
        this.statuses = new Map(Object.entries(settings.callback?.statuses ?? {}));
    }

    /** Sends one SMS. */
    async send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendResult> {
        const s = this.settings;
        const vars = new Map([
            ['to', message.to],
            ['text', message.text],
            ['sender', senderOf(message, s, s.sender) ?? ''],
            ['traffic', message.traffic ?? ''],
            ['id', message.key],
            ['segments', String(message.segments ?? 1)],
        ]);
        const fields = Object.fromEntries(
            Object.entries(s.fields).map(([k, v]) => [
                k,
                v.replace(/\{(\w+)\}/g, (_, name: string) => vars.get(name) ?? ''),
            ]),
        );
        const headers: Record<string, string> = { ...s.headers };
        if (s.auth?.type === 'basic')
            headers.authorization = `Basic ${Buffer.from(`${s.auth.user}:${s.auth.pass}`).toString('base64')}`;
        if (s.auth?.type === 'bearer') headers.authorization = `Bearer ${s.auth.token}`;
        const url = new URL(s.url);
        let body: string | undefined;
        if ((s.method ?? 'POST') === 'GET')
            for (const [k, v] of Object.entries(fields)) url.searchParams.set(k, v);
        else if (s.encoding === 'form') {
            headers['content-type'] = 'application/x-www-form-urlencoded';
            body = new URLSearchParams(fields).toString();
        } else {
            headers['content-type'] = 'application/json';
            body = JSON.stringify(fields);
        }
        const timeout = AbortSignal.timeout(s.timeoutMs ?? 10_000);
        let response: Response;
        try {
            response = await fetch(url, {
                method: s.method ?? 'POST',
                headers,
                body,
                signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
            });
        } catch (error) {
            if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError')
                throw new ChannelError('CHANNEL_TIMEOUT', 'The SMS gateway did not answer in time', true);
            throw new ChannelError('CHANNEL_UNAVAILABLE', 'The SMS gateway could not be reached', true);
        }
        if (response.status === 429)
            throw new ChannelError(
                'CHANNEL_RATE_LIMITED',
                'The SMS gateway throttles',
                true,
                retryAfterMs(response.headers.get('retry-after')) ?? this.throttledPauseMs(),
            );
        if (response.status === 401 || response.status === 403)
            throw new ChannelError(
                'CHANNEL_AUTH',
                `The SMS gateway refused the credentials (${response.status})`,
                false,
            );
        if (response.status >= 500)
            throw new ChannelError(
                'CHANNEL_UNAVAILABLE',
                `The SMS gateway failed (${response.status})`,
                true,
            );
        if (response.status >= 400)
            throw new ChannelError(
                'CHANNEL_REJECTED',
                `The SMS gateway rejected the message (${response.status})`,
                false,
            );
        const answer: unknown = await response.json().catch(() => null);
        if (s.throttled && s.throttled.values.includes(String(pick(answer, s.throttled.path))))
            throw new ChannelError(
                'CHANNEL_RATE_LIMITED',
                'The SMS gateway answered with its own limit code',
                true,
                this.throttledPauseMs(),
            );
        const id = pick(answer, s.idPath);
        if (id === undefined || id === null)
            throw new ChannelError('CHANNEL_REJECTED', `The SMS gateway's answer has no ${s.idPath}`, false);
        return {
            providerMessageId: String(id),
            cost: (message.segments ?? 1) * priceOf(message, s, s.pricePerSegment),
            status: 'accepted',
        };
    }

    /** How long the provider pauses after a limit answer that names no time (ms). */
    private throttledPauseMs(): number {
        return (this.settings.throttled?.retryAfterSeconds ?? 10) * 1000;
    }

    /**
     * Parses a delivery callback (JSON or form body) into status updates;
     * unknown statuses (any text not configured in `callback.statuses`,
     * `constructor` and `__proto__` included) are ignored.
     */
    parseStatusCallback(request: { headers: Record<string, unknown>; body: unknown }): StatusUpdate[] {
        const cb = this.settings.callback;
        if (!cb) return [];
        const body = typeof request.body === 'string' ? parseBody(request.body) : request.body;
        const items = Array.isArray(body) ? body : [body];
        const out: StatusUpdate[] = [];
        for (const item of items) {
            const id = pick(item, cb.idField);
            const status = this.statuses.get(String(pick(item, cb.statusField)));
            if (id === undefined || !status) continue;
            const reason = cb.reasonField ? pick(item, cb.reasonField) : undefined;
            out.push({
                providerMessageId: String(id),
                status,
                reason: reason === undefined ? undefined : String(reason),
                at: new Date(),
            });
        }
        return out;
    }
}

/** A `Retry-After` header (seconds, or an HTTP date) in ms from now; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
    if (!header) return undefined;
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 3600) * 1000;
    const at = Date.parse(header);
    return Number.isNaN(at) ? undefined : Math.min(Math.max(0, at - Date.now()), 3_600_000);
}

/** A callback body as the gateway sent it: JSON, or a form (`id=…&status=…`). */
function parseBody(raw: string): unknown {
    const text = raw.trim();
    if (text.startsWith('{') || text.startsWith('[')) {
        try {
            return JSON.parse(text);
        } catch {
            return null;
        }
    }
    return Object.fromEntries(new URLSearchParams(text));
}
