import { adminMessageRoutes } from './admin/messages.routes.js';
import type { OutboxStore } from '../messaging/channels/outbox.provider.js';
import type { MessageRepository } from '../repositories/message.repository.js';
import { adminCampaignRoutes, type CampaignApiServices } from './admin/campaigns.routes.js';
import { adminCatalogRoutes, type CatalogAdminServices } from './admin/catalog-admin.routes.js';
import { adminTemplateRoutes } from './admin/templates.routes.js';
import type { TemplateService } from '../services/template.service.js';
import express, { Router } from 'express';
import type { Logger } from 'pino';
import type { RefillConfig } from '../config/refill-options.js';
import type { AdminAuthService } from '../services/admin-auth.service.js';
import type { JobControlService } from '../services/job-control.service.js';
import type { CustomerService } from '../services/customer.service.js';
import type { PosKeyService } from '../services/pos-key.service.js';
import type { PurchaseService } from '../services/purchase.service.js';
import type { ReturnService } from '../services/return.service.js';
import { adminSession, csrfProtection } from './admin/admin-session.middleware.js';
import { adminJobsRoutes } from './admin/jobs.routes.js';
import { adminSendRoutes, type SendApiServices } from './admin/sends.routes.js';
import { messagingPublicRoutes } from './routes/messaging-public.routes.js';
import { adminSessionRoutes } from './admin/session.routes.js';
import { errorHandler, notFound } from './middleware/error-handler.js';
import { posAuth } from './middleware/pos-auth.js';
import { posCardReadLimit } from './middleware/pos-card-read-limit.js';
import { unknownCardMonitor } from './middleware/pos-unknown-card-monitor.js';
import { withTrustProxy } from './middleware/trust-proxy.js';
import { requestTimeout } from './middleware/request-timeout.js';
import type { HealthService } from '../services/health.service.js';
import { healthRoutes } from './routes/health.routes.js';
import { posOpenApi } from './openapi/pos-openapi.js';
import { posCustomerRoutes } from './routes/pos-customers.routes.js';
import { posReceiptRoutes } from './routes/pos-receipts.routes.js';

/** The services the HTTP API calls. */
export interface ApiServices {
    customers: CustomerService;
    purchases: PurchaseService;
    returns: ReturnService;
    posKeys: PosKeyService;
    adminAuth: AdminAuthService;
    jobs: JobControlService;
}

/** Everything the router needs: the POS and admin services. */
export type RouterServices = ApiServices &
    CampaignApiServices &
    CatalogAdminServices &
    SendApiServices & {
        outbox: OutboxStore;
        messages: MessageRepository;
        templates: TemplateService;
        health: HealthService;
    };

/**
 * Builds Refill's Express router: the POS API under `/pos/v1` (POS keys) and
 * the admin API under `/admin/v1` (admin sessions with CSRF protection), and
 * the public messaging endpoints under `/messaging/v1` (signed links), each
 * with its own body parser, authentication and error handling, so they behave
 * the same under any prefix of any host app. With `trustProxy` set, client IP
 * and scheme follow it on these routes; otherwise the host app's `trust proxy`.
 */
export function createRefillRouter(services: RouterServices, config: RefillConfig, logger: Logger): Router {
    const router = Router();
    router.use(healthRoutes(services.health));
    const pos = Router();
    pos.get('/openapi.json', (_req, res) => {
        res.json(posOpenApi);
    });
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
    admin.use(adminSessionRoutes(services.adminAuth, config));
    admin.use(
        adminSession(services.adminAuth, config.admin.cookieName, services.adminTokens),
        csrfProtection,
    );
    admin.use(adminJobsRoutes(services.jobs));
    admin.use(adminCampaignRoutes(services));
    admin.use(adminCatalogRoutes(services));
    admin.use(adminMessageRoutes(services.messages, services.outbox));
    admin.use(adminTemplateRoutes(services.templates));
    admin.use(
        adminSendRoutes(services, { publicUrl: config.messaging.publicUrl, timezone: config.timezone }),
    );
    admin.use(notFound);
    admin.use(errorHandler(logger));
    router.use('/admin/v1', admin);

    const messaging = Router();
    messaging.use(messagingPublicRoutes(services.inbound));
    messaging.use(notFound);
    messaging.use(errorHandler(logger));
    router.use('/messaging/v1', messaging);
    return withTrustProxy(router, config.trustProxy);
}
