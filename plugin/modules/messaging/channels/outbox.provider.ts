import type { ChannelProvider, Channel, OutgoingMessage, SendResult } from './channel-provider.js';

/** A message kept in the outbox. */
export interface OutboxEntry extends OutgoingMessage {
    id: string;
    at: Date;
}

/** Where the outbox keeps its messages (Refill's table in production, memory in tests). */
export interface OutboxStore {
    append(entry: OutboxEntry): Promise<void>;
    list(filter?: { channel?: Channel; limit?: number }): Promise<OutboxEntry[]>;
}

/** An in-memory outbox store, newest last. */
export class MemoryOutboxStore implements OutboxStore {
    readonly entries: OutboxEntry[] = [];

    /** Keeps a message. */
    async append(entry: OutboxEntry): Promise<void> {
        this.entries.push(entry);
    }

    /** Messages, optionally of one channel, newest first. */
    async list(filter: { channel?: Channel; limit?: number } = {}): Promise<OutboxEntry[]> {
        return this.entries
            .filter((e) => !filter.channel || e.channel === filter.channel)
            .slice(-(filter.limit ?? 100))
            .reverse();
    }
}

/**
 * The standalone default: nothing leaves the machine; every message lands
 * in the outbox, readable through the admin API, and counts as delivered
 * at no cost. The message key is the provider id, so a retry is visible.
 */
export class OutboxProvider implements ChannelProvider {
    readonly id = 'outbox';

    constructor(
        readonly channel: Channel,
        private readonly store: OutboxStore,
        private readonly clock: () => Date = () => new Date(),
    ) {}

    /** Appends the message to the outbox. */
    async send(message: OutgoingMessage): Promise<SendResult> {
        await this.store.append({ ...message, id: message.key, at: this.clock() });
        return { providerMessageId: message.key, cost: 0, status: 'delivered' };
    }
}
