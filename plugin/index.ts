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
export type { CreatedPosKey, PosKeySummary } from './modules/admin/index.js';
export type { CategoryView, RebuildProgress } from './modules/catalog/index.js';
export type { JobStatus } from './kernel/jobs/refill-scheduler.js';
export type {
    CustomerImportRecord,
    ImportOptions,
    ImportRecord,
    ImportSummary,
    ReceiptImportRecord,
} from './modules/import/index.js';
export type {
    AccrualOptions,
    PosOptions,
    RedemptionOptions,
    RefillOptions,
    ReturnOptions,
} from './config/refill-options.js';
export type { RefillLogger } from './kernel/logging/logger.port.js';
export { refillEntities } from './refill-entities.js';
export * from './refill-entities.js';
export { refillMigrations } from '../migrations/index.js';
export { RefillError, RefillConfigError } from './kernel/errors/refill-error.js';
export type { ErrorCode } from './kernel/errors/error-codes.js';
export type { BalanceView, CustomerUpdate, CustomerView, OfferView } from './modules/customers/index.js';
export type {
    BasketLineInput,
    PreviewInput,
    PreviewResult,
    PurchaseInput,
    PurchaseRequest,
    PurchaseResult,
    ReturnInput,
    ReturnRequest,
    ReturnResult,
} from './modules/ledger/index.js';
export type { CampaignOptions, MessagingOptions, SendGuardOptions } from './config/refill-options.js';
export {
    type Channel,
    ChannelError,
    type ChannelProvider,
    type ChannelsConfig,
    type OutgoingMessage,
    type ProviderConfig,
    type SendResult,
    type StatusUpdate,
} from './modules/messaging/index.js';
export type { CampaignDesign, CampaignReport, CampaignView } from './modules/campaigns/index.js';
