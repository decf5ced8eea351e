/**
 * The messaging module's door: everything other modules and the composition level
 * may use. Nothing else in `plugin/modules/messaging/` is imported from outside it
 * (see README.md here and CONTRIBUTING.md).
 */
/** Entities: cascades, send batches and settings (`refill_cascades`, `refill_send_batches`, `refill_settings`). */
export {
    type Cascade,
    CascadeEntity,
    type CascadeStatus,
    type SendBatch,
    SendBatchEntity,
    type Setting,
    SettingEntity,
} from './entities/cascade.entity.js';
/** Entities: messages and the outbox (`refill_messages`, `refill_outbox`). */
export {
    type Message,
    MessageEntity,
    type OutboxMessage,
    OutboxMessageEntity,
} from './entities/message.entity.js';
/** Entity: template overrides (`refill_templates`). */
export { type TemplateOverride, TemplateOverrideEntity } from './entities/template.entity.js';
/** Entity: the history of saved template versions (`refill_template_versions`). */
export { type TemplateVersion, TemplateVersionEntity } from './entities/template-version.entity.js';
/** Entity: per-provider send-rate windows and pauses (`refill_send_rates`). */
export {
    type EmailEvent,
    EmailEventEntity,
    type SendRate,
    SendRateEntity,
} from './entities/send-rate.entity.js';
/** Query: what a campaign's or a trigger chain's messages cost so far (the spend a budget cap is held against). */
export { MessageSpendQuery, type SpendOwner } from './repositories/message-spend.query.js';
/** Repository: cascades. */
export { CascadeRepository } from './repositories/cascade.repository.js';
/** Repository: messages. */
export { MessageRepository } from './repositories/message.repository.js';
/** Query: messages per channel since a moment (the admin dashboard's today). */
export { type ChannelCounts, MessageDayCountsQuery } from './repositories/message-day-counts.query.js';
/** Query: customers due a reminder. */
export { ReminderCandidateQuery } from './repositories/reminder-candidate.query.js';
/** Repository: send batches. */
export { SendBatchRepository } from './repositories/send-batch.repository.js';
/** Service: plans reminders. */
export { ReminderPlannerService } from './services/reminder-planner.service.js';
/** Port: the built-in reminder kinds a trigger chain has taken over (chains implement it). */
export type { ChainOwnedKinds } from './services/chain-owned-kinds.port.js';
/** Service: the mass-send guard. */
export { SendGuardService } from './services/send-guard.service.js';
/** Service: what the approver of a held campaign run sees (size, bill, first recipients' messages). */
export { type SendReview, SendReviewService } from './services/send-review.service.js';
/** Service: template overrides and previews. */
export { TemplateService } from './services/template.service.js';
/** Admin API: message routes and their table. */
export { adminMessageRoutes, adminMessageRouteTable } from './routes/messages.routes.js';
/** Admin API: the message log and its table. */
export { adminMessageLogRoutes, adminMessageLogRouteTable } from './routes/message-log.routes.js';
/** Admin API: channels (state, test sends) and their table. */
export { adminChannelRoutes, adminChannelRouteTable } from './routes/channels.routes.js';
/** Admin API: the run-time contact policy and its table. */
export { adminContactPolicyRoutes, adminContactPolicyRouteTable } from './routes/contact-policy.routes.js';
/** Services behind the channels, contact policy and message log pages. */
export { ChannelStatusService } from './channels/channel-status.service.js';
export { ContactPolicyService } from './policy/contact-policy.service.js';
export { MessageLogService } from './services/message-log.service.js';
/** Public routes: unsubscribe, STOP and delivery callbacks. */
export { messagingPublicRoutes } from './routes/messaging-public.routes.js';
/** Admin API: campaign send routes and their table. */
export { adminSendRoutes, adminSendRouteTable, type SendApiServices } from './routes/sends.routes.js';
/** Admin API: the review of a held campaign run, and its table. */
export {
    adminSendReviewRoutes,
    adminSendReviewRouteTable,
    type SendReviewApiServices,
} from './routes/send-review.routes.js';
/** Admin API: template routes and their table. */
export { adminTemplateRoutes, adminTemplateRouteTable } from './routes/templates.routes.js';
/** Job definitions: message dispatch and reminders. */
export { messageRemindersJob, messagesDispatchJob } from './jobs/messaging-jobs.js';
/** Subscribes messaging to PurchaseCommitted, PurchaseReturned and MemberAssigned. */
export { subscribeMessaging } from './events/subscribe-messaging.js';
/** The cascade engine: sends due reminder steps, cheapest usable channel first. */
export { CascadeDispatcher } from './cascade/cascade-dispatcher.js';
/** The channel provider contract a host implements. */
export {
    type Channel,
    ChannelError,
    type ChannelProvider,
    type OutgoingMessage,
    type SendResult,
    type StatusUpdate,
} from './channels/channel-provider.js';
/** The outbox store the default provider writes to. */
export type { OutboxStore } from './channels/outbox.provider.js';
/** Channel provider options. */
export type { ChannelsConfig, ProviderConfig } from './channels/provider-registry.js';
/** The SQL outbox store. */
export { SqlOutboxStore } from './channels/sql-outbox.store.js';
/** Builds messaging's services (the composition root calls it once). */
export { createMessaging } from './create-messaging.js';
/** Service: the email provider's signed bounce and complaint events. */
export { EmailEventsService, type EmailEventsPorts } from './services/email-events.service.js';
/** Service: inbound replies and delivery reports. */
export { InboundMessagesService } from './inbound-messages.service.js';
/** Sends a message exactly once through a provider. */
export { MessageSender } from './message-sender.js';
/** Contact caps per channel and traffic class, and their defaults. */
export { type ContactCaps, DEFAULT_CONTACT_CAPS } from './policy/contact-caps.js';
/** Renders message templates. */
export { TemplateRenderer } from './templates/template-renderer.js';
/** Cascade rules: a campaign's default steps, its channels cheapest first (the editor's estimate shows them). */
export { buildSteps, type CascadeStep } from './rules/cascade.rules.js';
/** SMS: the cheaper of a text and its transliteration, with segments (the editor's preview counts them). */
export { cheaperVariant } from './sms/sms-transliteration.js';
/** Service: a chain's send steps as reminder cascades, and what came of them (the chains module takes it). */
export {
    type ChainSend,
    type ChainSendOutcome,
    chainCascadeKey,
    ChainMessagesService,
} from './services/chain-messages.service.js';
