import { describe, expect, it } from 'vitest';
import { LinkSigner } from '../../../../plugin/modules/messaging/link-signer.js';
import type { SettingRepository } from '../../../../plugin/kernel/db/setting.repository.js';

/** An in-memory `refill_settings`: the first stored value wins. */
class FakeSettings {
    readonly values = new Map<string, string>();
    getOrCreateCalls = 0;

    async get(name: string): Promise<string | null> {
        return this.values.get(name) ?? null;
    }

    async getOrCreate(name: string, value: string): Promise<string> {
        this.getOrCreateCalls++;
        if (!this.values.has(name)) this.values.set(name, value);
        return this.values.get(name) as string;
    }
}

const signer = (secret: string | undefined, repo = new FakeSettings()) =>
    new LinkSigner(repo as unknown as SettingRepository, secret, () => new Date());

const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe('LinkSigner unsubscribe tokens', () => {
    const links = signer('s3cret-for-tests');

    it('round-trips the customer id and channel', async () => {
        for (const target of [
            { customerId: 42, channel: 'sms' },
            { customerId: 1, channel: 'email' },
            { customerId: 123_456_789_012_345, channel: 'telegram' },
        ]) {
            const token = await links.unsubscribeToken(target);
            expect(await links.verifyUnsubscribe(token)).toEqual(target);
        }
    });

    it('carries only the id and channel, nothing personal', async () => {
        const token = await links.unsubscribeToken({ customerId: 42, channel: 'sms' });
        expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
        const [encoded] = token.split('.');
        expect(Buffer.from(encoded, 'base64url').toString('utf8')).toBe('42.sms');
        expect(token).not.toMatch(/@|\+7|\d{10}/);
    });

    it('rejects a changed payload or signature', async () => {
        const token = await links.unsubscribeToken({ customerId: 42, channel: 'sms' });
        const [, signature] = token.split('.');
        expect(await links.verifyUnsubscribe(`${b64('43.sms')}.${signature}`)).toBeNull();
        expect(await links.verifyUnsubscribe(`${b64('42.email')}.${signature}`)).toBeNull();
        const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
        expect(await links.verifyUnsubscribe(`${b64('42.sms')}.${flipped}`)).toBeNull();
        expect(await links.verifyUnsubscribe(`${b64('42.sms')}.${signature.slice(0, 10)}`)).toBeNull();
        expect(await links.verifyUnsubscribe(`${b64('42.sms')}.${signature}x`)).toBeNull();
    });

    it('rejects a token signed with another secret', async () => {
        const other = await signer('another-secret').unsubscribeToken({ customerId: 42, channel: 'sms' });
        expect(await links.verifyUnsubscribe(other)).toBeNull();
    });

    it('rejects garbage', async () => {
        for (const garbage of [
            '',
            '.',
            '..',
            'abc',
            'abc.def',
            `${b64('42.sms')}.`,
            `.${'A'.repeat(22)}`,
            `${b64('not a payload')}.${'A'.repeat(22)}`,
            `${b64('42.SMS')}.${'A'.repeat(22)}`,
            `${b64('-1.sms')}.${'A'.repeat(22)}`,
            '💥.💥',
            'a'.repeat(5000),
        ])
            expect(await links.verifyUnsubscribe(garbage)).toBeNull();
    });
});

describe('LinkSigner endpoint tokens', () => {
    const links = signer('s3cret-for-tests');

    it('verify only for their own endpoint', async () => {
        const status = await links.endpointToken('status:sms');
        expect(status).toMatch(/^[A-Za-z0-9_-]{32}$/);
        expect(await links.verifyEndpoint('status:sms', status)).toBe(true);
        expect(await links.verifyEndpoint('inbound:sms', status)).toBe(false);
        expect(await links.verifyEndpoint('status:email', status)).toBe(false);
        expect(await links.verifyEndpoint('inbound:sms', await links.endpointToken('inbound:sms'))).toBe(
            true,
        );
    });

    it('reject wrong, short and foreign tokens', async () => {
        const status = await links.endpointToken('status:sms');
        expect(await links.verifyEndpoint('status:sms', '')).toBe(false);
        expect(await links.verifyEndpoint('status:sms', status.slice(0, 31))).toBe(false);
        expect(await links.verifyEndpoint('status:sms', `${status}A`)).toBe(false);
        const foreign = await signer('another-secret').endpointToken('status:sms');
        expect(await links.verifyEndpoint('status:sms', foreign)).toBe(false);
    });
});

describe('LinkSigner secret', () => {
    it('uses the configured secret without touching the settings', async () => {
        const repo = new FakeSettings();
        const links = signer('configured', repo);
        const token = await links.unsubscribeToken({ customerId: 7, channel: 'push' });
        expect(await signer('configured').verifyUnsubscribe(token)).toEqual({
            customerId: 7,
            channel: 'push',
        });
        expect(repo.getOrCreateCalls).toBe(0);
        expect(repo.values.size).toBe(0);
    });

    it('generates a secret once and shares it across signers over the same settings', async () => {
        const repo = new FakeSettings();
        const a = signer(undefined, repo);
        const b = signer(undefined, repo);
        const fromA = await a.unsubscribeToken({ customerId: 42, channel: 'sms' });
        const fromB = await b.unsubscribeToken({ customerId: 9, channel: 'email' });
        expect(await b.verifyUnsubscribe(fromA)).toEqual({ customerId: 42, channel: 'sms' });
        expect(await a.verifyUnsubscribe(fromB)).toEqual({ customerId: 9, channel: 'email' });
        expect(await b.verifyEndpoint('status:sms', await a.endpointToken('status:sms'))).toBe(true);
        expect([...repo.values.keys()]).toEqual(['messaging_secret']);
        expect(repo.values.get('messaging_secret')).toMatch(/^[A-Za-z0-9_-]{43}$/);
        // Each signer asks the store once, however many tokens it makes.
        expect(repo.getOrCreateCalls).toBe(2);
        // A signer over a fresh store gets its own secret.
        expect(await signer(undefined).verifyUnsubscribe(fromA)).toBeNull();
    });

    it('asks the store once even for concurrent first calls', async () => {
        const repo = new FakeSettings();
        const links = signer(undefined, repo);
        await Promise.all([
            links.unsubscribeToken({ customerId: 1, channel: 'sms' }),
            links.endpointToken('status:sms'),
            links.verifyUnsubscribe('abc.def'),
        ]);
        expect(repo.getOrCreateCalls).toBe(1);
    });

    it('treats an empty configured secret as none', async () => {
        const repo = new FakeSettings();
        await signer('', repo).endpointToken('status:sms');
        expect(repo.values.has('messaging_secret')).toBe(true);
    });
});
