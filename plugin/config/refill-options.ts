import type { Agenda } from 'agenda';
import type { RefillLogger } from '../kernel/logging/logger.port.js';
import type { DataSource } from 'typeorm';
import type { ChannelsConfig } from '../kernel/vocabulary/channel-providers.js';
import type { ContactCaps } from '../kernel/vocabulary/contact-caps.js';
import type { TrustProxy } from '../kernel/http/trust-proxy.js';

/** Express's `trust proxy` value, as the kernel's HTTP helper takes it. */
export type { TrustProxy };

/** Accrual rules: how many bonuses a purchase earns. */
export interface AccrualOptions {
    /** Base rate in basis points of the line amount (300 = 3%). Categories and SKUs can override it. Default 300. */
    baseRateBp?: number;
    /** Whether the part of a line paid with bonuses earns bonuses too. Default false. */
    accrueOnRedeemedPart?: boolean;
    /** Earned bonuses are rounded down to a multiple of this, per line (100 = whole roubles). Default 1. */
    roundingUnit?: number;
    /** Lifetime of earned bonuses in days. Default 365. */
    lifetimeDays?: number;
    /** Days before earned bonuses can be spent (0 = at once). Default 0. */
    pendingDays?: number;
}

/** Spending rules. */
export interface RedemptionOptions {
    /** The most of a receipt's eligible amount that bonuses may pay, in basis points (5000 = 50%). Default 5000. */
    maxShareBp?: number;
    /** Lifetime in days of bonuses given back by a return. Default 365. */
    refundLifetimeDays?: number;
}

/** What a return does when the bonuses it must take back were already spent. */
export interface ReturnOptions {
    /**
     * `debt` (default): the shortfall is recorded as the customer's debt and taken from
     * their next accruals before anything reaches their balance. `write-off`: the
     * shortfall is recorded in the ledger and forgiven. The balance never goes negative.
     */
    shortfall?: 'debt' | 'write-off';
    /** Whether a key of another store may return a receipt. Default false (403). */
    allowCrossStore?: boolean;
}

/** POS API behaviour. */
export interface PosOptions {
    /** `enrol` (default): an unknown card is enrolled without consents. `reject`: 404. */
    unknownCard?: 'enrol' | 'reject';
    /** A POS request not answered in this many ms gets a 503 (it is safe to retry). Default 5000. */
    requestTimeoutMs?: number;
    /** Largest accepted request body (express size string). Default '1mb': a 500-line receipt with long names fits. */
    bodyLimit?: string;
    /** Most lines on one receipt. Default 500. */
    maxLines?: number;
    /** How long a verified POS key, the catalogue and categories are cached, ms. Default 10000. */
    cacheTtlMs?: number;
    /**
     * How many days back a till may date a sale (`purchasedAt`). Older sales are a 400: load them with the
     * history import, which has its own, wider bound. Default 30.
     */
    maxBackdateDays?: number;
    /** How far ahead of Refill's clock a till's clock may run (sale, return and consent times), ms. Default 300000. */
    clockSkewMs?: number;
    /**
     * Whether POS responses carry whole contacts (phone, email, Telegram chat id, push token).
     * Default false: masked (`+7 916 ***-**-67`, `i***@example.com`, `***`).
     */
    exposeContacts?: boolean;
    /** Reads by card (customer, balance, enrol/update, preview with a card) one POS key may make per minute; then 429. Default 600. */
    cardReadsPerMinute?: number;
    /** Unknown-card lookups by one POS key within `unknownCardWindowMinutes` that are logged as a possible enumeration. Default 50. */
    unknownCardWarnAt?: number;
    /** The window unknown-card lookups are counted in, minutes. Default 10. */
    unknownCardWindowMinutes?: number;
}

/**
 * How Refill guards its MySQL/MariaDB connections against a dead network
 * (a failover, a NAT that dropped its state). Ignored on SQLite.
 */
export interface DatabaseConnectionOptions {
    /**
     * Time limit of each statement Refill runs, and of taking a connection from the pool, ms.
     * A statement that passes it gets its connection destroyed (never returned to the pool)
     * and its server session killed. Default: `pos.requestTimeoutMs` less 1000 (4000).
     */
    queryTimeoutMs?: number;
    /** The same for what works in large batches: jobs, imports, campaigns, messaging, maintenance, ms. Default 60000. */
    longQueryTimeoutMs?: number;
    /** A pooled connection idle longer than this is pinged before use, ms. Default 10000. */
    validateIdleMs?: number;
}

/** Admin API sign-in and sessions. */
export interface AdminOptions {
    /** Hours a session lives after its last use. Default 12. */
    sessionTtlHours?: number;
    /** Name of the session cookie. Default 'refill_admin'. */
    cookieName?: string;
    /** `auto` (default): Secure cookies when the request came over HTTPS; or always/never. */
    secureCookie?: 'auto' | boolean;
    /** Failed sign-ins of one account (its normalised username, from any IP) before it is locked. Default 10. */
    signInAttempts?: number;
    /** The first lock of an account, minutes; each further failure doubles it. Default 1. */
    signInLockMinutes?: number;
    /** The longest lock of an account, minutes. Default 60. */
    signInMaxLockMinutes?: number;
    /** Failed sign-ins from one client IP, across usernames, per 15 minutes (password spraying). Default 50. */
    signInAttemptsPerIp?: number;
    /**
     * The largest manual adjustment (credit or debit) a store manager may make
     * at the store desk, in minor units like every amount; admins are not
     * limited. Default 100000 (1000 bonuses of one rouble).
     */
    managerAdjustmentLimit?: number;
    /**
     * The admin UI at `<prefix>/admin/`: `true` (default) serves the UI built into Refill's package
     * (`admin-ui/dist`), a path serves a build from that folder, `false` serves none (the API stays).
     */
    ui?: boolean | string;
}

/** Chronic-lapse campaigns: how the daily selection splits its work. */
export interface CampaignOptions {
    /**
     * Customers (by id range) per selection job. A base larger than this is
     * split into several range jobs that any number of workers run in
     * parallel. Default 250000.
     */
    partitionSize?: number;
    /** Candidates read and written per page (one transaction each). Default 2000. */
    pageSize?: number;
    /** Range jobs one worker runs at once. Default 2. */
    concurrency?: number;
    /**
     * Customers per batch (one short transaction) of a category rebuild; its
     * line re-mapping reads ten times as many lines per batch. Default 500.
     */
    rebuildBatchSize?: number;
}

/** Trigger chains: how many runs a customer may have at once, and how the step job works. */
export interface ChainOptions {
    /** Active (unfinished, test-group) runs one customer may have at once across all chains. Default 2. */
    maxActiveRunsPerCustomer?: number;
    /** Due runs the `chain-steps` job claims per batch (one transaction per step). Default 200. */
    stepBatchSize?: number;
    /** How long one `chain-steps` run works before it re-enqueues itself for what remains, ms. Default 50000. */
    stepRunMs?: number;
}

/** The mass-send guard: large campaign runs wait for a second admin and go to a canary slice first. */
export interface SendGuardOptions {
    /** A run above this many recipients needs approval. Default 1000. */
    maxRecipients?: number;
    /** …or above this share of all customers, percent. Default 5. */
    maxBasePct?: number;
    /** The canary slice, percent of the run (at least `canaryMin`). Default 5. */
    canaryPct?: number;
    /** Smallest canary slice. Default 20. */
    canaryMin?: number;
    /** How long the canary runs before the rest is released, minutes. Default 60. */
    canaryHoldMinutes?: number;
    /** The rest is held (canary_failed) when more canary messages failed than this, percent. Default 20. */
    maxCanaryFailurePct?: number;
}

/** Caps on the messages one customer gets (see {@link MessagingOptions.caps}). */
export interface MessagingCapsOptions {
    /** Marketing messages per channel per local day. */
    daily?: Record<string, number>;
    /** Marketing messages per channel in any 7 days. */
    weekly?: Record<string, number>;
    /** Marketing messages over all channels, per local day and in any 7 days. */
    allChannels?: { daily?: number; weekly?: number };
    /** Service messages per channel per local day. */
    serviceDaily?: Record<string, number>;
}

/** Reminders: channels, contact policy, cascades and the jobs that send them. */
export interface MessagingOptions {
    /** Provider per channel; channels not listed write to the outbox (nothing leaves the machine). */
    channels?: ChannelsConfig;
    /** Public base URL of Refill's router (where it is mounted), for unsubscribe links. */
    publicUrl?: string;
    /** Secret for unsubscribe links and callback URLs (32+ chars); generated and kept in the database when absent. */
    secret?: string;
    /** The chain as messages name it. */
    chain?: { name: string; url?: string };
    /** Language of customers without one. Default 'ru'. */
    defaultLocale?: 'ru' | 'en';
    /** Sending hours `{ from: '09:00', to: '21:00' }` in the customer's timezone. */
    window?: { from: string; to: string };
    /**
     * How many messages a customer may get. Channels left out keep their
     * defaults. Marketing: per channel per local day (sms 3, email 2, push,
     * telegram, viber, whatsapp 3) and in any 7 days (sms, email, viber,
     * whatsapp 5, push and telegram 7); over all channels 4 a day and 10 in 7
     * days. Service messages (bonus expiry, balance, welcome) have their own
     * daily cap per channel (`serviceDaily`: sms, email, viber, whatsapp 5,
     * push and telegram 10), which never holds a notice past its deadline.
     */
    caps?: MessagingCapsOptions;
    /** Minutes between two marketing messages to one customer, whatever their channels. Default 60. */
    minGapMinutes?: number;
    /** The former name of `caps.daily` (still read; `caps.daily` wins per channel). */
    dailyCaps?: Record<string, number>;
    /** Marketing messages per local month. Default 8. */
    monthlyMarketingCap?: number;
    /** No marketing for this many days after a purchase. Default 7. */
    quietDaysAfterPurchase?: number;
    /** Estimated cost of one message per channel (minor units): cascades go cheapest first. */
    costs?: Record<string, number>;
    /** Minutes a cascade step waits for delivery, per channel. */
    waits?: Record<string, number>;
    /** Channels whose step waits for a read, not a delivery. Default none. */
    awaitRead?: string[];
    /** The channel a deadline-bound cascade jumps to when time runs out. Default 'sms'. */
    reliableChannel?: string;
    /** Channels of service messages (bonus expiry, welcome, balance). Default push, telegram, email, sms. */
    serviceChannels?: string[];
    /** Days before a campaign offer ends to remind a customer who has not bought the category. Default 3. */
    offerExpiryReminderDays?: number;
    /** Days before bonuses burn to tell the customer. Default 7. */
    bonusExpiryNoticeDays?: number;
    /** Smallest expiring amount worth a notice, minor units. Default 10000. */
    bonusExpiryMinAmount?: number;
    /** Send a welcome message to new customers. Default true. */
    welcome?: boolean;
    /** Send the balance after every purchase. Default false. */
    balanceAfterPurchase?: boolean;
    /** Test mode for every message: while non-empty, only these cards get messages. */
    testCards?: string[];
    guard?: SendGuardOptions;
    /**
     * Due cascades read per page, and sends in flight at once (defaults 500
     * and 16); `rateWaitMs`: when a provider's send-rate limit deferred steps
     * and its next window opens within this many ms, the run waits for it
     * instead of leaving them to the next run (default 2000; 0 never waits).
     */
    dispatch?: { pageSize?: number; concurrency?: number; rateWaitMs?: number };
    /**
     * The email provider's bounce and complaint webhook (`POST
     * <router>/messaging/email-events`): `secret` (32+ characters) signs
     * `<unix seconds>.<raw body>` with HMAC-SHA256 in `X-Refill-Signature:
     * t=…,v1=<hex>`; `toleranceSeconds` (default 300) is the replay window.
     * Unset: the route answers 404.
     */
    emailEvents?: { secret: string; toleranceSeconds?: number };
}

/** Refill's scheduled jobs (expire-bonuses, activate-pending-bonuses, …). */
export interface JobsOptions {
    /**
     * Whether this instance runs jobs. Several instances may: the job locks in
     * the database make each occurrence run once. Default true.
     */
    process?: boolean;
    /**
     * An Agenda the host already runs (on MongoDB, PostgreSQL, Redis…): Refill
     * then only defines and schedules its jobs on it, and the host starts and
     * stops it. By default Refill runs its own Agenda over its SQL backend.
     */
    agenda?: Agenda;
    /** Schedule per job name: a cron expression in the chain's timezone, or an interval ("15 minutes"). */
    schedules?: Record<string, string>;
    /** How often due jobs are looked for. Default '30 seconds'. */
    processEvery?: string | number;
    /** After how long without a sign of life a running job is taken over by another worker, ms. Default 600000. */
    lockLifetimeMs?: number;
}

/**
 * Everything a host configures when it creates Refill. Validated once at
 * start-up; a mistake fails with `REFILL_CONFIG_INVALID` naming the field.
 *
 * @example
 * const refill = createRefill({ dataSource: hostDataSource, timezone: 'Europe/Moscow' });
 * app.use('/loyalty', refill.router);
 */
export interface RefillOptions {
    /** The host's TypeORM DataSource (MySQL/MariaDB or better-sqlite3). Refill never closes it. */
    dataSource?: DataSource;
    /**
     * Or a URL for Refill to open its own: `mysql://user:pass@host:3306/db`,
     * `mariadb://…`, `sqlite:./data/refill.sqlite` or `sqlite::memory:`.
     */
    databaseUrl?: string;
    /** Connections in Refill's own MySQL pool. Default 10. */
    poolSize?: number;
    /** Time limits and checks of MySQL/MariaDB connections. */
    database?: DatabaseConnectionOptions;
    /** Apply pending Refill migrations in `start()`. Default true. */
    migrationsRun?: boolean;
    /** The chain's IANA timezone: schedules and day boundaries. Default 'Europe/Moscow'. */
    timezone?: string;
    /** Country for phone numbers given without a country code (ISO 3166 alpha-2). Default 'RU'. */
    defaultCountry?: string;
    /** ISO 4217 currency of every amount (kept in its minor units); bonuses count in it too. Default 'RUB'. */
    currency?: string;
    /**
     * Which proxies in front of Refill to trust for the client IP (`X-Forwarded-For`) and
     * scheme (`X-Forwarded-Proto`): any value of Express's `trust proxy` setting (`true`, a
     * hop count, `'loopback'`, addresses or subnets). Unset: Refill's routes follow the host
     * app's own `trust proxy` setting (false in a new Express app). Set: it applies to
     * Refill's routes only, whatever the host app trusts.
     */
    trustProxy?: TrustProxy;
    accrual?: AccrualOptions;
    redemption?: RedemptionOptions;
    returns?: ReturnOptions;
    pos?: PosOptions;
    admin?: AdminOptions;
    jobs?: JobsOptions;
    campaigns?: CampaignOptions;
    messaging?: MessagingOptions;
    chains?: ChainOptions;
    /**
     * A logger to log through: pino's, or any object with `debug`, `info`, `warn`, `error`
     * (fields, then a message) and `child` ({@link RefillLogger}). Refill makes its own pino logger otherwise.
     */
    logger?: RefillLogger;
    /** Log level of Refill's own logger. Default 'info' ('silent' in tests). */
    logLevel?: string;
    /** Source of the current time (tests pass a fixed clock). */
    clock?: () => Date;
}

/** {@link RefillOptions} after validation, with every default filled in. */
export interface RefillConfig {
    timezone: string;
    defaultCountry: string;
    currency: string;
    /** Absent when the host app's setting applies. */
    trustProxy?: TrustProxy;
    poolSize: number;
    database: Required<DatabaseConnectionOptions>;
    migrationsRun: boolean;
    accrual: Required<AccrualOptions>;
    redemption: Required<RedemptionOptions>;
    returns: Required<ReturnOptions>;
    pos: Required<PosOptions>;
    admin: Required<AdminOptions>;
    jobs: Required<Omit<JobsOptions, 'agenda'>>;
    campaigns: Required<CampaignOptions>;
    messaging: Required<
        Omit<MessagingOptions, 'publicUrl' | 'secret' | 'guard' | 'dispatch' | 'caps' | 'dailyCaps'>
    > &
        Pick<MessagingOptions, 'publicUrl' | 'secret'> & {
            caps: ContactCaps;
            guard: Required<SendGuardOptions>;
            dispatch: Required<NonNullable<MessagingOptions['dispatch']>>;
        };
    chains: Required<ChainOptions>;
    logLevel: string;
}
