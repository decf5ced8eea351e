import type { CommonProviderOptions, OutgoingMessage } from '../../../kernel/vocabulary/channel-providers.js';

/**
 * The sender a message goes out under: its own (a campaign's sender name),
 * else the provider's for the message's traffic type, else the provider's
 * default (undefined when it has none).
 */
export function senderOf(
    message: Pick<OutgoingMessage, 'sender' | 'traffic'>,
    options: CommonProviderOptions,
    fallback?: string,
): string | undefined {
    return message.sender ?? (message.traffic ? options.senders?.[message.traffic] : undefined) ?? fallback;
}

/**
 * A message's price by its traffic type (per segment for SMS, per message
 * otherwise), minor units: the type's price where configured, else the
 * provider's single price.
 */
export function priceOf(
    message: Pick<OutgoingMessage, 'traffic'>,
    options: CommonProviderOptions,
    fallback: number,
): number {
    return (message.traffic ? options.prices?.[message.traffic] : undefined) ?? fallback;
}
