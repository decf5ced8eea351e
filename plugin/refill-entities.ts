import {
    CascadeEntity,
    MessageEntity,
    OutboxMessageEntity,
    SendBatchEntity,
    SettingEntity,
    TemplateOverrideEntity,
} from './modules/messaging/index.js';
import {
    AdminSessionEntity,
    AdminTokenEntity,
    AdminUserEntity,
    AuditEntryEntity,
    PosKeyEntity,
    SignInFailureEntity,
    StoreEntity,
} from './modules/admin/index.js';
import {
    CampaignEntity,
    CampaignExclusionEntity,
    CampaignMemberEntity,
    CampaignRunEntity,
    OfferEntity,
} from './modules/campaigns/index.js';
import {
    BonusLotEntity,
    LedgerEntryEntity,
    PurchaseEntity,
    PurchaseLineEntity,
    PurchaseReturnEntity,
} from './modules/ledger/index.js';
import {
    CategoryEntity,
    CategoryRebuildEntity,
    CategoryRuleEntity,
    CustomerCategoryStatEntity,
    ProductEntity,
} from './modules/catalog/index.js';
import {
    ConsentEventEntity,
    CustomerConsentEntity,
    CustomerEntity,
    CustomerServiceConsentEntity,
} from './modules/customers/index.js';
import { ImportCheckpointEntity } from './modules/import/index.js';

export type {
    AdminRole,
    AdminSession,
    AdminToken,
    AdminUser,
    AuditEntry,
    PosKey,
    SignInFailure,
    SignInScope,
    Store,
} from './modules/admin/index.js';
export type {
    Campaign,
    CampaignExclusion,
    CampaignMember,
    CampaignRun,
    CampaignStatus,
    Offer,
} from './modules/campaigns/index.js';
export type {
    Cascade,
    CascadeStatus,
    Message,
    OutboxMessage,
    SendBatch,
    Setting,
    TemplateOverride,
} from './modules/messaging/index.js';
export type {
    BonusLot,
    LedgerEntry,
    LedgerKind,
    LotKind,
    LotState,
    Purchase,
    PurchaseLine,
    PurchaseReturn,
} from './modules/ledger/index.js';
export type {
    Category,
    CategoryRebuild,
    CategoryRule,
    CustomerCategoryStat,
    Product,
    RebuildPhase,
    RebuildState,
} from './modules/catalog/index.js';
export type {
    CardKind,
    ConsentEvent,
    Customer,
    CustomerConsent,
    CustomerServiceConsent,
} from './modules/customers/index.js';
export type { ImportCheckpoint } from './modules/import/index.js';

/** Every entity schema Refill owns; a host sharing its DataSource registers these. */
export const refillEntities = [
    StoreEntity,
    PosKeyEntity,
    CustomerEntity,
    CustomerConsentEntity,
    CustomerServiceConsentEntity,
    ConsentEventEntity,
    CategoryEntity,
    CategoryRuleEntity,
    ProductEntity,
    PurchaseEntity,
    PurchaseLineEntity,
    PurchaseReturnEntity,
    OfferEntity,
    BonusLotEntity,
    LedgerEntryEntity,
    CustomerCategoryStatEntity,
    CategoryRebuildEntity,
    AuditEntryEntity,
    ImportCheckpointEntity,
    AdminUserEntity,
    AdminSessionEntity,
    AdminTokenEntity,
    SignInFailureEntity,
    CampaignEntity,
    CampaignMemberEntity,
    CampaignRunEntity,
    CampaignExclusionEntity,
    MessageEntity,
    OutboxMessageEntity,
    CascadeEntity,
    SendBatchEntity,
    SettingEntity,
    TemplateOverrideEntity,
];

export {
    MessageEntity,
    OutboxMessageEntity,
    CascadeEntity,
    SendBatchEntity,
    SettingEntity,
    AdminSessionEntity,
    AdminTokenEntity,
    SignInFailureEntity,
    CampaignEntity,
    CampaignMemberEntity,
    CampaignRunEntity,
    CampaignExclusionEntity,
    AdminUserEntity,
    AuditEntryEntity,
    BonusLotEntity,
    CategoryEntity,
    CategoryRuleEntity,
    CategoryRebuildEntity,
    ConsentEventEntity,
    CustomerCategoryStatEntity,
    CustomerConsentEntity,
    CustomerServiceConsentEntity,
    CustomerEntity,
    ImportCheckpointEntity,
    LedgerEntryEntity,
    OfferEntity,
    PosKeyEntity,
    ProductEntity,
    PurchaseEntity,
    PurchaseLineEntity,
    PurchaseReturnEntity,
    StoreEntity,
    TemplateOverrideEntity,
};
