/**
 * Refill's public API: create an instance, mount its router, call its
 * hooks; register its entities and migrations in a shared DataSource.
 */
export { createRefill } from './refill.js';
export type { Refill, RefillHooks } from './refill.js';
export type { RefillAdmin, AdminUserView } from './refill-admin.facade.js';
export type {
    AdminUserInput,
    CampaignDraft,
    CategoryPut,
    PosKeyInput,
    StoreInput,
} from './refill-admin.inputs.js';
export type { CreatedPosKey } from './modules/admin/services/pos-key.service.js';
export type { PosKeySummary } from './modules/admin/repositories/pos-key.repository.js';
export type { CategoryView } from './modules/catalog/services/chronic-category.service.js';
export type { RebuildProgress } from './modules/catalog/services/category-rebuild.service.js';
export type { JobStatus } from './kernel/jobs/refill-scheduler.js';
export type {
    AccrualOptions,
    PosOptions,
    RedemptionOptions,
    RefillConfig,
    RefillOptions,
    ReturnOptions,
} from './config/refill-options.js';
export type { RefillLogger } from './kernel/logging/logger.port.js';
export { refillEntities } from './refill-entities.js';
export * from './refill-entities.js';
export { refillMigrations } from '../migrations/index.js';
export { RefillError, RefillConfigError } from './kernel/errors/refill-error.js';
export type { ErrorCode } from './kernel/errors/error-codes.js';
export type {
    BalanceView,
    CustomerUpdate,
    CustomerView,
    OfferView,
} from './modules/customers/services/customer.service.js';
export type {
    BasketLineInput,
    PreviewInput,
    PreviewResult,
    PurchaseInput,
    PurchaseRequest,
    PurchaseResult,
    ReturnResult,
} from './modules/ledger/services/purchase.views.js';
export type { ReturnInput, ReturnRequest } from './modules/ledger/services/return.service.js';
export type { CampaignOptions, MessagingOptions, SendGuardOptions } from './config/refill-options.js';
export type { ChannelsConfig, ProviderConfig } from './modules/messaging/channels/provider-registry.js';
export { ChannelError } from './modules/messaging/channels/channel-provider.js';
export type {
    Channel,
    ChannelProvider,
    OutgoingMessage,
    SendResult,
    StatusUpdate,
} from './modules/messaging/channels/channel-provider.js';
export type { ContactVerdict } from './modules/messaging/policy/contact-policy.js';
export type { CampaignDesign, CampaignView } from './modules/campaigns/services/campaign-design.js';
export type { CampaignReport } from './modules/campaigns/services/campaign-report.service.js';
export type { CampaignPlan } from './modules/campaigns/services/campaign-planning.service.js';
export type { SelectionSummary } from './modules/campaigns/services/campaign-selection.service.js';
