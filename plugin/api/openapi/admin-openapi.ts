import type { RefillConfig } from '../../config/refill-options.js';
import type { ErrorCode } from '../../kernel/errors/error-codes.js';
import type { RouteSpec, RouteTable } from '../../kernel/http/route-table.js';
import {
    ADMIN_WRITE_SECURITY,
    adminAuditRouteTable,
    adminJobRouteTable,
    adminSecuritySchemes,
    adminSessionRouteTable,
    adminStoreRouteTable,
    adminUserRouteTable,
} from '../../modules/admin/index.js';
import {
    adminCampaignRouteTable,
    adminCampaignTimelineRouteTable,
    adminCustomerCampaignRouteTable,
} from '../../modules/campaigns/index.js';
import { adminCatalogRouteTable } from '../../modules/catalog/index.js';
import { adminCustomerRouteTable, adminDeskRouteTable } from '../../modules/customers/index.js';
import { adminAdjustmentRouteTable, adminCustomerHistoryRouteTable } from '../../modules/ledger/index.js';
import {
    adminChannelRouteTable,
    adminContactPolicyRouteTable,
    adminMessageLogRouteTable,
    adminMessageRouteTable,
    adminSendReviewRouteTable,
    adminSendRouteTable,
    adminTemplateRouteTable,
} from '../../modules/messaging/index.js';
import { adminDashboardRouteTable } from '../routes/dashboard.routes.js';
import { adminLifecycleRouteTable } from '../../modules/segments/index.js';
import { adminChainRouteTable, adminGlobalControlRouteTable } from '../../modules/chains/index.js';
import { adminCustomSegmentRouteTable } from '../../modules/segments/index.js';
import { adminCampaignEditorRouteTable } from '../routes/campaign-editor.routes.js';
import { buildOpenApi, type OpenApiDocument } from './openapi-document.js';
import { OPENAPI_ROUTE } from './openapi-route.js';

/**
 * Every admin route table, in the document's order. Tests walk these (e.g.
 * no write route lets an analyst in), so a new table belongs here.
 */
export const ADMIN_ROUTE_TABLES: readonly RouteTable[] = [
    adminSessionRouteTable,
    adminUserRouteTable,
    adminStoreRouteTable,
    adminAuditRouteTable,
    adminCampaignEditorRouteTable,
    adminCampaignRouteTable,
    adminCampaignTimelineRouteTable,
    adminSendRouteTable,
    adminSendReviewRouteTable,
    adminCatalogRouteTable,
    adminCustomerRouteTable,
    adminCustomerHistoryRouteTable,
    adminCustomerCampaignRouteTable,
    adminDeskRouteTable,
    adminAdjustmentRouteTable,
    adminMessageRouteTable,
    adminMessageLogRouteTable,
    adminChannelRouteTable,
    adminContactPolicyRouteTable,
    adminTemplateRouteTable,
    adminJobRouteTable,
    adminDashboardRouteTable,
    adminLifecycleRouteTable,
    adminChainRouteTable,
    adminGlobalControlRouteTable,
    adminCustomSegmentRouteTable,
];

/** What any admin route may answer besides its own errors. */
function adminErrors(route: RouteSpec): Partial<Record<ErrorCode, string>> {
    const errors: Partial<Record<ErrorCode, string>> = {};
    if (route.params || route.query || route.body)
        errors.REFILL_VALIDATION = 'Invalid input: `details` lists each bad field by path';
    if (route.body) {
        errors.REFILL_MALFORMED_JSON = 'The body is not valid JSON';
        errors.REFILL_PAYLOAD_TOO_LARGE = 'The body is larger than 64 kB';
        errors.REFILL_UNSUPPORTED_MEDIA_TYPE = 'The body is not `application/json`';
    }
    if (route.security?.length === 0) return errors;
    if (route.security?.some((s) => 'adminToken' in s))
        errors.REFILL_UNAUTHORIZED = 'No live session cookie or API token';
    else errors.REFILL_UNAUTHORIZED = 'No live session cookie';
    if (route.security?.some((s) => 'csrfToken' in s))
        errors.REFILL_CSRF_INVALID = 'Signed in by cookie without the session’s `X-CSRF-Token` header';
    if (route.roles) errors.REFILL_FORBIDDEN = 'The caller’s role is not one the route allows';
    errors.REFILL_DATABASE_UNAVAILABLE = 'The database is unavailable; retry after `Retry-After` seconds';
    return errors;
}

/**
 * The admin API's OpenAPI 3.1 document, served at `/admin/v1/openapi.json`:
 * built from the admin route tables, so it shows exactly what the routes
 * validate and which roles they allow. The admin UI's client is generated
 * from it.
 */
export function adminOpenApi(config: RefillConfig): OpenApiDocument {
    return buildOpenApi({
        title: 'Refill admin API',
        version: '1.0.0',
        description:
            'For the admin UI and integrations: campaigns and their sends, categories, templates, jobs and tokens. Sign in with `POST /session` (a cookie; changes then need the session’s CSRF token in `X-CSRF-Token`) or send an API token as `Authorization: Bearer rfa_…`. Each route names the roles it allows (`x-refill-roles`). Changes are audited. Every error answers `{ error: { code, message, details } }`; match on the code.',
        securitySchemes: adminSecuritySchemes(config.admin.cookieName),
        security: ADMIN_WRITE_SECURITY,
        commonErrors: adminErrors,
        tags: [
            { name: 'session', description: 'Sign in and out' },
            { name: 'campaigns', description: 'Design, launch and measure win-back campaigns' },
            { name: 'sends', description: 'The send guard: approvals, canaries, kill switch, test mode' },
            { name: 'categories', description: 'Chronic categories and their rebuilds' },
            {
                name: 'customers',
                description:
                    'The store desk: customer search and the customer card (profile, consents, lots, ledger, receipts, offers, campaigns, messages); card kinds, contacts, consents, adjustments, card replacement and blocks',
            },
            { name: 'messages', description: 'Delivery figures, the outbox and gateway endpoints' },
            { name: 'templates', description: 'Message templates: overrides and previews' },
            { name: 'dashboard', description: 'Figures at a glance, pre-aggregated' },
            { name: 'jobs', description: 'Scheduled jobs' },
            { name: 'tokens', description: 'API tokens for integrations' },
            { name: 'users', description: 'Admin users, their roles and stores' },
            { name: 'stores', description: 'Stores and their POS keys' },
            { name: 'audit', description: 'The audit log of every manual change' },
            { name: 'segments', description: 'Lifecycle segments: sizes, flows and thresholds' },
            { name: 'chains', description: 'Trigger chains, their reports, and the global control group' },
            { name: 'meta', description: 'This document' },
        ],
        tables: [{ getOpenApi: OPENAPI_ROUTE }, ...ADMIN_ROUTE_TABLES],
    });
}
