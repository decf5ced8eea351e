import type { MigrationInterface } from 'typeorm';
import { CreateCoreTables1767225600000 } from './1767225600000-create-core-tables.js';
import { CreateJobTables1767312000000 } from './1767312000000-create-job-tables.js';
import { CreateAdminTables1767398400000 } from './1767398400000-create-admin-tables.js';
import { CreateCampaignTables1767484800000 } from './1767484800000-create-campaign-tables.js';
import { CreateMessageTables1767571200000 } from './1767571200000-create-message-tables.js';
import { CreateCascadeTables1767657600000 } from './1767657600000-create-cascade-tables.js';
import { ExactIdentifiers1767744000000 } from './1767744000000-exact-identifiers.js';
import { AdminSignInGuard1767830400000 } from './1767830400000-admin-sign-in-guard.js';
import { CategoryRebuilds1767916800000 } from './1767916800000-category-rebuilds.js';
import { CampaignExclusions1767960000000 } from './1767960000000-campaign-exclusions.js';
import { MessageSendStates1768003200000 } from './1768003200000-message-send-states.js';
import { ServiceConsent1768089600000 } from './1768089600000-service-consent.js';
import { AdminUiRoles1768176000000 } from './1768176000000-admin-ui-roles.js';
import { CustomerSearch1768262400000 } from './1768262400000-customer-search.js';
import { StoreDesk1768348800000 } from './1768348800000-store-desk.js';
import { DashboardFigures1768435200000 } from './1768435200000-dashboard-figures.js';
import { TemplateVersions1768521600000 } from './1768521600000-template-versions.js';
import { MessageLog1768608000000 } from './1768608000000-message-log.js';
import { AtcLookup1768694400000 } from './1768694400000-atc-lookup.js';
import { ChainAttribution1768780800000 } from './1768780800000-chain-attribution.js';
import { LifecycleSegments1768867200000 } from './1768867200000-lifecycle-segments.js';
import { CustomSegments1768953600000 } from './1768953600000-custom-segments.js';
import { ChainTables1769040000000 } from './1769040000000-chain-tables.js';
import { OperatorSending1769126400000 } from './1769126400000-operator-sending.js';

/**
 * Refill's migrations, oldest first. Hosts that run their own migration
 * pipeline can register these classes; otherwise `refill.migrate()` runs them
 * and records them in Refill's own `refill_migrations` table.
 */
export const refillMigrations: Array<new () => MigrationInterface> = [
    CreateCoreTables1767225600000,
    CreateJobTables1767312000000,
    CreateAdminTables1767398400000,
    CreateCampaignTables1767484800000,
    CreateMessageTables1767571200000,
    CreateCascadeTables1767657600000,
    ExactIdentifiers1767744000000,
    AdminSignInGuard1767830400000,
    CategoryRebuilds1767916800000,
    CampaignExclusions1767960000000,
    MessageSendStates1768003200000,
    ServiceConsent1768089600000,
    AdminUiRoles1768176000000,
    CustomerSearch1768262400000,
    StoreDesk1768348800000,
    DashboardFigures1768435200000,
    TemplateVersions1768521600000,
    MessageLog1768608000000,
    AtcLookup1768694400000,
    ChainAttribution1768780800000,
    LifecycleSegments1768867200000,
    CustomSegments1768953600000,
    ChainTables1769040000000,
    OperatorSending1769126400000,
];
