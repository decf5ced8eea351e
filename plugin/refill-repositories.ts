import { MessageRepository } from './modules/messaging/repositories/message.repository.js';
import { CascadeRepository } from './modules/messaging/repositories/cascade.repository.js';
import { SendBatchRepository } from './modules/messaging/repositories/send-batch.repository.js';
import { SettingRepository } from './kernel/db/setting.repository.js';
import { ReminderCandidateQuery } from './modules/messaging/repositories/reminder-candidate.query.js';
import { AdminTokenRepository } from './modules/admin/repositories/admin-token.repository.js';
import { CampaignCandidateQuery } from './modules/campaigns/repositories/campaign-candidate.query.js';
import { CampaignMemberRepository } from './modules/campaigns/repositories/campaign-member.repository.js';
import { CampaignExclusionRepository } from './modules/campaigns/repositories/campaign-exclusion.repository.js';
import { CampaignRunRepository } from './modules/campaigns/repositories/campaign-run.repository.js';
import { CampaignRepository } from './modules/campaigns/repositories/campaign.repository.js';
import type { Database } from './kernel/db/database.js';
import { AuditRepository } from './modules/admin/repositories/audit.repository.js';
import { BonusLotRepository } from './modules/ledger/repositories/bonus-lot.repository.js';
import { CatalogRepository } from './modules/catalog/repositories/catalog.repository.js';
import { CategoryRebuildRepository } from './modules/catalog/repositories/category-rebuild.repository.js';
import { CategoryStatsRepository } from './modules/catalog/repositories/category-stats.repository.js';
import { ConsentRepository } from './modules/customers/repositories/consent.repository.js';
import { CustomerRepository } from './modules/customers/repositories/customer.repository.js';
import { LedgerEntryRepository } from './modules/ledger/repositories/ledger-entry.repository.js';
import { OfferRepository } from './modules/campaigns/repositories/offer.repository.js';
import { PosKeyRepository } from './modules/admin/repositories/pos-key.repository.js';
import { PurchaseReturnRepository } from './modules/ledger/repositories/purchase-return.repository.js';
import { PurchaseRepository } from './modules/ledger/repositories/purchase.repository.js';
import { StoreRepository } from './modules/admin/repositories/store.repository.js';

/** Every repository, built once over one {@link Database}. */
export interface Repositories {
    audit: AuditRepository;
    campaigns: CampaignRepository;
    members: CampaignMemberRepository;
    runs: CampaignRunRepository;
    exclusions: CampaignExclusionRepository;
    candidates: CampaignCandidateQuery;
    adminTokens: AdminTokenRepository;
    messages: MessageRepository;
    cascades: CascadeRepository;
    sendBatches: SendBatchRepository;
    settings: SettingRepository;
    reminders: ReminderCandidateQuery;
    lots: BonusLotRepository;
    catalog: CatalogRepository;
    stats: CategoryStatsRepository;
    rebuilds: CategoryRebuildRepository;
    consents: ConsentRepository;
    customers: CustomerRepository;
    entries: LedgerEntryRepository;
    offers: OfferRepository;
    posKeys: PosKeyRepository;
    returns: PurchaseReturnRepository;
    purchases: PurchaseRepository;
    stores: StoreRepository;
}

/** Builds the repositories over a database. */
export function createRepositories(db: Database): Repositories {
    return {
        audit: new AuditRepository(),
        campaigns: new CampaignRepository(db),
        members: new CampaignMemberRepository(db),
        runs: new CampaignRunRepository(db),
        exclusions: new CampaignExclusionRepository(db),
        candidates: new CampaignCandidateQuery(db),
        adminTokens: new AdminTokenRepository(db),
        messages: new MessageRepository(db),
        cascades: new CascadeRepository(db),
        sendBatches: new SendBatchRepository(db),
        settings: new SettingRepository(db),
        reminders: new ReminderCandidateQuery(db),
        lots: new BonusLotRepository(db),
        catalog: new CatalogRepository(db),
        stats: new CategoryStatsRepository(db),
        rebuilds: new CategoryRebuildRepository(db),
        consents: new ConsentRepository(db),
        customers: new CustomerRepository(db),
        entries: new LedgerEntryRepository(db),
        offers: new OfferRepository(db),
        posKeys: new PosKeyRepository(db),
        returns: new PurchaseReturnRepository(db),
        purchases: new PurchaseRepository(db),
        stores: new StoreRepository(db),
    };
}
