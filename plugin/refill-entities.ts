import { MessageEntity, OutboxMessageEntity } from './modules/messaging/entities/message.entity.js';
import {
    CascadeEntity,
    SendBatchEntity,
    SettingEntity,
} from './modules/messaging/entities/cascade.entity.js';
import { AdminTokenEntity } from './modules/admin/entities/admin-token.entity.js';
import { SignInFailureEntity } from './modules/admin/entities/sign-in-failure.entity.js';
import { CampaignEntity } from './modules/campaigns/entities/campaign.entity.js';
import { CampaignMemberEntity } from './modules/campaigns/entities/campaign-member.entity.js';
import { CampaignRunEntity } from './modules/campaigns/entities/campaign-run.entity.js';
import { CampaignExclusionEntity } from './modules/campaigns/entities/campaign-exclusion.entity.js';
import { AdminSessionEntity } from './modules/admin/entities/admin-session.entity.js';
import { AdminUserEntity } from './modules/admin/entities/admin-user.entity.js';
import { AuditEntryEntity } from './modules/admin/entities/audit-entry.entity.js';
import { BonusLotEntity } from './modules/ledger/entities/bonus-lot.entity.js';
import { CategoryRuleEntity } from './modules/catalog/entities/category-rule.entity.js';
import { CategoryRebuildEntity } from './modules/catalog/entities/category-rebuild.entity.js';
import { CategoryEntity } from './modules/catalog/entities/category.entity.js';
import { ConsentEventEntity } from './modules/customers/entities/consent-event.entity.js';
import { CustomerCategoryStatEntity } from './modules/catalog/entities/customer-category-stat.entity.js';
import { CustomerConsentEntity } from './modules/customers/entities/customer-consent.entity.js';
import { CustomerServiceConsentEntity } from './modules/customers/entities/customer-service-consent.entity.js';
import { CustomerEntity } from './modules/customers/entities/customer.entity.js';
import { ImportCheckpointEntity } from './modules/import/entities/import-checkpoint.entity.js';
import { LedgerEntryEntity } from './modules/ledger/entities/ledger-entry.entity.js';
import { OfferEntity } from './modules/campaigns/entities/offer.entity.js';
import { PosKeyEntity } from './modules/admin/entities/pos-key.entity.js';
import { ProductEntity } from './modules/catalog/entities/product.entity.js';
import { PurchaseLineEntity } from './modules/ledger/entities/purchase-line.entity.js';
import { PurchaseReturnEntity } from './modules/ledger/entities/purchase-return.entity.js';
import { PurchaseEntity } from './modules/ledger/entities/purchase.entity.js';
import { StoreEntity } from './modules/admin/entities/store.entity.js';
import { TemplateOverrideEntity } from './modules/messaging/entities/template.entity.js';

export type { AdminToken } from './modules/admin/entities/admin-token.entity.js';
export type { SignInFailure, SignInScope } from './modules/admin/entities/sign-in-failure.entity.js';
export type { Campaign, CampaignStatus } from './modules/campaigns/entities/campaign.entity.js';
export type { CampaignMember } from './modules/campaigns/entities/campaign-member.entity.js';
export type { CampaignRun } from './modules/campaigns/entities/campaign-run.entity.js';
export type { CampaignExclusion } from './modules/campaigns/entities/campaign-exclusion.entity.js';
export type { Message, OutboxMessage } from './modules/messaging/entities/message.entity.js';
export type {
    Cascade,
    CascadeStatus,
    SendBatch,
    Setting,
} from './modules/messaging/entities/cascade.entity.js';
export type { AdminSession } from './modules/admin/entities/admin-session.entity.js';
export type { AdminRole, AdminUser } from './modules/admin/entities/admin-user.entity.js';
export type { AuditEntry } from './modules/admin/entities/audit-entry.entity.js';
export type { BonusLot, LotKind, LotState } from './modules/ledger/entities/bonus-lot.entity.js';
export type { Category } from './modules/catalog/entities/category.entity.js';
export type { CategoryRule } from './modules/catalog/entities/category-rule.entity.js';
export type {
    CategoryRebuild,
    RebuildPhase,
    RebuildState,
} from './modules/catalog/entities/category-rebuild.entity.js';
export type { ConsentEvent } from './modules/customers/entities/consent-event.entity.js';
export type { CardKind, Customer } from './modules/customers/entities/customer.entity.js';
export type { CustomerCategoryStat } from './modules/catalog/entities/customer-category-stat.entity.js';
export type { CustomerConsent } from './modules/customers/entities/customer-consent.entity.js';
export type { CustomerServiceConsent } from './modules/customers/entities/customer-service-consent.entity.js';
export type { ImportCheckpoint } from './modules/import/entities/import-checkpoint.entity.js';
export type { LedgerEntry, LedgerKind } from './modules/ledger/entities/ledger-entry.entity.js';
export type { Offer } from './modules/campaigns/entities/offer.entity.js';
export type { PosKey } from './modules/admin/entities/pos-key.entity.js';
export type { Product } from './modules/catalog/entities/product.entity.js';
export type { Purchase } from './modules/ledger/entities/purchase.entity.js';
export type { PurchaseLine } from './modules/ledger/entities/purchase-line.entity.js';
export type { PurchaseReturn } from './modules/ledger/entities/purchase-return.entity.js';
export type { Store } from './modules/admin/entities/store.entity.js';
export type { TemplateOverride } from './modules/messaging/entities/template.entity.js';

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
};
