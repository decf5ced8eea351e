import {
    adminChannelRoutes,
    adminContactPolicyRoutes,
    adminMessageLogRoutes,
    adminMessageRoutes,
    adminSendReviewRoutes,
    adminSendRoutes,
    adminTemplateRoutes,
    type ChannelStatusService,
    type ContactPolicyService,
    type MessageLogService,
    type MessageRepository,
    messagingPublicRoutes,
    type EmailEventsService,
    type OutboxStore,
    type SendApiServices,
    type SendReviewApiServices,
    type TemplateService,
} from '../modules/messaging/index.js';
import {
    adminCampaignRoutes,
    adminCampaignTimelineRoutes,
    adminCustomerCampaignRoutes,
    type CampaignApiServices,
    type CustomerCampaignsService,
} from '../modules/campaigns/index.js';
import { adminCatalogRoutes, type CatalogAdminServices } from '../modules/catalog/index.js';
import {
    adminChainRoutes,
    adminGlobalControlRoutes,
    type ChainApiServices,
    type GlobalControlApiServices,
} from '../modules/chains/index.js';
import express, { Router } from 'express';
import type { RefillLogger } from '../kernel/logging/logger.port.js';
import type { RefillConfig } from '../config/refill-options.js';
import {
    type AdminAuthService,
    adminAuditRoutes,
    adminJobsRoutes,
    adminSession,
    adminSessionRoutes,
    csrfProtection,
    adminStoreRoutes,
    adminUserRoutes,
    type AdminUserService,
    type AuditLogService,
    posAuth,
    type PosKeyService,
    type StoreService,
} from '../modules/admin/index.js';
import type { JobControlService } from '../kernel/jobs/job-control.service.js';
import {
    adminDeskRoutes,
    adminCustomerRoutes,
    type CustomerCardService,
    type CustomerService,
    type DeskApiServices,
    posCardReadLimit,
    posCustomerRoutes,
    unknownCardMonitor,
} from '../modules/customers/index.js';
import {
    adminAdjustmentRoutes,
    type LedgerAdjustmentService,
    adminCustomerHistoryRoutes,
    type CustomerHistoryService,
    posReceiptRoutes,
    type PurchaseService,
    type ReturnService,
} from '../modules/ledger/index.js';
import { errorHandler, notFound } from '../kernel/http/error-handler.js';
import { adminCustomSegmentRoutes, type CustomSegmentService } from '../modules/segments/index.js';
import { withTrustProxy } from '../kernel/http/trust-proxy.js';
import { requestTimeout } from '../kernel/http/request-timeout.js';
import type { HealthService } from '../kernel/db/health.service.js';
import { healthRoutes } from './routes/health.routes.js';
import { adminUiRoutes, defaultAdminUiDir } from './routes/admin-ui.routes.js';
import { adminDashboardRoutes } from './routes/dashboard.routes.js';
import { adminCampaignEditorRoutes, type CampaignEditorServices } from './routes/campaign-editor.routes.js';
import type { DashboardService } from './dashboard/dashboard.service.js';
import { posOpenApi } from './openapi/pos-openapi.js';
import { adminOpenApi } from './openapi/admin-openapi.js';
import { serveOpenApi } from './openapi/openapi-route.js';
import {
    adminLifecycleRoutes,
    type LifecycleReportService,
    type LifecycleSettingsService,
} from '../modules/segments/index.js';

/** The services the HTTP API calls. */
export interface ApiServices {
    customers: CustomerService;
    customerCards: CustomerCardService;
    customerHistory: CustomerHistoryService;
    customerCampaigns: CustomerCampaignsService;
    purchases: PurchaseService;
    returns: ReturnService;
    posKeys: PosKeyService;
    adminAuth: AdminAuthService;
    adminUsers: AdminUserService;
    auditLog: AuditLogService;
    stores: StoreService;
    jobs: JobControlService;
    adjustments: LedgerAdjustmentService;
    dashboard: DashboardService;
    lifecycleReports: LifecycleReportService;
    lifecycleSettings: LifecycleSettingsService;
    customSegments: CustomSegmentService;
}

/** Everything the router needs: the POS and admin services. */
export type RouterServices = ApiServices &
    CampaignApiServices &
    CampaignEditorServices &
    CatalogAdminServices &
    SendApiServices &
    SendReviewApiServices &
    DeskApiServices &
    ChainApiServices &
    GlobalControlApiServices & {
        outbox: OutboxStore;
        messages: MessageRepository;
        templates: TemplateService;
        health: HealthService;
        contactPolicy: ContactPolicyService;
        channelStatus: ChannelStatusService;
        messageLog: MessageLogService;
        /** The email provider's bounce and complaint webhook (absent: not mounted). */
        emailEvents?: EmailEventsService;
    };

/**
 * Builds Refill's Express router: the POS API under `/pos/v1` (POS keys) and
 * the admin API under `/admin/v1` (admin sessions with CSRF protection), the
 * admin UI at `/admin/` (unless `admin.ui` is false), and
 * the public messaging endpoints under `/messaging/v1` (signed links), each
 * with its own body parser, authentication and error handling, so they behave
 * the same under any prefix of any host app. With `trustProxy` set, client IP
 * and scheme follow it on these routes; otherwise the host app's `trust proxy`.
 */
export function createRefillRouter(
    services: RouterServices,
    config: RefillConfig,
    logger: RefillLogger,
): Router {
    const router = Router();
    router.use(healthRoutes(services.health));
    const pos = Router();
    serveOpenApi(pos, posOpenApi(config));
    pos.use(requestTimeout(config.pos.requestTimeoutMs));
    pos.use(posAuth(services.posKeys));
    pos.use(express.json({ limit: config.pos.bodyLimit, strict: true }));
    // Reads by card: limited per key; unknown cards are watched as a possible enumeration.
    const cardReads = [
        posCardReadLimit(config.pos.cardReadsPerMinute),
        unknownCardMonitor({
            warnAt: config.pos.unknownCardWarnAt,
            windowMinutes: config.pos.unknownCardWindowMinutes,
            logger,
        }),
    ];
    pos.use('/customers', ...cardReads);
    pos.use('/receipts/preview', ...cardReads);
    pos.use(posCustomerRoutes(services.customers, { exposeContacts: config.pos.exposeContacts }));
    pos.use(posReceiptRoutes(services.purchases, services.returns, config.pos.maxLines));
    pos.use(notFound);
    pos.use(errorHandler(logger));
    router.use('/pos/v1', pos);

    const admin = Router();
    admin.use(express.json({ limit: '64kb', strict: true }));
    serveOpenApi(admin, adminOpenApi(config));
    admin.use(adminSessionRoutes(services.adminAuth, services.adminUsers, config));
    admin.use(
        adminSession(services.adminAuth, config.admin.cookieName, services.adminTokens),
        csrfProtection,
    );
    admin.use(adminJobsRoutes(services.jobs));
    admin.use(adminUserRoutes(services.adminUsers));
    admin.use(adminStoreRoutes(services.stores, services.posKeys));
    admin.use(adminAuditRoutes(services.auditLog));
    admin.use(adminCustomerRoutes(services.customerCards));
    admin.use(adminCustomerHistoryRoutes(services.customerHistory));
    admin.use(adminCustomerCampaignRoutes(services.customerCampaigns));
    admin.use(adminDashboardRoutes(services.dashboard, services.stores));
    // Before the campaign routes: `/campaigns/overview` is not a campaign id.
    admin.use(adminCampaignEditorRoutes(services));
    admin.use(adminCampaignRoutes(services));
    admin.use(adminCampaignTimelineRoutes(services));
    admin.use(adminCatalogRoutes(services));
    admin.use(adminDeskRoutes(services));
    admin.use(
        adminAdjustmentRoutes(services.adjustments, {
            managerLimit: config.admin.managerAdjustmentLimit,
        }),
    );
    admin.use(adminMessageRoutes(services.messages, services.outbox));
    // After the message routes: `/messages/stats` is theirs, `/messages/:id` this one's.
    admin.use(adminMessageLogRoutes(services.messageLog, config.timezone));
    admin.use(adminChannelRoutes(services.channelStatus));
    admin.use(adminContactPolicyRoutes(services.contactPolicy));
    admin.use(adminTemplateRoutes(services.templates));
    admin.use(
        adminSendRoutes(services, { publicUrl: config.messaging.publicUrl, timezone: config.timezone }),
    );
    admin.use(adminSendReviewRoutes(services));
    admin.use(
        adminLifecycleRoutes({ reports: services.lifecycleReports, settings: services.lifecycleSettings }),
    );
    admin.use(adminChainRoutes(services));
    admin.use(adminGlobalControlRoutes(services));
    admin.use(adminCustomSegmentRoutes(services.customSegments));
    admin.use(notFound);
    admin.use(errorHandler(logger));
    router.use('/admin/v1', admin);
    const ui = config.admin.ui;
    if (ui !== false) router.use('/admin', adminUiRoutes(ui === true ? defaultAdminUiDir() : ui));

    const messaging = Router();
    messaging.use(messagingPublicRoutes(services.inbound, services.emailEvents));
    messaging.use(notFound);
    messaging.use(errorHandler(logger));
    router.use('/messaging/v1', messaging);
    return withTrustProxy(router, config.trustProxy);
}
