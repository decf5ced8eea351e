import { EntitySchema } from 'typeorm';
import { bigId, bigInt, int, str, text, time } from '../../../kernel/db/entity-columns.js';

/**
 * One message to one customer: written under its unique key before the
 * provider is called (so nothing is ever sent twice), with the contact
 * policy's verdict, the provider's id, segments, cost and delivery status.
 */
export interface Message {
    id: number;
    /** Unique: the reminder and its cascade step; the provider's idempotency key, the same on every retry. */
    messageKey: string;
    customerId: number;
    campaignId: number | null;
    /** The trigger chain it was sent for (copied from its cascade; NULL otherwise). */
    chainId?: number | null;
    kind: string;
    step: number;
    channel: string;
    traffic: string;
    /**
     * claimed (a run holds it, not yet handed to the provider), sending (handed
     * over, no answer yet), sent, delivered, read, failed, held, dropped.
     */
    status: string;
    /** JSON of the contact policy verdict. */
    verdict: string | null;
    provider: string | null;
    providerMessageId: string | null;
    segments: number | null;
    /** Minor units. */
    cost: number;
    failureReason: string | null;
    /** The dispatcher run that holds the message (claimed or sending), until `leaseUntil`. */
    claimToken: string | null;
    /** Until when the claim holds; after that another run may take the message over. */
    leaseUntil: Date | null;
    /** How many times the message was handed to a provider (policy holds are not attempts). */
    attempts: number;
    /** When the message was last handed to the provider. */
    handedAt: Date | null;
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
        chainId: int('chain_id', true),
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
        claimToken: str('claim_token', 32, true),
        leaseUntil: time('lease_until', true),
        attempts: int('attempts', false, 0),
        handedAt: time('handed_at', true),
        createdAt: time('created_at'),
        sentAt: time('sent_at', true),
        statusAt: time('status_at', true),
    },
    indices: [
        { name: 'UQ_refill_messages_key', columns: ['messageKey'], unique: true },
        { name: 'IDX_refill_messages_campaign', columns: ['campaignId', 'status'] },
        { name: 'IDX_refill_messages_customer', columns: ['customerId', 'createdAt'] },
        { name: 'IDX_refill_messages_provider_id', columns: ['provider', 'providerMessageId'] },
        { name: 'IDX_refill_messages_created', columns: ['createdAt'] },
        { name: 'IDX_refill_messages_chain', columns: ['chainId', 'createdAt'] },
        { name: 'IDX_refill_messages_log_status', columns: ['status', 'id'] },
        { name: 'IDX_refill_messages_log_channel', columns: ['channel', 'id'] },
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
