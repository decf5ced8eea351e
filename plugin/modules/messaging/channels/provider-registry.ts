import Joi from 'joi';
import { RefillConfigError } from '../../../kernel/errors/refill-error.js';
import type { Channel } from '../../../kernel/vocabulary/channels.js';
import type {
    ChannelProvider,
    ChannelsConfig,
    ProviderConfig,
    SendRateLimit,
    WebhookSettings,
} from '../../../kernel/vocabulary/channel-providers.js';
import { HttpSmsProvider } from './http-sms.provider.js';
import { OutboxProvider, type OutboxStore } from './outbox.provider.js';
import { SmtpProvider } from './smtp.provider.js';
import { TelegramProvider } from './telegram.provider.js';
import { WebhookProvider } from './webhook.provider.js';

/** Channel provider options (the kernel's vocabulary). */
export type { ChannelsConfig, ProviderConfig } from '../../../kernel/vocabulary/channel-providers.js';

const url = Joi.string().uri({ scheme: ['http', 'https'] });
const timeout = Joi.number().integer().min(100).max(120_000);
const money = Joi.number().integer().min(0).max(1_000_000);
/** A provider's send-rate limit (see `SendRateLimit`). */
const rate = Joi.object({
    perSecond: Joi.number().integer().min(1).max(100_000),
    perMinute: Joi.number().integer().min(1).max(6_000_000),
    unit: Joi.valid('messages', 'segments'),
}).or('perSecond', 'perMinute');

/** A sender name per traffic type. */
const senders = Joi.object({
    service: Joi.string().min(1).max(254),
    marketing: Joi.string().min(1).max(254),
});
/** A price per traffic type. */
const prices = Joi.object({ service: money, marketing: money });
const outbox = Joi.object({ type: Joi.valid('outbox').required(), rate, senders, prices });
const smtp = Joi.object({
    type: Joi.valid('smtp').required(),
    host: Joi.string().hostname().required(),
    port: Joi.number().port().required(),
    secure: Joi.boolean(),
    auth: Joi.object({ user: Joi.string().required(), pass: Joi.string().required() }),
    from: Joi.string().min(3).max(254).required(),
    rate,
    senders,
    prices,
    costPerMessage: money,
    timeoutMs: timeout,
    messageIdDomain: Joi.string().hostname(),
});
const telegram = Joi.object({
    type: Joi.valid('telegram').required(),
    token: Joi.string().min(10).required(),
    baseUrl: url,
    timeoutMs: timeout,
    costPerMessage: money,
    rate,
    senders,
    prices,
});
const httpSms = Joi.object({
    type: Joi.valid('http-sms').required(),
    url: url.required(),
    method: Joi.valid('POST', 'GET'),
    headers: Joi.object().pattern(Joi.string(), Joi.string()),
    auth: Joi.alternatives(
        Joi.object({
            type: Joi.valid('basic').required(),
            user: Joi.string().required(),
            pass: Joi.string().required(),
        }),
        Joi.object({ type: Joi.valid('bearer').required(), token: Joi.string().required() }),
    ),
    fields: Joi.object().pattern(Joi.string(), Joi.string()).min(1).required(),
    encoding: Joi.valid('json', 'form'),
    idPath: Joi.string().required(),
    sender: Joi.string().max(20),
    pricePerSegment: money.required(),
    timeoutMs: timeout,
    rate,
    senders: Joi.object({ service: Joi.string().min(1).max(20), marketing: Joi.string().min(1).max(20) }),
    prices,
    throttled: Joi.object({
        path: Joi.string().required(),
        values: Joi.array().items(Joi.string()).min(1).required(),
        retryAfterSeconds: Joi.number().integer().min(1).max(3600),
    }),
    callback: Joi.object({
        idField: Joi.string().required(),
        statusField: Joi.string().required(),
        statuses: Joi.object()
            .pattern(Joi.string(), Joi.valid('delivered', 'read', 'failed'))
            .min(1)
            .required(),
        reasonField: Joi.string(),
    }),
});
const webhook = Joi.object({
    type: Joi.valid('webhook').required(),
    url: url.required(),
    secret: Joi.string().min(16).required(),
    costPerMessage: money,
    timeoutMs: timeout,
    rate,
    senders,
    prices,
});
const byType = { outbox, smtp, telegram, 'http-sms': httpSms, webhook };
const ALLOWED: Record<Channel, Array<keyof typeof byType>> = {
    sms: ['outbox', 'http-sms'],
    email: ['outbox', 'smtp'],
    telegram: ['outbox', 'telegram'],
    push: ['outbox', 'webhook'],
    viber: ['outbox', 'webhook'],
    whatsapp: ['outbox', 'webhook'],
};
/** Every channel, in the order providers are built and their endpoints listed (the keys of {@link ALLOWED}). */
const PROVIDER_ORDER = Object.keys(ALLOWED) as Channel[];

/**
 * Builds one provider per channel from configuration, validated with joi:
 * a mistake fails at start-up with `REFILL_CONFIG_INVALID` naming the field
 * (`channels.sms.url`) and how to fix it. Channels not configured use the
 * outbox, so a standalone install sends nothing out by default.
 */
export function createProviders(
    config: ChannelsConfig | undefined,
    store: OutboxStore,
): Map<Channel, ChannelProvider> {
    const out = new Map<Channel, ChannelProvider>();
    for (const channel of PROVIDER_ORDER) {
        const raw = (config as Record<string, unknown> | undefined)?.[channel] ?? { type: 'outbox' };
        if ((raw as { type?: string }).type === 'custom') {
            out.set(channel, customProvider(channel, (raw as { provider?: unknown }).provider));
            continue;
        }
        const type = (raw as { type?: string }).type as keyof typeof byType;
        if (!ALLOWED[channel].includes(type))
            throw new RefillConfigError(
                `channels.${channel}.type`,
                `"${String(type)}" cannot send ${channel}`,
                `Use one of: ${[...ALLOWED[channel], 'custom'].join(', ')}.`,
            );
        const { error, value } = byType[type].validate(raw, { abortEarly: true, convert: false });
        if (error)
            throw new RefillConfigError(
                `channels.${channel}.${error.details[0].path.join('.')}`,
                error.details[0].message.replace(/"/g, "'"),
                'See the messaging section of the README.',
            );
        const v = value as ProviderConfig;
        out.set(
            channel,
            v.type === 'smtp'
                ? new SmtpProvider(v)
                : v.type === 'telegram'
                  ? new TelegramProvider(v)
                  : v.type === 'http-sms'
                    ? new HttpSmsProvider(v)
                    : v.type === 'webhook'
                      ? new WebhookProvider({ ...v, channel: channel as WebhookSettings['channel'] })
                      : new OutboxProvider(channel, store),
        );
    }
    return out;
}

/**
 * The send-rate limit configured per channel (validated like the rest of
 * the channel's options; a custom provider's `rate` too). Channels without
 * one are not limited.
 */
export function providerRates(config: ChannelsConfig | undefined): Map<Channel, SendRateLimit> {
    const out = new Map<Channel, SendRateLimit>();
    for (const channel of PROVIDER_ORDER) {
        const raw = (config as Record<string, { rate?: unknown }> | undefined)?.[channel]?.rate;
        if (raw === undefined) continue;
        const { error, value } = rate.validate(raw, { convert: false });
        if (error)
            throw new RefillConfigError(
                `channels.${channel}.rate.${error.details[0].path.join('.')}`,
                error.details[0].message.replace(/"/g, "'"),
                'Give perSecond and/or perMinute as whole numbers of at least 1.',
            );
        const limit = value as SendRateLimit;
        if (limit.unit === 'segments' && channel !== 'sms')
            throw new RefillConfigError(
                `channels.${channel}.rate.unit`,
                'only SMS are counted in segments',
                "Use unit: 'messages' (the default) for this channel.",
            );
        out.set(channel, limit);
    }
    return out;
}

/**
 * A host's own provider (`{ type: 'custom', provider }`): anything that
 * implements {@link ChannelProvider} for this channel, with a short stable id
 * (it is stored with every message and picks the status-callback parser).
 */
function customProvider(channel: Channel, provider: unknown): ChannelProvider {
    const p = provider as Partial<ChannelProvider> | undefined;
    const problem =
        !p || typeof p.send !== 'function'
            ? 'must implement send(message)'
            : typeof p.id !== 'string' || !/^[a-z0-9_-]{1,32}$/i.test(p.id)
              ? 'needs an id of 1–32 letters, digits, - or _'
              : p.channel !== channel
                ? `sends ${String(p.channel)}, not ${channel}`
                : p.parseStatusCallback !== undefined && typeof p.parseStatusCallback !== 'function'
                  ? 'parseStatusCallback must be a function'
                  : null;
    if (problem)
        throw new RefillConfigError(
            `channels.${channel}.provider`,
            problem,
            'Pass an object implementing ChannelProvider (see the messaging section of the README).',
        );
    return p as ChannelProvider;
}
