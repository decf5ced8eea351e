import { EntitySchema } from 'typeorm';
import { bigId, bigInt, int, str, text, time } from './entity-columns.js';

/**
 * One message to one customer: written under its unique key before the
 * provider is called (so nothing is ever sent twice), with the contact
 * policy's verdict, the provider's id, segments, cost and delivery status.
 */
export interface Message {
    id: number;
    /** Unique: campaign member (or customer), kind and cascade step. */
    messageKey: string;
    customerId: number;
    campaignId: number | null;
    kind: string;
    step: number;
    channel: string;
    traffic: string;
    /** sending, sent, delivered, read, failed, held, dropped. */
    status: string;
    /** JSON of the contact policy verdict. */
    verdict: string | null;
    provider: string | null;
    providerMessageId: string | null;
    segments: number | null;
    /** Minor units. */
    cost: number;
    failureReason: string | null;
    createdAt: Date;
    sentAt: Date | null;
    statusAt: Date | null;
}

/** TypeORM schema of {@link Message}. */
export const MessageEntity = new EntitySchema<Message>({
    name: 'RefillMessage',
    tableName: 'refill_messages',
    columns: {
        id: bigId(),
        messageKey: str('message_key', 128),
        customerId: bigInt('customer_id'),
        campaignId: int('campaign_id', true),
        kind: str('kind', 24),
        step: int('step', false, 0),
        channel: str('channel', 16),
        traffic: str('traffic', 12),
        status: str('status', 12),
        verdict: text('verdict'),
        provider: str('provider', 32, true),
        providerMessageId: str('provider_message_id', 128, true),
        segments: int('segments', true),
        cost: int('cost', false, 0),
        failureReason: str('failure_reason', 255, true),
        createdAt: time('created_at'),
        sentAt: time('sent_at', true),
        statusAt: time('status_at', true),
    },
    indices: [
        { name: 'UQ_refill_messages_key', columns: ['messageKey'], unique: true },
        { name: 'IDX_refill_messages_campaign', columns: ['campaignId', 'status'] },
        { name: 'IDX_refill_messages_customer', columns: ['customerId', 'createdAt'] },
        { name: 'IDX_refill_messages_provider_id', columns: ['provider', 'providerMessageId'] },
    ],
});

/** A message the outbox provider kept (the standalone default channel). */
export interface OutboxMessage {
    id: number;
    messageKey: string;
    channel: string;
    recipient: string;
    subject: string | null;
    body: string | null;
    html: string | null;
    createdAt: Date;
}

/** TypeORM schema of {@link OutboxMessage}. */
export const OutboxMessageEntity = new EntitySchema<OutboxMessage>({
    name: 'RefillOutboxMessage',
    tableName: 'refill_outbox',
    columns: {
        id: bigId(),
        messageKey: str('message_key', 128),
        channel: str('channel', 16),
        recipient: str('recipient', 254),
        subject: str('subject', 255, true),
        body: text('body'),
        html: text('html'),
        createdAt: time('created_at'),
    },
    indices: [
        { name: 'UQ_refill_outbox_key', columns: ['messageKey'], unique: true },
        { name: 'IDX_refill_outbox_created', columns: ['createdAt'] },
    ],
});
