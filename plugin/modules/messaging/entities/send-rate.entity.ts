import { EntitySchema } from 'typeorm';
import { int, str, time } from '../../../kernel/db/entity-columns.js';

/**
 * A provider's send-rate window, shared by every Refill instance: the
 * units (messages or SMS segments) handed to it in the current wall-clock
 * second and minute, and until when it is paused after a limit answer (a
 * 429 or the gateway's own code). Dispatchers take tokens from it under
 * the row's lock before they hand a message over.
 */
export interface SendRate {
    /** `<channel>:<provider id>`, e.g. `sms:http-sms`. */
    providerKey: string;
    /** Start of the second `secondUsed` counts. */
    secondStart: Date;
    secondUsed: number;
    /** Start of the minute `minuteUsed` counts. */
    minuteStart: Date;
    minuteUsed: number;
    /** No instance sends to the provider before this moment (NULL: not paused). */
    pausedUntil: Date | null;
    updatedAt: Date;
}

/** TypeORM schema of {@link SendRate}. */
export const SendRateEntity = new EntitySchema<SendRate>({
    name: 'RefillSendRate',
    tableName: 'refill_send_rates',
    columns: {
        providerKey: { ...str('provider_key', 64), primary: true },
        secondStart: time('second_start'),
        secondUsed: int('second_used', false, 0),
        minuteStart: time('minute_start'),
        minuteUsed: int('minute_used', false, 0),
        pausedUntil: time('paused_until', true),
        updatedAt: time('updated_at'),
    },
});

/** An email provider's bounce or complaint event already applied (a retried webhook does nothing twice). */
export interface EmailEvent {
    /** The provider's event id. */
    eventId: string;
    /** `hard_bounce`, `soft_bounce` or `complaint`. */
    kind: string;
    receivedAt: Date;
}

/** TypeORM schema of {@link EmailEvent}. */
export const EmailEventEntity = new EntitySchema<EmailEvent>({
    name: 'RefillEmailEvent',
    tableName: 'refill_email_events',
    columns: {
        eventId: { ...str('event_id', 128), primary: true },
        kind: str('kind', 16),
        receivedAt: time('received_at'),
    },
});
