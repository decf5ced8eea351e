import type { Router } from 'express';
import { refillMigrations } from '../migrations/index.js';
import { createRefillRouter } from './api/create-refill-router.js';
import type { RefillOptions } from './config/refill-options.js';
import { validateOptions } from './config/validate-options.js';
import { Database } from './kernel/db/database.js';
import { createDataSourceFromUrl } from './kernel/db/data-source.factory.js';
import { refillEntities } from './refill-entities.js';
import { closeDataSource, settleWithin } from './kernel/db/close-data-source.js';
import { MigrationRunner } from './kernel/db/migration-runner.js';
import { createLogger } from './kernel/logging/logger.js';
import { createScheduler } from './refill-scheduler.factory.js';
import { createRefillHooks, type RefillHooks } from './refill-hooks.js';
import { RefillAdmin } from './refill-admin.facade.js';
import { bindRefillInternals, type RefillServices } from './refill-internals.js';
import {
    CustomSegmentMembersQuery,
    CustomSegmentRulesService,
    CustomSegmentService,
    HomeStoreRefresher,
    SqlSegmentMembersReader,
} from './modules/segments/index.js';
import {
    AdminAuthService,
    AdminSignInGuard,
    AdminSignInRepository,
    AdminTokenService,
    AdminUserRepository,
    AdminUserService,
    AdminUserStoreRepository,
    AuditLogQuery,
    AuditLogService,
    PosKeyService,
    StoreService,
} from './modules/admin/index.js';
import { JobControlService } from './kernel/jobs/job-control.service.js';
import { CatalogService, CategoryRebuildService, ChronicCategoryService } from './modules/catalog/index.js';
import {
    CampaignMemberListQuery,
    CampaignMembersService,
    CampaignMessagingQuery,
    CampaignOffersReader,
    CampaignPlanHistoryService,
    CampaignPlanningService,
    CampaignReportQuery,
    CampaignReportService,
    CampaignSelectionService,
    CampaignService,
    CustomerCampaignsQuery,
    CustomerCampaignsService,
    LapseHistoryQuery,
    OfferService,
} from './modules/campaigns/index.js';
import { createMessaging, MessageDayCountsQuery, subscribeMessaging } from './modules/messaging/index.js';
import { CampaignUpliftCache } from './api/dashboard/campaign-uplift.cache.js';
import { DashboardService } from './api/dashboard/dashboard.service.js';
import { CampaignEstimateService } from './api/campaign-editor/campaign-estimate.service.js';
import { CampaignMessagePreviewService } from './api/campaign-editor/campaign-message-preview.service.js';
import { CampaignOverviewService } from './api/campaign-editor/campaign-overview.service.js';
import { EventBus } from './kernel/events/event-bus.js';
import { systemClock, type Clock } from './kernel/clock.js';
import {
    CardReplacementService,
    CustomerCardService,
    CustomerDeskService,
    CustomerSearchQuery,
    CustomerService,
} from './modules/customers/index.js';
import {
    CustomerHistoryQuery,
    CustomerHistoryService,
    DailyFiguresRepository,
    DailyFiguresService,
    LedgerAdjustmentService,
    LedgerBalanceReader,
    LotMaintenanceService,
    PurchaseService,
    ReturnService,
} from './modules/ledger/index.js';
import { HistoryImportService } from './modules/import/index.js';
import {
    ChainAdminService,
    ChainReportQuery,
    ChainReportService,
    ChainOwnedKindsReader,
    ChainRepository,
    ChainSegmentUsageReader,
    GlobalControlService,
    ProgramRevenueQuery,
    ShippedChainsService,
} from './modules/chains/index.js';
import { createRepositories, type Repositories } from './refill-repositories.js';
import { HealthService } from './kernel/db/health.service.js';
import {
    LifecycleClassificationService,
    LifecycleFlowQuery,
    LifecycleReportService,
    LifecycleSettingsService,
} from './modules/segments/index.js';
import { createChainEngine, subscribeChains } from './modules/chains/index.js';

export type { RefillHooks } from './refill-hooks.js';

/** A running (or ready to start) Refill instance. */
export interface Refill {
    /** Mount it under any prefix: `app.use('/loyalty', refill.router)`. */
    readonly router: Router;
    readonly hooks: RefillHooks;
    /** Stores, POS keys, admin users, categories, campaigns and jobs for a host's scripts (audited). */
    readonly admin: RefillAdmin;
    /** Applies pending Refill migrations; returns their names. */
    migrate(): Promise<string[]>;
    /**
     * Opens Refill's own DataSource if it has one, applies migrations (unless
     * disabled), schedules the jobs and, if configured, runs them. Safe to call twice.
     */
    start(): Promise<void>;
    /**
     * Stops Refill's jobs and releases what Refill opened; never the host's DataSource or Agenda.
     * Readiness answers `draining` from the first call. Finishes within a few seconds even when
     * the database is unreachable. Safe to call twice.
     */
    stop(): Promise<void>;
}

/** The longest `stop()` waits for the jobs to stop, and then for its own database to close, ms. */
const STOP_STEP_MS = 2000;

/**
 * Creates Refill: the one composition root. Validates the options, builds
 * the repositories and services over one database, and the router and hooks
 * over the services.
 *
 * @example
 * const refill = createRefill({ dataSource, timezone: 'Europe/Moscow' });
 * await refill.start();
 * app.use('/loyalty', refill.router);
 */
export function createRefill(options: RefillOptions): Refill {
    const config = validateOptions(options);
    const logger = options.logger ?? createLogger(config.logLevel);
    const clock: Clock = options.clock ?? systemClock;
    const ownsDataSource = !options.dataSource;
    const dataSource =
        options.dataSource ??
        createDataSourceFromUrl({
            url: options.databaseUrl as string,
            poolSize: config.poolSize,
            entities: refillEntities,
        });
    const database = new Database(dataSource, {
        queryTimeoutMs: config.database.queryTimeoutMs,
        validateIdleMs: config.database.validateIdleMs,
        logger,
    });
    // Jobs, imports, campaigns and messaging work in large batches: the same database
    // (pool, locks, checks) with the long statement time limit. The POS path keeps the short one.
    const longDb = database.withQueryTimeout(config.database.longQueryTimeoutMs);
    const longRepos = createRepositories(longDb);
    const repos: Repositories = {
        ...createRepositories(database),
        // Their own reads page through large sets for jobs and messaging: the long limit too.
        candidates: longRepos.candidates,
        reminders: longRepos.reminders,
        cascades: longRepos.cascades,
        sendBatches: longRepos.sendBatches,
        messages: longRepos.messages,
    };
    const ttl = config.pos.cacheTtlMs;
    // One bus per instance: the ledger and campaigns say what happened, messaging reacts in their transactions.
    const events = new EventBus(logger);
    subscribeMessaging(events, repos.cascades, config.messaging);

    // Rebuilds are enqueued on the scheduler, which is built from the services below (bound late).
    const categoryRebuilds = new CategoryRebuildService(
        longDb,
        repos,
        config,
        clock,
        (categoryId, generation) =>
            scheduler.enqueue('category-rebuild', { categoryId, generation }, ['categoryId', 'generation']),
        logger,
    );
    const catalog = new CatalogService(database, repos.catalog, clock, ttl, categoryRebuilds);
    const stores = new StoreService(database, repos.stores, repos.audit, clock, ttl);
    const campaigns = new CampaignService(longDb, repos, catalog, clock);
    const campaignSelection = new CampaignSelectionService(longDb, repos, catalog, config, clock, events);
    const campaignReports = new CampaignReportService(longDb, repos, campaigns, catalog, clock, {
        costs: new CampaignReportQuery(),
        messaging: new CampaignMessagingQuery(),
    });
    const chainRepo = new ChainRepository(longDb);
    // The built-in welcome and bonus-expiry reminders step aside while an active chain sends that kind.
    const messaging = createMessaging(
        longDb,
        repos,
        config,
        () => catalog.categories(),
        clock,
        new ChainOwnedKindsReader(longDb, chainRepo),
        events,
    );
    // Trigger chains: entered and ended in the sale's and the segment job's transactions, stepped by jobs.
    // Segment rules count and page through every customer: the long statement limit.
    const segmentRules = new CustomSegmentRulesService(longDb, repos.stores, clock);
    const segmentQuery = new CustomSegmentMembersQuery(longDb);
    const segmentMembers = new SqlSegmentMembersReader(longDb, repos.segments, segmentRules, segmentQuery);
    const chains = createChainEngine({ db: longDb, repos, config, clock, logger, members: segmentMembers });
    subscribeChains(events, chains.goals, chains.triggers);
    const adminUsers = new AdminUserRepository(database);
    const userStores = new AdminUserStoreRepository(database);
    const adminAuth = new AdminAuthService(
        database,
        adminUsers,
        repos.audit,
        clock,
        config.admin.sessionTtlHours,
        new AdminSignInGuard(database, new AdminSignInRepository(database), clock, config, logger),
        userStores,
    );
    const figures = new DailyFiguresRepository(longDb);
    const lifecycleSettings = new LifecycleSettingsService(database, repos.settings, repos.audit, clock);
    const lifecycleThresholds = () => lifecycleSettings.thresholds();
    const base: Omit<
        RefillServices,
        'jobs' | 'health' | 'dashboard' | 'campaignOverview' | 'campaignEstimates' | 'campaignPreviews'
    > = {
        catalog,
        stores,
        customers: new CustomerService(
            database,
            repos.customers,
            repos.consents,
            new LedgerBalanceReader(database, repos.lots),
            new CampaignOffersReader(database, repos.offers, catalog),
            config,
            clock,
            repos.audit,
        ),
        customerDesk: new CustomerDeskService(database, repos, config, clock),
        cardReplacements: new CardReplacementService(database, repos, clock),
        customerCards: new CustomerCardService(
            database,
            new CustomerSearchQuery(database),
            repos.consents,
            repos.replacements,
            config.defaultCountry,
        ),
        customerHistory: new CustomerHistoryService(
            database,
            repos.customers,
            repos.lots,
            new CustomerHistoryQuery(database),
            repos.offers,
            clock,
        ),
        customerCampaigns: new CustomerCampaignsService(
            database,
            repos.customers,
            new CustomerCampaignsQuery(database),
            clock,
        ),
        purchases: new PurchaseService(database, repos, catalog, config, clock, events),
        returns: new ReturnService(database, repos, stores, config, clock, events),
        posKeys: new PosKeyService(database, repos.posKeys, repos.stores, repos.audit, clock, ttl),
        adjustments: new LedgerAdjustmentService(database, repos, config, clock),
        offers: new OfferService(longDb, repos, catalog, clock),
        history: new HistoryImportService(longDb, repos, catalog, config, clock),
        maintenance: new LotMaintenanceService(longDb, repos, config, clock),
        dailyFigures: new DailyFiguresService(longDb, figures, config.timezone, clock),
        adminAuth,
        adminUsers: new AdminUserService(
            database,
            { users: adminUsers, userStores, stores: repos.stores, audit: repos.audit },
            adminAuth,
            clock,
        ),
        auditLog: new AuditLogService(new AuditLogQuery(database)),
        adminTokens: new AdminTokenService(database, repos, adminUsers, clock),
        categories: new ChronicCategoryService(
            longDb,
            repos,
            catalog,
            categoryRebuilds,
            config.timezone,
            clock,
        ),
        categoryRebuilds,
        campaigns,
        campaignSelection,
        campaignReports,
        campaignMembers: new CampaignMembersService(
            longDb,
            new CampaignMemberListQuery(longDb),
            campaigns,
            repos.audit,
            clock,
        ),
        campaignPlanning: new CampaignPlanningService(
            campaigns,
            campaignSelection,
            campaignReports,
            catalog,
            new CampaignPlanHistoryService(new LapseHistoryQuery(longDb), config.timezone, clock),
            messaging.spread,
        ),
        customSegments: new CustomSegmentService(
            longDb,
            repos.segments,
            segmentRules,
            segmentQuery,
            repos.audit,
            new ChainSegmentUsageReader(longDb, chainRepo),
            clock,
        ),
        segmentMembers,
        homeStores: new HomeStoreRefresher(longDb, repos.homeStores, config.timezone, clock),
        messageSender: messaging.sender,
        outbox: messaging.outbox,
        templates: messaging.templates,
        renderer: messaging.renderer,
        dispatcher: messaging.dispatcher,
        sendGuard: messaging.sendGuard,
        sendReview: messaging.sendReview,
        reminders: messaging.reminders,
        inbound: messaging.inbound,
        emailEvents: messaging.emailEvents,
        contactPolicy: messaging.contactPolicy,
        channelStatus: messaging.channelStatus,
        messageLog: messaging.messageLog,
        lifecycleClassification: new LifecycleClassificationService(
            longDb,
            longRepos.lifecycle,
            longRepos.segmentSizes,
            repos.settings,
            lifecycleThresholds,
            events,
            config.timezone,
            clock,
            segmentMembers,
        ),
        lifecycleSettings,
        lifecycleReports: new LifecycleReportService(
            database,
            repos.lifecycle,
            repos.segmentSizes,
            new LifecycleFlowQuery(longDb),
            repos.customers,
            lifecycleThresholds,
            config.timezone,
            clock,
        ),
        chains,
    };
    const scheduler = createScheduler(longDb, repos, base, config, clock, logger, options.jobs?.agenda);
    const jobs = new JobControlService(scheduler, database, repos.audit, clock);
    // One cache of campaign reports for the dashboard and the campaign list.
    const campaignFigures = new CampaignUpliftCache(campaigns, campaignReports, clock, logger);
    const services: RefillServices = {
        ...base,
        jobs,
        dashboard: new DashboardService(
            {
                // The dashboard reads small pre-aggregated tables: the POS statement limit is plenty.
                figures: new DailyFiguresRepository(database),
                stores,
                campaigns: campaignFigures,
                messages: new MessageDayCountsQuery(database),
                jobs,
            },
            { timezone: config.timezone, currency: config.currency },
            clock,
        ),
        health: new HealthService(database, logger),
        campaignOverview: new CampaignOverviewService(campaigns, campaignFigures),
        campaignEstimates: new CampaignEstimateService(
            {
                campaigns,
                campaignSelection,
                campaignPlanning: base.campaignPlanning,
                templates: messaging.templates,
            },
            config,
        ),
        campaignPreviews: new CampaignMessagePreviewService(
            database,
            {
                campaigns,
                campaignSelection,
                catalog,
                renderer: messaging.renderer,
                customerByCard: (card) => repos.customers.findByCard(database, card),
                customerById: (id) => repos.customers.findById(database, id),
                providers: messaging.providers,
                audit: repos.audit,
            },
            config,
            clock,
        ),
    };
    // Trigger chains for marketers and the program's global control group (the engine is wired apart).
    const chainAdmin = new ChainAdminService(
        longDb,
        { audit: repos.audit, chains: chainRepo, figures: new ChainReportQuery(longDb) },
        catalog,
        clock,
        {
            segmentIds: async () => new Set((await repos.segments.listLive(longDb)).map((s) => s.id)),
        },
        () => chains.chains.invalidate(),
    );
    const shippedChains = new ShippedChainsService(longDb, { audit: repos.audit, chains: chainRepo }, clock);
    const chainApi = {
        chainAdmin,
        chainReports: new ChainReportService(chainAdmin, new ChainReportQuery(longDb), clock),
        globalControl: new GlobalControlService(
            longDb,
            { audit: repos.audit, settings: repos.settings, revenue: new ProgramRevenueQuery(longDb) },
            clock,
        ),
    };
    const router = createRefillRouter(
        {
            ...services,
            ...chainApi,
            messages: repos.messages,
            cascades: repos.cascades,
            findCustomer: (card) => repos.customers.findByCard(database, card),
        },
        config,
        logger,
    );
    const migrations = new MigrationRunner(dataSource, refillMigrations);
    const hooks = createRefillHooks(services, config.pos.maxLines);

    let started: Promise<void> | null = null;
    let stopped = false;
    const refill: Refill = {
        router,
        hooks,
        admin: new RefillAdmin(services),
        async migrate() {
            if (ownsDataSource && !dataSource.isInitialized) await dataSource.initialize();
            const applied = await migrations.up();
            // The shipped chains, as drafts a marketer switches on (once per key; edits are kept).
            await shippedChains.seed();
            return applied;
        },
        start() {
            started ??= (async () => {
                if (ownsDataSource && !dataSource.isInitialized) await dataSource.initialize();
                if (config.migrationsRun) {
                    const applied = await migrations.up();
                    if (applied.length) logger.info({ applied }, 'applied Refill migrations');
                }
                // The shipped chains, as drafts a marketer switches on (once per key; edits are kept).
                await shippedChains.seed();
                await scheduler.start();
                // Rebuilds whose enqueue was lost or whose worker died go back on the queue.
                await services.categoryRebuilds.onStart();
            })();
            return started;
        },
        async stop() {
            if (stopped) return;
            stopped = true;
            services.health.markDraining();
            await started?.catch(() => undefined);
            // On a dead database neither may ever finish: each gets a few seconds.
            if (!(await settleWithin(scheduler.stop(), STOP_STEP_MS)))
                logger.warn({ timeoutMs: STOP_STEP_MS }, 'the jobs did not stop in time');
            database.close();
            if (ownsDataSource) await closeDataSource(dataSource, STOP_STEP_MS, logger);
        },
    };
    return bindRefillInternals(refill, {
        services,
        dataSource,
        database,
        repositories: repos,
        config,
        logger,
        scheduler,
        clock,
    });
}
