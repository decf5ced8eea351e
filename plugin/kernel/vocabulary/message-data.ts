/*
 * The data each kind of message's template receives. Handlebars templates
 * (shipped under `templates/<kind>/` or saved through the admin API) may use
 * these fields and no others; the preview and save checks render every
 * template with sample data of this shape. Amounts are in minor units, times
 * are ISO 8601 text in UTC (the template's date helpers show them in the
 * reader's timezone).
 */
import type { MessageKind } from './message-kinds.js';

/** What every template receives. */
export interface BaseTemplateData {
    /** The reader: their name when known, and their bonus balance (minor units). */
    customer: { name: string | null; balance: number };
    /** The chain that sends the message (from the options' `messaging.chain`). */
    chain: { name: string; url?: string };
    /** A signed unsubscribe link: marketing messages only. */
    unsubscribeUrl?: string;
}

/** The offer and category a campaign reminder is about. */
export interface OfferTemplateData {
    /** The offer (absent when it is gone); `endsAt` is ISO 8601. */
    offer?: {
        kind: 'multiplier' | 'gift';
        multiplier: number | null;
        giftAmount: number | null;
        /** The smallest purchase a gift needs (minor units; the samples leave it out). */
        minAmount?: number | null;
        endsAt: string;
    };
    /** The category's public label (never its own name, which may name a condition). */
    category?: { publicLabel: string };
}

/** A kind whose reminders carry nothing of their own. */
export type NoPayload = Record<never, never>;

/**
 * What a reminder carries in its `payload` column for its template, by kind:
 * the figures that are fixed when it is planned.
 */
export interface MessagePayloads {
    'lapse-offer': NoPayload;
    'offer-expiry': NoPayload;
    /** How much burns first and when (ISO 8601). */
    'bonus-expiry': { expiry: { amount: number; at: string } };
    welcome: NoPayload;
    /** What the purchase earned and what it cost (minor units). */
    balance: { purchase: { earned: number; total: number } };
    'second-purchase': NoPayload;
    winback: NoPayload;
    'wonback-thanks': NoPayload;
}

/** The payload of one kind of message (see {@link MessagePayloads}). */
export type MessagePayload<K extends MessageKind> = MessagePayloads[K];

/** Everything one kind of message's template receives. */
export type MessageTemplateData<K extends MessageKind> = BaseTemplateData &
    OfferTemplateData &
    MessagePayload<K>;

/** Data every kind's template can render (what previews and the save check use): all the fields. */
export type SampleTemplateData = BaseTemplateData &
    OfferTemplateData &
    MessagePayload<'bonus-expiry'> &
    MessagePayload<'balance'>;

/** Serialises a reminder's payload for its `payload` column, checked against its kind. */
export function messagePayload<K extends MessageKind>(_kind: K, payload: MessagePayload<K>): string {
    return JSON.stringify(payload);
}
