/**
 * Refill's public API: create an instance, mount its router, call its
 * hooks; register its entities and migrations in a shared DataSource.
 */
export { createRefill } from './refill.js';
export type { Refill, RefillHooks, RefillServices } from './refill.js';
export type {
    AccrualOptions,
    PosOptions,
    RedemptionOptions,
    RefillConfig,
    RefillOptions,
    ReturnOptions,
} from './config/refill-options.js';
export { refillEntities } from './entities/index.js';
export * from './entities/index.js';
export { refillMigrations } from '../migrations/index.js';
export { RefillError, RefillConfigError } from './errors/refill-error.js';
export type { ErrorCode } from './errors/error-codes.js';
export type { BalanceView, CustomerUpdate, CustomerView, OfferView } from './services/customer.service.js';
export type {
    BasketLineInput,
    PreviewInput,
    PreviewResult,
    PurchaseInput,
    PurchaseRequest,
    PurchaseResult,
    ReturnResult,
} from './services/purchase.views.js';
export type { ReturnInput, ReturnRequest } from './services/return.service.js';
export type { CampaignOptions, MessagingOptions, SendGuardOptions } from './config/refill-options.js';
export type { ChannelsConfig, ProviderConfig } from './messaging/channels/provider-registry.js';
export { ChannelError } from './messaging/channels/channel-provider.js';
export type {
    Channel,
    ChannelProvider,
    OutgoingMessage,
    SendResult,
    StatusUpdate,
} from './messaging/channels/channel-provider.js';
export type { ContactVerdict } from './messaging/policy/contact-policy.js';
export type { CampaignDesign, CampaignView } from './services/campaign-design.js';
export type { CampaignReport } from './services/campaign-report.service.js';
export type { CampaignPlan } from './services/campaign-planning.service.js';
export type { SelectionSummary } from './services/campaign-selection.service.js';
