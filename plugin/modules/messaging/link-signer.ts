import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SettingRepository } from '../../kernel/db/setting.repository.js';
import type { Clock } from '../../kernel/clock.js';

/** What an unsubscribe link stands for. */
export interface UnsubscribeTarget {
    customerId: number;
    channel: string;
}

const SETTING = 'messaging_secret';

function mac(secret: string, purpose: string, payload: string, length: number): string {
    return createHmac('sha256', secret).update(`${purpose}:${payload}`).digest('base64url').slice(0, length);
}

function same(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Signs the links and URLs Refill hands out: unsubscribe links in messages
 * (they carry the customer id and channel, never a phone or an email), and
 * the secret path segments of status-callback and STOP-reply endpoints. The
 * HMAC secret is the configured one, or one generated once and kept in
 * `refill_settings`, so links stay valid across restarts and instances.
 */
export class LinkSigner {
    private secret: Promise<string> | null = null;

    constructor(
        private readonly settings: SettingRepository,
        private readonly configured: string | undefined,
        private readonly clock: Clock,
    ) {}

    /** The token of an unsubscribe link. */
    async unsubscribeToken(target: UnsubscribeTarget): Promise<string> {
        const payload = `${target.customerId}.${target.channel}`;
        return `${Buffer.from(payload).toString('base64url')}.${mac(await this.key(), 'unsubscribe', payload, 22)}`;
    }

    /** What a token stands for, or null when it was not signed by this chain. */
    async verifyUnsubscribe(token: string): Promise<UnsubscribeTarget | null> {
        const [encoded, signature] = token.split('.');
        if (!encoded || !signature) return null;
        const payload = Buffer.from(encoded, 'base64url').toString('utf8');
        const match = /^(\d{1,15})\.([a-z]{2,10})$/.exec(payload);
        if (!match || !same(signature, mac(await this.key(), 'unsubscribe', payload, 22))) return null;
        return { customerId: Number(match[1]), channel: match[2] };
    }

    /** The secret path segment of an inbound endpoint (`status:sms`, `inbound:sms`). */
    async endpointToken(endpoint: string): Promise<string> {
        return mac(await this.key(), 'endpoint', endpoint, 32);
    }

    /** Whether a path segment is the endpoint's token. */
    async verifyEndpoint(endpoint: string, token: string): Promise<boolean> {
        return same(token, await this.endpointToken(endpoint));
    }

    private key(): Promise<string> {
        this.secret ??= this.configured
            ? Promise.resolve(this.configured)
            : this.settings.getOrCreate(SETTING, randomBytes(32).toString('base64url'), this.clock());
        return this.secret;
    }
}
