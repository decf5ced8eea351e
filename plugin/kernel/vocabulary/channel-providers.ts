/**
 * The channel provider contract and the options that pick a provider per
 * channel: pure types, so the options (plugin/config) and the messaging module
 * both read them from below. Messaging's door re-exports them.
 */
import type { Channel } from './channels.js';
import type { TrafficClass } from './traffic-classes.js';

/** A message ready for a provider. */
export interface OutgoingMessage {
    /** Stable idempotency key (the message row's unique key): a provider that supports it dedupes on it. */
    key: string;
    channel: Channel;
    /** Phone (E.164), email address, chat id or device token. */
    to: string;
    /** SMS and messenger text, or the email's plain-text part. */
    text: string;
    subject?: string;
    html?: string;
    /** Marketing messages carry unsubscribe headers where the channel has them. */
    marketing?: boolean;
    unsubscribeUrl?: string;
    /** SMS segments, for per-segment pricing. */
    segments?: number;
    /**
     * Service or advertising (marketing) traffic, as the message kind
     * declares it: operators register, route and price the two apart.
     */
    traffic?: TrafficClass;
    /**
     * The sender the recipient sees (an SMS alpha name, an email From): the
     * campaign's own when it has one, else the provider's for the traffic
     * type, else the provider's default.
     */
    sender?: string;
}

/** A value per traffic type (service, advertising), either optional. */
export type PerTraffic<T> = Partial<Record<TrafficClass, T>>;

/** What a provider answered. */
export interface SendResult {
    providerMessageId: string;
    /** What the message cost, integer minor units. */
    cost: number;
    status: 'accepted' | 'sent' | 'delivered';
}

/** A delivery report parsed from a provider's webhook. */
export interface StatusUpdate {
    providerMessageId: string;
    status: 'delivered' | 'read' | 'failed';
    reason?: string;
    at: Date;
}

/**
 * One interface for every provider: send returns the provider's message id
 * and the cost; a provider with delivery webhooks parses them into
 * delivered / read / failed with a reason.
 */
export interface ChannelProvider {
    readonly id: string;
    readonly channel: Channel;
    send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendResult>;
    parseStatusCallback?(request: { headers: Record<string, unknown>; body: unknown }): StatusUpdate[];
}

/** SMTP settings. */
export interface SmtpSettings {
    host: string;
    port: number;
    secure?: boolean;
    auth?: { user: string; pass: string };
    from: string;
    /** Cost per email, minor units. Default 0. */
    costPerMessage?: number;
    /** Connection and greeting timeout, ms. Default 10000. */
    timeoutMs?: number;
    /** Domain of generated Message-IDs. Default the `from` address's domain. */
    messageIdDomain?: string;
}

/** Telegram Bot API settings. */
export interface TelegramSettings {
    token: string;
    /** Default https://api.telegram.org (a local server in tests). */
    baseUrl?: string;
    timeoutMs?: number;
    costPerMessage?: number;
}

/** A configurable HTTP SMS gateway (SMSC, SMS.ru, an aggregator, the chain's own). */
export interface HttpSmsSettings {
    url: string;
    method?: 'POST' | 'GET';
    /** Extra headers, e.g. an API key header. */
    headers?: Record<string, string>;
    auth?: { type: 'basic'; user: string; pass: string } | { type: 'bearer'; token: string };
    /** Body (POST) or query (GET) fields; values may use {to}, {text}, {sender}, {id}, {segments}. */
    fields: Record<string, string>;
    /** POST bodies as JSON (default) or as an HTML form. */
    encoding?: 'json' | 'form';
    /** Dotted path of the provider's message id in the JSON answer, e.g. `data.id`. */
    idPath: string;
    sender?: string;
    /** Price per segment, minor units. */
    pricePerSegment: number;
    timeoutMs?: number;
    /**
     * The gateway's own "too many requests" answer besides HTTP 429 (SMSC's
     * `error_code: 9`, …): the value at `path` of its JSON equals one of
     * `values`. Such an answer pauses the provider for `retryAfterSeconds`
     * (default 10), like a 429 without a Retry-After header.
     */
    throttled?: { path: string; values: string[]; retryAfterSeconds?: number };
    /** How the gateway's delivery callbacks look. */
    callback?: {
        idField: string;
        statusField: string;
        /** Provider status → Refill status. */
        statuses: Record<string, 'delivered' | 'read' | 'failed'>;
        reasonField?: string;
    };
}

/** The chain's own gateway for push, Viber or WhatsApp. */
export interface WebhookSettings {
    channel: Extract<Channel, 'push' | 'viber' | 'whatsapp'>;
    url: string;
    /** HMAC-SHA256 key signing requests and verifying callbacks. */
    secret: string;
    costPerMessage?: number;
    timeoutMs?: number;
}

/**
 * How fast a provider may be sent to, shared by every Refill instance
 * through the database: at most `perSecond` and `perMinute` units in each
 * wall-clock second and minute. A unit is a message, or an SMS segment with
 * `unit: 'segments'` (gateways that bill and throttle by segment).
 */
export interface SendRateLimit {
    perSecond?: number;
    perMinute?: number;
    /** What a token pays for. Default 'messages'. */
    unit?: 'messages' | 'segments';
}

/** Options every provider type accepts besides its own. */
export interface CommonProviderOptions {
    /** Send-rate limit of this channel's provider (none by default). */
    rate?: SendRateLimit;
    /**
     * The sender name per traffic type (the SMS alpha name registered for
     * service and for advertising traffic, the email From of each, …); the
     * provider's own default where one is not given.
     */
    senders?: PerTraffic<string>;
    /**
     * The price per traffic type, minor units: per segment for SMS (Russian
     * operators price service and advertising SMS apart), per message
     * otherwise; the provider's `pricePerSegment` / `costPerMessage` where
     * one is not given.
     */
    prices?: PerTraffic<number>;
}

/** How one channel sends: the outbox (default), a shipped provider with its settings, or the host's own. */
export type ProviderConfig = CommonProviderOptions &
    (
        | { type: 'outbox' }
        | { type: 'custom'; provider: ChannelProvider }
        | ({ type: 'smtp' } & SmtpSettings)
        | ({ type: 'telegram' } & TelegramSettings)
        | ({ type: 'http-sms' } & HttpSmsSettings)
        | ({ type: 'webhook' } & Omit<WebhookSettings, 'channel'>)
    );

/** Providers per channel; a channel left out uses the outbox. */
export type ChannelsConfig = Partial<Record<Channel, ProviderConfig>>;
