import express from 'express';
import Joi from 'joi';
import { DateTime } from 'luxon';
import { getCountries, type CountryCode } from 'libphonenumber-js';
import { RefillConfigError } from '../kernel/errors/refill-error.js';
import { MS_PER_DAY } from '../kernel/units/time.js';
import { CHANNELS } from '../kernel/vocabulary/channels.js';
import { type ContactCaps, DEFAULT_CONTACT_CAPS } from '../kernel/vocabulary/contact-caps.js';
import type { MessagingCapsOptions, RefillConfig, RefillOptions, TrustProxy } from './refill-options.js';

const timezone = Joi.string().custom((value: string, helpers) =>
    DateTime.now().setZone(value).isValid ? value : helpers.error('any.invalid'),
);

/** Express's `trust proxy` values; addresses and subnets are checked by compiling them as Express does. */
const trustProxy = Joi.alternatives(
    Joi.boolean(),
    Joi.number().integer().min(0).max(100),
    Joi.string().min(1).max(1000),
    Joi.array().items(Joi.string().min(1).max(100)).min(1).max(100),
).custom((value: TrustProxy, helpers) => {
    try {
        express().set('trust proxy', value);
        return value;
    } catch {
        return helpers.error('any.invalid');
    }
});

const channel = Joi.string().valid(...CHANNELS);
const hhmm = Joi.string().pattern(/^([01]\d|2[0-3]):[0-5]\d$/);
const perChannel = (value: Joi.NumberSchema) => Joi.object().pattern(channel, value);
const count = (max: number) => Joi.number().integer().min(0).max(max);

/** Fills every channel's caps in: the defaults, then the former `dailyCaps`, then `caps` as given. */
function withCaps(m: Record<string, unknown>): Record<string, unknown> {
    const { dailyCaps, caps, ...rest } = m as {
        dailyCaps?: Record<string, number>;
        caps: MessagingCapsOptions;
    };
    const d = DEFAULT_CONTACT_CAPS;
    const filled: ContactCaps = {
        daily: { ...d.daily, ...dailyCaps, ...caps.daily },
        weekly: { ...d.weekly, ...caps.weekly },
        allChannels: { ...d.allChannels, ...caps.allChannels },
        serviceDaily: { ...d.serviceDaily, ...caps.serviceDaily },
    };
    return { ...rest, caps: filled };
}
const messagingSchema = Joi.object({
    channels: Joi.object(),
    publicUrl: Joi.string().uri({ scheme: ['http', 'https'] }),
    secret: Joi.string().min(32),
    chain: Joi.object({ name: Joi.string().min(1).max(100).required(), url: Joi.string().uri() }).default({
        name: 'Refill',
    }),
    defaultLocale: Joi.string().valid('ru', 'en').default('ru'),
    window: Joi.object({ from: hhmm.required(), to: hhmm.required() })
        .custom((w: { from: string; to: string }, helpers) =>
            w.from < w.to ? w : helpers.error('any.invalid'),
        )
        .default({ from: '09:00', to: '21:00' }),
    caps: Joi.object({
        daily: perChannel(count(100)),
        weekly: perChannel(count(500)),
        allChannels: Joi.object({ daily: count(100), weekly: count(500) }),
        serviceDaily: perChannel(count(100)),
    }).default({}),
    minGapMinutes: Joi.number()
        .integer()
        .min(0)
        .max(7 * 24 * 60)
        .default(60),
    dailyCaps: perChannel(count(100)),
    monthlyMarketingCap: Joi.number().integer().min(0).max(1000).default(8),
    quietDaysAfterPurchase: Joi.number().integer().min(0).max(90).default(7),
    costs: perChannel(Joi.number().integer().min(0).max(1_000_000)).default({
        push: 0,
        telegram: 0,
        email: 10,
        viber: 150,
        whatsapp: 200,
        sms: 300,
    }),
    waits: perChannel(
        Joi.number()
            .integer()
            .min(1)
            .max(60 * 24 * 14),
    ).default({ push: 240, telegram: 240, viber: 240, whatsapp: 240, email: 1440, sms: 1440 }),
    awaitRead: Joi.array().items(channel).unique().default([]),
    reliableChannel: channel.default('sms'),
    serviceChannels: Joi.array().items(channel).min(1).unique().default(['push', 'telegram', 'email', 'sms']),
    offerExpiryReminderDays: Joi.number().integer().min(1).max(14).default(3),
    bonusExpiryNoticeDays: Joi.number().integer().min(1).max(60).default(7),
    bonusExpiryMinAmount: Joi.number().integer().min(0).default(10_000),
    welcome: Joi.boolean().default(true),
    balanceAfterPurchase: Joi.boolean().default(false),
    testCards: Joi.array().items(Joi.string().min(1).max(64)).max(1000).default([]),
    guard: Joi.object({
        maxRecipients: Joi.number().integer().min(1).default(1000),
        maxBasePct: Joi.number().min(0.01).max(100).default(5),
        canaryPct: Joi.number().min(0.1).max(100).default(5),
        canaryMin: Joi.number().integer().min(1).default(20),
        canaryHoldMinutes: Joi.number()
            .integer()
            .min(0)
            .max(60 * 24 * 7)
            .default(60),
        maxCanaryFailurePct: Joi.number().min(0).max(100).default(20),
    }).default(),
    dispatch: Joi.object({
        pageSize: Joi.number().integer().min(1).max(10_000).default(500),
        concurrency: Joi.number().integer().min(1).max(256).default(16),
        rateWaitMs: Joi.number().integer().min(0).max(60_000).default(2000),
    }).default(),
    emailEvents: Joi.object({
        secret: Joi.string().min(32).required(),
        toleranceSeconds: Joi.number().integer().min(10).max(3600).default(300),
    }),
}).custom(withCaps);

const schema = Joi.object<RefillOptions>({
    dataSource: Joi.object(),
    databaseUrl: Joi.string().pattern(/^(mysql|mariadb):\/\/|^sqlite:/),
    poolSize: Joi.number().integer().min(1).max(500).default(10),
    database: Joi.object({
        queryTimeoutMs: Joi.number().integer().min(100).max(3_600_000),
        longQueryTimeoutMs: Joi.number().integer().min(100).max(MS_PER_DAY).default(60_000),
        validateIdleMs: Joi.number().integer().min(0).max(3_600_000).default(10_000),
    }).default(),
    migrationsRun: Joi.boolean().default(true),
    timezone: timezone.default('Europe/Moscow'),
    currency: Joi.string()
        .pattern(/^[A-Z]{3}$/)
        .default('RUB')
        .messages({ 'string.pattern.base': '{{#label}} must be an ISO 4217 code such as RUB' }),
    defaultCountry: Joi.string()
        .valid(...getCountries())
        .default('RU' satisfies CountryCode),
    trustProxy,
    accrual: Joi.object({
        baseRateBp: Joi.number().integer().min(0).max(10000).default(300),
        accrueOnRedeemedPart: Joi.boolean().default(false),
        roundingUnit: Joi.number().integer().min(1).max(100000).default(1),
        lifetimeDays: Joi.number().integer().min(1).max(3650).default(365),
        pendingDays: Joi.number().integer().min(0).max(365).default(0),
    }).default(),
    redemption: Joi.object({
        maxShareBp: Joi.number().integer().min(0).max(10000).default(5000),
        refundLifetimeDays: Joi.number().integer().min(1).max(3650).default(365),
    }).default(),
    returns: Joi.object({
        shortfall: Joi.string().valid('debt', 'write-off').default('debt'),
        allowCrossStore: Joi.boolean().default(false),
    }).default(),
    pos: Joi.object({
        unknownCard: Joi.string().valid('enrol', 'reject').default('enrol'),
        requestTimeoutMs: Joi.number().integer().min(100).max(120000).default(5000),
        bodyLimit: Joi.string()
            .pattern(/^\d+(b|kb|mb)$/i)
            .default('1mb'),
        maxLines: Joi.number().integer().min(1).max(5000).default(500),
        cacheTtlMs: Joi.number().integer().min(0).max(3600000).default(10000),
        maxBackdateDays: Joi.number().integer().min(0).max(3650).default(30),
        clockSkewMs: Joi.number().integer().min(0).max(MS_PER_DAY).default(300_000),
        exposeContacts: Joi.boolean().default(false),
        cardReadsPerMinute: Joi.number().integer().min(1).max(1_000_000).default(600),
        unknownCardWarnAt: Joi.number().integer().min(1).max(1_000_000).default(50),
        unknownCardWindowMinutes: Joi.number()
            .integer()
            .min(1)
            .max(24 * 60)
            .default(10),
    }).default(),
    admin: Joi.object({
        sessionTtlHours: Joi.number()
            .integer()
            .min(1)
            .max(24 * 30)
            .default(12),
        cookieName: Joi.string()
            .pattern(/^[A-Za-z0-9_-]{1,64}$/)
            .default('refill_admin'),
        secureCookie: Joi.alternatives(Joi.boolean(), Joi.string().valid('auto')).default('auto'),
        signInAttempts: Joi.number().integer().min(1).max(1000).default(10),
        signInLockMinutes: Joi.number()
            .integer()
            .min(1)
            .max(24 * 60)
            .default(1),
        signInMaxLockMinutes: Joi.number()
            .integer()
            .min(Joi.ref('signInLockMinutes'))
            .max(7 * 24 * 60)
            .default(60),
        signInAttemptsPerIp: Joi.number().integer().min(1).max(100_000).default(50),
        managerAdjustmentLimit: Joi.number().integer().min(0).max(1_000_000_000).default(100_000),
        ui: Joi.alternatives(Joi.boolean(), Joi.string().min(1)).default(true),
    }).default(),
    jobs: Joi.object({
        process: Joi.boolean().default(true),
        agenda: Joi.object(),
        schedules: Joi.object()
            .pattern(
                Joi.string().valid(
                    'expire-bonuses',
                    'activate-pending-bonuses',
                    'campaigns-daily',
                    'messages-dispatch',
                    'message-reminders',
                    'chain-steps',
                    'chain-triggers',
                ),
                Joi.string().min(1).max(100),
            )
            .default({}),
        processEvery: Joi.alternatives(Joi.string().max(50), Joi.number().integer().min(100)).default(
            '30 seconds',
        ),
        lockLifetimeMs: Joi.number().integer().min(1000).max(MS_PER_DAY).default(600_000),
    }).default(),
    campaigns: Joi.object({
        partitionSize: Joi.number().integer().min(10).max(100_000_000).default(250_000),
        pageSize: Joi.number().integer().min(10).max(10_000).default(2000),
        concurrency: Joi.number().integer().min(1).max(32).default(2),
        rebuildBatchSize: Joi.number().integer().min(1).max(10_000).default(500),
    }).default(),
    messaging: messagingSchema.default(),
    chains: Joi.object({
        maxActiveRunsPerCustomer: Joi.number().integer().min(1).max(50).default(2),
        stepBatchSize: Joi.number().integer().min(1).max(5000).default(200),
        stepRunMs: Joi.number().integer().min(1000).max(600_000).default(50_000),
    }).default(),
    logger: Joi.object(),
    logLevel: Joi.string()
        .valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent')
        .default('info'),
    clock: Joi.function(),
})
    .xor('dataSource', 'databaseUrl')
    .messages({ 'object.missing': 'give either dataSource or databaseUrl' });

const FIXES: Record<string, string> = {
    dataSource:
        'Pass the host TypeORM DataSource as `dataSource`, or a `databaseUrl` for Refill to open its own.',
    databaseUrl: 'Use mysql://user:pass@host:3306/db, mariadb://…, sqlite:./path.sqlite or sqlite::memory:.',
    timezone: 'Use an IANA timezone name such as Europe/Moscow.',
    defaultCountry: 'Use an ISO 3166-1 alpha-2 code such as RU.',
    trustProxy:
        "Use Express's `trust proxy` values: true, a hop count, 'loopback', or IP addresses and subnets (e.g. '10.0.0.0/8').",
};

/**
 * Validates {@link RefillOptions} and fills in defaults. Throws a
 * {@link RefillConfigError} naming the first bad field and how to fix it.
 */
export function validateOptions(options: RefillOptions): RefillConfig {
    const { error, value } = schema.validate(options ?? {}, { abortEarly: true, convert: false });
    if (error) {
        const detail = error.details[0];
        const field =
            detail.path.join('.') ||
            (options?.dataSource && options?.databaseUrl ? 'dataSource' : 'dataSource');
        throw new RefillConfigError(
            field,
            detail.message.replace(/"/g, "'"),
            FIXES[field] ?? FIXES[detail.path[0] as string] ?? 'See the configuration section of the README.',
        );
    }
    const { dataSource: _d, databaseUrl: _u, logger: _l, clock: _c, ...config } = value;
    if (config.jobs) delete (config.jobs as { agenda?: unknown }).agenda;
    const result = config as RefillConfig;
    // A statement gives up a little before the POS request does, so the 503 says why.
    const requestMs = result.pos.requestTimeoutMs;
    result.database.queryTimeoutMs ??= Math.max(Math.round(requestMs * 0.8), requestMs - 1000);
    return result;
}
