import { EntitySchema } from 'typeorm';
import { bigId, bigInt, int, str, text, time } from '../../../kernel/db/entity-columns.js';
import type { MessageKind } from '../../../kernel/vocabulary/message-kinds.js';
import type { TrafficClass } from '../../../kernel/vocabulary/traffic-classes.js';

/**
 * Where a reminder cascade stands: `gated` (a campaign run waiting for its
 * send batch to be released), `pending` (due to send its step at `nextAt`),
 * `waiting` (sent, waiting for delivery until `nextAt`), or finished:
 * `done`, `stopped` (a purchase of the category), `cancelled` (kill switch),
 * `expired` (its deadline passed), `exhausted` (no channel left).
 */
export type CascadeStatus =
    'gated' | 'pending' | 'waiting' | 'done' | 'stopped' | 'cancelled' | 'expired' | 'exhausted';

/**
 * One reminder to one customer walking its channels cheapest first: which
 * step it is on, the message it waits for, when it acts next, and the
 * deadline an expiry reminder must beat.
 */
export interface Cascade {
    id: number;
    /** Unique: the kind and what the reminder is about (campaign member, offer, lot day, purchase). */
    cascadeKey: string;
    customerId: number;
    campaignId: number | null;
    /** The trigger chain whose send step planned it, and the customer's run of that chain (NULL otherwise). */
    chainId?: number | null;
    chainRunId?: number | null;
    categoryId: number | null;
    offerId: number | null;
    kind: MessageKind;
    traffic: TrafficClass;
    status: CascadeStatus;
    /** The campaign run (local day) a lapse offer belongs to, for the send guard. */
    runDay: string | null;
    /** Index of the step being tried (pending) or waited on (waiting). */
    step: number;
    /** Times the current step's message was handed to a provider (policy holds are not attempts). */
    attempt: number;
    channel: string | null;
    messageKey: string | null;
    awaitStatus: string | null;
    nextAt: Date;
    deadlineAt: Date | null;
    /** JSON of the template data that is fixed when the reminder is planned (amounts, dates). */
    payload: string | null;
    /** How it ended, or the last decision. */
    outcome: string | null;
    /** The dispatcher run deciding it (its `nextAt` holds the claim's lease meanwhile). */
    claimToken: string | null;
    createdAt: Date;
    updatedAt: Date;
}

/** TypeORM schema of {@link Cascade}. */
export const CascadeEntity = new EntitySchema<Cascade>({
    name: 'RefillCascade',
    tableName: 'refill_cascades',
    columns: {
        id: bigId(),
        cascadeKey: str('cascade_key', 128),
        customerId: bigInt('customer_id'),
        campaignId: int('campaign_id', true),
        chainId: int('chain_id', true),
        chainRunId: bigInt('chain_run_id', true),
        categoryId: int('category_id', true),
        offerId: bigInt('offer_id', true),
        kind: str('kind', 24),
        traffic: str('traffic', 12),
        status: str('status', 12),
        runDay: str('run_day', 10, true),
        step: int('step', false, 0),
        attempt: int('attempt', false, 0),
        channel: str('channel', 16, true),
        messageKey: str('message_key', 128, true),
        awaitStatus: str('await_status', 12, true),
        nextAt: time('next_at'),
        deadlineAt: time('deadline_at', true),
        payload: text('payload'),
        outcome: str('outcome', 64, true),
        claimToken: str('claim_token', 32, true),
        createdAt: time('created_at'),
        updatedAt: time('updated_at'),
    },
    indices: [
        { name: 'UQ_refill_cascades_key', columns: ['cascadeKey'], unique: true },
        { name: 'IDX_refill_cascades_due', columns: ['status', 'nextAt'] },
        { name: 'IDX_refill_cascades_customer', columns: ['customerId', 'status'] },
        { name: 'IDX_refill_cascades_campaign', columns: ['campaignId', 'runDay', 'status'] },
        { name: 'IDX_refill_cascades_message', columns: ['messageKey'] },
    ],
});

/**
 * A campaign run's recipients as one batch: released at once when small,
 * otherwise held for a second admin's approval, then a canary slice, then
 * the rest.
 */
export interface SendBatch {
    campaignId: number;
    runDay: string;
    /** open → released, or awaiting_approval → canary → released | canary_failed; killed. */
    status: 'released' | 'awaiting_approval' | 'canary' | 'canary_failed' | 'killed';
    recipients: number;
    baseSize: number;
    canarySize: number;
    canaryUntil: Date | null;
    approvedBy: string | null;
    approvedAt: Date | null;
    note: string | null;
    createdAt: Date;
    updatedAt: Date;
}

/** TypeORM schema of {@link SendBatch}. */
export const SendBatchEntity = new EntitySchema<SendBatch>({
    name: 'RefillSendBatch',
    tableName: 'refill_send_batches',
    columns: {
        campaignId: { ...int('campaign_id'), primary: true },
        runDay: { ...str('run_day', 10), primary: true },
        status: str('status', 20),
        recipients: int('recipients'),
        baseSize: int('base_size'),
        canarySize: int('canary_size', false, 0),
        canaryUntil: time('canary_until', true),
        approvedBy: str('approved_by', 128, true),
        approvedAt: time('approved_at', true),
        note: str('note', 255, true),
        createdAt: time('created_at'),
        updatedAt: time('updated_at'),
    },
    indices: [{ name: 'IDX_refill_send_batches_status', columns: ['status'] }],
});

/** An instance setting Refill keeps for itself (the unsubscribe link secret). */
export interface Setting {
    name: string;
    value: string;
    updatedAt: Date;
}

/** TypeORM schema of {@link Setting}. */
export const SettingEntity = new EntitySchema<Setting>({
    name: 'RefillSetting',
    tableName: 'refill_settings',
    columns: {
        name: { ...str('name', 64), primary: true },
        value: { type: 'text', nullable: false },
        updatedAt: time('updated_at'),
    },
});
