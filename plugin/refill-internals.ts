import type { RefillLogger } from './kernel/logging/logger.port.js';
import type { DataSource } from 'typeorm';
import type { RefillConfig } from './config/refill-options.js';
import type { Clock } from './kernel/clock.js';
import type { Database } from './kernel/db/database.js';
import type { HealthService } from './kernel/db/health.service.js';
import type { JobControlService } from './kernel/jobs/job-control.service.js';
import type { RefillScheduler } from './kernel/jobs/refill-scheduler.js';
import type {
    AdminAuthService,
    AdminTokenService,
    AdminUserService,
    AuditLogService,
    PosKeyService,
    StoreService,
} from './modules/admin/index.js';
import type {
    CampaignMembersService,
    CampaignPlanningService,
    CampaignReportService,
    CampaignSelectionService,
    CampaignService,
    CustomerCampaignsService,
    OfferService,
} from './modules/campaigns/index.js';
import type {
    CatalogService,
    CategoryRebuildService,
    ChronicCategoryService,
} from './modules/catalog/index.js';
import type {
    CardReplacementService,
    CustomerCardService,
    CustomerDeskService,
    CustomerService,
} from './modules/customers/index.js';
import type { HistoryImportService } from './modules/import/index.js';
import type {
    CustomerHistoryService,
    DailyFiguresService,
    LedgerAdjustmentService,
    LotMaintenanceService,
    PurchaseService,
    ReturnService,
} from './modules/ledger/index.js';
import type {
    CascadeDispatcher,
    ChannelStatusService,
    ContactPolicyService,
    EmailEventsService,
    InboundMessagesService,
    MessageLogService,
    MessageSender,
    ReminderPlannerService,
    SendGuardService,
    SendReviewService,
    SqlOutboxStore,
    TemplateRenderer,
    TemplateService,
} from './modules/messaging/index.js';
import type { Repositories } from './refill-repositories.js';
import type {
    LifecycleClassificationService,
    LifecycleReportService,
    LifecycleSettingsService,
    CustomSegmentService,
    HomeStoreRefresher,
    SqlSegmentMembersReader,
} from './modules/segments/index.js';
import type { DashboardService } from './api/dashboard/dashboard.service.js';
import type { CampaignEstimateService } from './api/campaign-editor/campaign-estimate.service.js';
import type { CampaignMessagePreviewService } from './api/campaign-editor/campaign-message-preview.service.js';
import type { CampaignOverviewService } from './api/campaign-editor/campaign-overview.service.js';
import type { ChainEngine } from './modules/chains/index.js';

/** Every service the composition root builds: for the CLI, the admin API, the demo and tests, never for hosts. */
export interface RefillServices {
    catalog: CatalogService;
    customers: CustomerService;
    /** The store desk: contacts, consents, block and unblock of a customer (audited). */
    customerDesk: CustomerDeskService;
    /** The store desk: card replacement (audited, idempotent by key). */
    cardReplacements: CardReplacementService;
    /** The store desk's customer search and customer card. */
    customerCards: CustomerCardService;
    /** The store desk's read of a customer's lots, ledger and receipts. */
    customerHistory: CustomerHistoryService;
    /** The store desk's read of a customer's offers and campaign memberships. */
    customerCampaigns: CustomerCampaignsService;
    purchases: PurchaseService;
    returns: ReturnService;
    posKeys: PosKeyService;
    stores: StoreService;
    adjustments: LedgerAdjustmentService;
    offers: OfferService;
    history: HistoryImportService;
    maintenance: LotMaintenanceService;
    /** Keeps the dashboard's daily figures and members snapshot (the `daily-figures` job). */
    dailyFigures: DailyFiguresService;
    adminAuth: AdminAuthService;
    /** Admin users for admins: list, create, change, reset passwords (audited). */
    adminUsers: AdminUserService;
    /** The audit log for people: filtered pages and the CSV export. */
    auditLog: AuditLogService;
    adminTokens: AdminTokenService;
    categories: ChronicCategoryService;
    /** Rebuilds of categories' line mapping and statistics from the stored history, with progress. */
    categoryRebuilds: CategoryRebuildService;
    campaigns: CampaignService;
    campaignSelection: CampaignSelectionService;
    campaignReports: CampaignReportService;
    /** A campaign's members: the paginated list and the audited CSV export. */
    campaignMembers: CampaignMembersService;
    campaignPlanning: CampaignPlanningService;
    /** Sends a message exactly once through a provider, recording the policy verdict and the cost. */
    messageSender: MessageSender;
    /** The outbox the standalone default provider writes to. */
    outbox: SqlOutboxStore;
    /** Message templates: saved overrides over the shipped files, edited and previewed through the admin API. */
    templates: TemplateService;
    /** Renders message templates (one Handlebars instance per Refill instance). */
    renderer: TemplateRenderer;
    /** The cascade engine: sends every due reminder step, cheapest usable channel first. */
    dispatcher: CascadeDispatcher;
    /** The mass-send guard: approval by a second admin, canary slice, kill switch, test mode. */
    sendGuard: SendGuardService;
    /** What the approver of a held campaign run sees: size, bill, the first recipients' messages. */
    sendReview: SendReviewService;
    /** Plans offer-expiry reminders, bonus-expiry notices and welcomes. */
    reminders: ReminderPlannerService;
    /** Delivery reports, unsubscribe links and STOP replies. */
    inbound: InboundMessagesService;
    /** The email provider's signed bounce and complaint events. */
    emailEvents?: EmailEventsService;
    /** The run-time contact policy (the options as defaults), audited changes. */
    contactPolicy: ContactPolicyService;
    /** The channels page: providers, state, failures by reason, test sends. */
    channelStatus: ChannelStatusService;
    /** The message log: filtered pages, verdict trails, delivery events. */
    messageLog: MessageLogService;
    /** Trigger chains: entry, triggers, goals and the step runner. */
    chains: ChainEngine;
    jobs: JobControlService;
    /** The admin dashboard, composed from the modules' doors. */
    dashboard: DashboardService;
    /** The campaign list with each campaign's members, running uplift and ROMI (from cached reports). */
    campaignOverview: CampaignOverviewService;
    /** The campaign editor's live estimate of an unsaved design: segment, size, MDE, forecast, bill. */
    campaignEstimates: CampaignEstimateService;
    /** The campaign editor's message previews for real customers and test sends to test cards. */
    campaignPreviews: CampaignMessagePreviewService;
    /** Liveness and readiness (`/health/live`, `/health/ready`); `markDraining()` on shutdown. */
    health: HealthService;
    /** The daily lifecycle classification (`segments-daily`). */
    lifecycleClassification: LifecycleClassificationService;
    /** The lifecycle thresholds (audited saves). */
    lifecycleSettings: LifecycleSettingsService;
    /** The admin API's lifecycle reads: sizes, flows, one customer. */
    lifecycleReports: LifecycleReportService;
    /** Saved custom segments (audited), the editor's live count and members pages. */
    customSegments: CustomSegmentService;
    /** Audiences' members page by page, and the custom segments' sizes (for chains and the daily snapshot). */
    segmentMembers: SqlSegmentMembersReader;
    /** Recomputes home stores (the `segments-home-stores` job). */
    homeStores: HomeStoreRefresher;
}

/**
 * What a Refill instance is built from, kept out of its public face: the
 * package's own CLI, standalone server and demo, and tests (through
 * `refill/testing`) reach it; a host does not, so an internal rename never
 * breaks one.
 */
export interface RefillInternals {
    services: RefillServices;
    /** The DataSource Refill works on (the host's, or its own). */
    dataSource: DataSource;
    database: Database;
    repositories: Repositories;
    config: RefillConfig;
    logger: RefillLogger;
    /** Refill's jobs on Agenda (its own, or the host's). */
    scheduler: RefillScheduler;
    /** Where Refill gets the current time from. */
    clock: Clock;
}

/** Internals by public face: not a property of the face, so neither `Object.keys` nor a spread shows them. */
const internalsByFace = new WeakMap<object, RefillInternals>();

/** Records the internals of a Refill instance (called once, by the composition root). */
export function bindRefillInternals<T extends object>(face: T, internals: RefillInternals): T {
    internalsByFace.set(face, internals);
    return face;
}

/**
 * The internals of an instance `createRefill()` made: services, repositories,
 * database, scheduler, config, logger, clock. Throws a TypeError for anything else.
 */
export function refillInternals(refill: object): RefillInternals {
    const internals = internalsByFace.get(refill);
    if (!internals) throw new TypeError('refillInternals: not an instance made by createRefill()');
    return internals;
}
