import { MessageRepository } from '../repositories/message.repository.js';
import { CascadeRepository } from '../repositories/cascade.repository.js';
import { SendBatchRepository } from '../repositories/send-batch.repository.js';
import { SettingRepository } from '../repositories/setting.repository.js';
import { ReminderCandidateQuery } from '../repositories/reminder-candidate.query.js';
import { AdminTokenRepository } from '../repositories/admin-token.repository.js';
import { CampaignCandidateQuery } from '../repositories/campaign-candidate.query.js';
import { CampaignMemberRepository } from '../repositories/campaign-member.repository.js';
import { CampaignExclusionRepository } from '../repositories/campaign-exclusion.repository.js';
import { CampaignRunRepository } from '../repositories/campaign-run.repository.js';
import { CampaignRepository } from '../repositories/campaign.repository.js';
import type { Database } from '../db/database.js';
import { AuditRepository } from '../repositories/audit.repository.js';
import { BonusLotRepository } from '../repositories/bonus-lot.repository.js';
import { CatalogRepository } from '../repositories/catalog.repository.js';
import { CategoryRebuildRepository } from '../repositories/category-rebuild.repository.js';
import { CategoryStatsRepository } from '../repositories/category-stats.repository.js';
import { ConsentRepository } from '../repositories/consent.repository.js';
import { CustomerRepository } from '../repositories/customer.repository.js';
import { LedgerEntryRepository } from '../repositories/ledger-entry.repository.js';
import { OfferRepository } from '../repositories/offer.repository.js';
import { PosKeyRepository } from '../repositories/pos-key.repository.js';
import { PurchaseReturnRepository } from '../repositories/purchase-return.repository.js';
import { PurchaseRepository } from '../repositories/purchase.repository.js';
import { StoreRepository } from '../repositories/store.repository.js';

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
