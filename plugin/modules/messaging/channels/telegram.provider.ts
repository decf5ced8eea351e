import {
    ChannelError,
    type ChannelProvider,
    type OutgoingMessage,
    type SendResult,
} from './channel-provider.js';
import type {
    CommonProviderOptions,
    TelegramSettings,
} from '../../../kernel/vocabulary/channel-providers.js';
import { priceOf } from './traffic-pricing.js';

/** Telegram settings (the kernel's vocabulary). */
export type { TelegramSettings } from '../../../kernel/vocabulary/channel-providers.js';

interface TelegramAnswer {
    ok: boolean;
    result?: { message_id: number };
    error_code?: number;
    description?: string;
    parameters?: { retry_after?: number };
}

/**
 * Messages through the Telegram Bot API `sendMessage` (the recipient is the
 * chat id the customer linked by starting the bot). Maps Telegram's errors:
 * 403 (bot blocked) and 400 (chat not found) are final; 429 carries its
 * retry-after; 5xx and timeouts are retryable.
 */
export class TelegramProvider implements ChannelProvider {
    readonly id = 'telegram';
    readonly channel = 'telegram' as const;

    constructor(private readonly settings: TelegramSettings & CommonProviderOptions) {}

    /** Sends one message. */
    async send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendResult> {
        const url = `${this.settings.baseUrl ?? 'https://api.telegram.org'}/bot${this.settings.token}/sendMessage`;
        const timeout = AbortSignal.timeout(this.settings.timeoutMs ?? 10_000);
        let response: Response;
        try {
            response = await fetch(url, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({
                    chat_id: message.to,
                    text: message.text,
                    disable_web_page_preview: true,
                }),
                signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
            });
        } catch (error) {
            if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError')
                throw new ChannelError('CHANNEL_TIMEOUT', 'Telegram did not answer in time', true);
            throw new ChannelError('CHANNEL_UNAVAILABLE', 'Telegram could not be reached', true);
        }
        const answer = (await response.json().catch(() => ({ ok: false }))) as TelegramAnswer;
        if (answer.ok && answer.result)
            return {
                providerMessageId: String(answer.result.message_id),
                cost: priceOf(message, this.settings, this.settings.costPerMessage ?? 0),
                status: 'sent',
            };
        const code = answer.error_code ?? response.status;
        const why = answer.description ?? `HTTP ${response.status}`;
        if (code === 403) throw new ChannelError('CHANNEL_BLOCKED', `Telegram: ${why}`, false);
        if (code === 401) throw new ChannelError('CHANNEL_AUTH', `Telegram: ${why}`, false);
        if (code === 429)
            throw new ChannelError(
                'CHANNEL_RATE_LIMITED',
                `Telegram: ${why}`,
                true,
                (answer.parameters?.retry_after ?? 1) * 1000,
            );
        if (code >= 500) throw new ChannelError('CHANNEL_UNAVAILABLE', `Telegram: ${why}`, true);
        throw new ChannelError('CHANNEL_REJECTED', `Telegram: ${why}`, false);
    }
}
