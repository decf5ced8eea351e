import { createHmac, timingSafeEqual } from 'node:crypto';
import {
    ChannelError,
    type ChannelProvider,
    type OutgoingMessage,
    type SendResult,
    type StatusUpdate,
} from './channel-provider.js';
import type { CommonProviderOptions, WebhookSettings } from '../../../kernel/vocabulary/channel-providers.js';
import { priceOf } from './traffic-pricing.js';

/** Webhook settings (the kernel's vocabulary). */
export type { WebhookSettings } from '../../../kernel/vocabulary/channel-providers.js';

/** The signature header value of a body: `sha256=<hex>`. */
export function signBody(secret: string, body: string): string {
    return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * A generic webhook for push, Viber and WhatsApp through the chain's own
 * gateway: POSTs `{id, channel, to, text}` signed with HMAC-SHA256 in
 * `X-Refill-Signature`; callbacks `{id, status, reason}` must carry the same
 * signature or are refused.
 */
export class WebhookProvider implements ChannelProvider {
    readonly id = 'webhook';
    readonly channel: WebhookSettings['channel'];

    constructor(private readonly settings: WebhookSettings & CommonProviderOptions) {
        this.channel = settings.channel;
    }

    /** Posts one message to the gateway. */
    async send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendResult> {
        const body = JSON.stringify({
            id: message.key,
            channel: this.channel,
            to: message.to,
            text: message.text,
        });
        const timeout = AbortSignal.timeout(this.settings.timeoutMs ?? 10_000);
        let response: Response;
        try {
            response = await fetch(this.settings.url, {
                method: 'POST',
                headers: {
                    'content-type': 'application/json',
                    'x-refill-signature': signBody(this.settings.secret, body),
                },
                body,
                signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
            });
        } catch (error) {
            if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError')
                throw new ChannelError('CHANNEL_TIMEOUT', 'The gateway did not answer in time', true);
            throw new ChannelError('CHANNEL_UNAVAILABLE', 'The gateway could not be reached', true);
        }
        if (response.status >= 500 || response.status === 429)
            throw new ChannelError('CHANNEL_UNAVAILABLE', `The gateway failed (${response.status})`, true);
        if (response.status >= 400)
            throw new ChannelError(
                'CHANNEL_REJECTED',
                `The gateway rejected the message (${response.status})`,
                false,
            );
        const answer = (await response.json().catch(() => ({}))) as { id?: unknown };
        return {
            providerMessageId: String(answer.id ?? message.key),
            cost: priceOf(message, this.settings, this.settings.costPerMessage ?? 0),
            status: 'accepted',
        };
    }

    /** Verifies and parses a callback; a missing or wrong signature yields a permanent error. */
    parseStatusCallback(request: { headers: Record<string, unknown>; body: unknown }): StatusUpdate[] {
        const raw = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
        const sent = Buffer.from(String(request.headers['x-refill-signature'] ?? ''));
        const expected = Buffer.from(signBody(this.settings.secret, raw));
        if (sent.length !== expected.length || !timingSafeEqual(sent, expected))
            throw new ChannelError('CHANNEL_AUTH', 'The callback signature does not match', false);
        const body = (typeof request.body === 'string' ? JSON.parse(request.body) : request.body) as {
            id?: unknown;
            status?: unknown;
            reason?: unknown;
        };
        const status =
            body.status === 'delivered' || body.status === 'read' || body.status === 'failed'
                ? body.status
                : null;
        if (!status || body.id === undefined) return [];
        return [
            {
                providerMessageId: String(body.id),
                status,
                reason: body.reason === undefined ? undefined : String(body.reason),
                at: new Date(),
            },
        ];
    }
}
