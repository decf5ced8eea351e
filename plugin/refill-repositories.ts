import {
    CascadeRepository,
    MessageRepository,
    ReminderCandidateQuery,
    SendBatchRepository,
} from './modules/messaging/index.js';
import { SettingRepository } from './kernel/db/setting.repository.js';
import {
    AdminTokenRepository,
    AuditRepository,
    PosKeyRepository,
    StoreRepository,
} from './modules/admin/index.js';
import {
    CampaignCandidateQuery,
    CampaignExclusionRepository,
    CampaignMemberRepository,
    CampaignRepository,
    CampaignRunRepository,
    OfferRepository,
} from './modules/campaigns/index.js';
import type { Database } from './kernel/db/database.js';
import {
    BonusLotRepository,
    LedgerEntryRepository,
    PurchaseRepository,
    PurchaseReturnRepository,
} from './modules/ledger/index.js';
import {
    CatalogRepository,
    CategoryRebuildRepository,
    CategoryStatsRepository,
} from './modules/catalog/index.js';
import {
    CardReplacementRepository,
    ConsentRepository,
    CustomerRepository,
} from './modules/customers/index.js';
import { CustomerLifecycleRepository, SegmentSizeRepository } from './modules/segments/index.js';
import { CustomSegmentRepository, HomeStoreRepository } from './modules/segments/index.js';

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
    replacements: CardReplacementRepository;
    customers: CustomerRepository;
    entries: LedgerEntryRepository;
    offers: OfferRepository;
    posKeys: PosKeyRepository;
    returns: PurchaseReturnRepository;
    purchases: PurchaseRepository;
    stores: StoreRepository;
    lifecycle: CustomerLifecycleRepository;
    segmentSizes: SegmentSizeRepository;
    segments: CustomSegmentRepository;
    homeStores: HomeStoreRepository;
}

/** Builds the repositories over a database. */
export function createRepositories(db: Database): Repositories {
    return {
        audit: new AuditRepository(db),
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
        replacements: new CardReplacementRepository(db),
        customers: new CustomerRepository(db),
        entries: new LedgerEntryRepository(db),
        offers: new OfferRepository(db),
        posKeys: new PosKeyRepository(db),
        returns: new PurchaseReturnRepository(db),
        purchases: new PurchaseRepository(db),
        stores: new StoreRepository(db),
        lifecycle: new CustomerLifecycleRepository(db),
        segmentSizes: new SegmentSizeRepository(db),
        segments: new CustomSegmentRepository(db),
        homeStores: new HomeStoreRepository(),
    };
}
