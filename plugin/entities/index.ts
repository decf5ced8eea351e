import { MessageEntity, OutboxMessageEntity } from './message.entity.js';
import { CascadeEntity, SendBatchEntity, SettingEntity } from './cascade.entity.js';
import { AdminTokenEntity } from './admin-token.entity.js';
import { SignInFailureEntity } from './sign-in-failure.entity.js';
import { CampaignEntity } from './campaign.entity.js';
import { CampaignMemberEntity } from './campaign-member.entity.js';
import { CampaignRunEntity } from './campaign-run.entity.js';
import { CampaignExclusionEntity } from './campaign-exclusion.entity.js';
import { AdminSessionEntity } from './admin-session.entity.js';
import { AdminUserEntity } from './admin-user.entity.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { BonusLotEntity } from './bonus-lot.entity.js';
import { CategoryRuleEntity } from './category-rule.entity.js';
import { CategoryRebuildEntity } from './category-rebuild.entity.js';
import { CategoryEntity } from './category.entity.js';
import { ConsentEventEntity } from './consent-event.entity.js';
import { CustomerCategoryStatEntity } from './customer-category-stat.entity.js';
import { CustomerConsentEntity } from './customer-consent.entity.js';
import { CustomerServiceConsentEntity } from './customer-service-consent.entity.js';
import { CustomerEntity } from './customer.entity.js';
import { ImportCheckpointEntity } from './import-checkpoint.entity.js';
import { LedgerEntryEntity } from './ledger-entry.entity.js';
import { OfferEntity } from './offer.entity.js';
import { PosKeyEntity } from './pos-key.entity.js';
import { ProductEntity } from './product.entity.js';
import { PurchaseLineEntity } from './purchase-line.entity.js';
import { PurchaseReturnEntity } from './purchase-return.entity.js';
import { PurchaseEntity } from './purchase.entity.js';
import { StoreEntity } from './store.entity.js';
import { TemplateOverrideEntity } from './template.entity.js';

export type { AdminToken } from './admin-token.entity.js';
export type { SignInFailure, SignInScope } from './sign-in-failure.entity.js';
export type { Campaign, CampaignStatus } from './campaign.entity.js';
export type { CampaignMember } from './campaign-member.entity.js';
export type { CampaignRun } from './campaign-run.entity.js';
export type { CampaignExclusion } from './campaign-exclusion.entity.js';
export type { Message, OutboxMessage } from './message.entity.js';
export type { Cascade, CascadeStatus, SendBatch, Setting } from './cascade.entity.js';
export type { AdminSession } from './admin-session.entity.js';
export type { AdminRole, AdminUser } from './admin-user.entity.js';
export type { AuditEntry } from './audit-entry.entity.js';
export type { BonusLot, LotKind, LotState } from './bonus-lot.entity.js';
export type { Category } from './category.entity.js';
export type { CategoryRule } from './category-rule.entity.js';
export type { CategoryRebuild, RebuildPhase, RebuildState } from './category-rebuild.entity.js';
export type { ConsentEvent } from './consent-event.entity.js';
export type { CardKind, Customer } from './customer.entity.js';
export type { CustomerCategoryStat } from './customer-category-stat.entity.js';
export type { CustomerConsent } from './customer-consent.entity.js';
export type { CustomerServiceConsent } from './customer-service-consent.entity.js';
export type { ImportCheckpoint } from './import-checkpoint.entity.js';
export type { LedgerEntry, LedgerKind } from './ledger-entry.entity.js';
export type { Offer } from './offer.entity.js';
export type { PosKey } from './pos-key.entity.js';
export type { Product } from './product.entity.js';
export type { Purchase } from './purchase.entity.js';
export type { PurchaseLine } from './purchase-line.entity.js';
export type { PurchaseReturn } from './purchase-return.entity.js';
export type { Store } from './store.entity.js';
export type { TemplateOverride } from './template.entity.js';

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
