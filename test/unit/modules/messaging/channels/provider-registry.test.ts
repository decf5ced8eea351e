import { describe, expect, it } from 'vitest';
import { HttpSmsProvider } from '../../../../../plugin/modules/messaging/channels/http-sms.provider.js';
import {
    MemoryOutboxStore,
    OutboxProvider,
} from '../../../../../plugin/modules/messaging/channels/outbox.provider.js';
import type { ChannelProvider } from '../../../../../plugin/modules/messaging/channels/channel-provider.js';
import {
    createProviders,
    type ChannelsConfig,
} from '../../../../../plugin/modules/messaging/channels/provider-registry.js';
import { SmtpProvider } from '../../../../../plugin/modules/messaging/channels/smtp.provider.js';
import { WebhookProvider } from '../../../../../plugin/modules/messaging/channels/webhook.provider.js';

const store = new MemoryOutboxStore();

describe('createProviders', () => {
    it('uses the outbox for every channel by default', () => {
        const providers = createProviders(undefined, store);
        expect([...providers.keys()]).toEqual(['sms', 'email', 'telegram', 'push', 'viber', 'whatsapp']);
        expect([...providers.values()].every((p) => p instanceof OutboxProvider)).toBe(true);
    });

    it('builds the configured providers', () => {
        const providers = createProviders(
            {
                sms: {
                    type: 'http-sms',
                    url: 'https://sms.example.com/send',
                    fields: { to: '{to}', text: '{text}' },
                    idPath: 'id',
                    pricePerSegment: 250,
                },
                email: { type: 'smtp', host: 'smtp.example.com', port: 587, from: 'shop@example.com' },
                push: { type: 'webhook', url: 'https://gw.example.com/push', secret: 'a-long-enough-secret' },
            },
            store,
        );
        expect(providers.get('sms')).toBeInstanceOf(HttpSmsProvider);
        expect(providers.get('email')).toBeInstanceOf(SmtpProvider);
        (providers.get('email') as SmtpProvider).close();
        expect(providers.get('push')).toBeInstanceOf(WebhookProvider);
        expect(providers.get('push')?.channel).toBe('push');
        expect(providers.get('telegram')).toBeInstanceOf(OutboxProvider);
    });

    it('refuses bad configuration naming the field', () => {
        expect(() => createProviders({ sms: { type: 'smtp' } as never }, store)).toThrow(
            expect.objectContaining({
                code: 'REFILL_CONFIG_INVALID',
                details: expect.objectContaining({ field: 'channels.sms.type' }),
            }),
        );
        expect(() =>
            createProviders(
                {
                    sms: {
                        type: 'http-sms',
                        url: 'ftp://x',
                        fields: { a: 'b' },
                        idPath: 'id',
                        pricePerSegment: 1,
                    },
                },
                store,
            ),
        ).toThrow(
            expect.objectContaining({ details: expect.objectContaining({ field: 'channels.sms.url' }) }),
        );
        expect(() =>
            createProviders(
                { push: { type: 'webhook', url: 'https://gw.example.com', secret: 'short' } },
                store,
            ),
        ).toThrow(/channels\.push\.secret/);
    });

    it("takes the host's own provider for a channel, checked like the rest", async () => {
        const sent: string[] = [];
        const own: ChannelProvider = {
            id: 'chain-push',
            channel: 'push',
            async send(message) {
                sent.push(message.text);
                return { providerMessageId: `p-${sent.length}`, cost: 1, status: 'accepted' };
            },
        };
        const providers = createProviders({ push: { type: 'custom', provider: own } }, store);
        expect(providers.get('push')).toBe(own);
        const bad = (provider: unknown) => () =>
            createProviders({ push: { type: 'custom', provider } } as ChannelsConfig, store);
        expect(bad(undefined)).toThrow(/channels\.push\.provider: must implement send/);
        expect(bad({ ...own, id: 'has spaces' })).toThrow(/needs an id/);
        expect(bad({ ...own, channel: 'sms' })).toThrow(/sends sms, not push/);
    });
});
