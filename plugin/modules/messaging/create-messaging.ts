import type { EventBus } from '../../kernel/events/event-bus.js';
import type { RefillConfig } from '../../config/refill-options.js';
import type { Database } from '../../kernel/db/database.js';
import type { Category } from '../catalog/index.js';
import { TemplateRepository } from './repositories/template.repository.js';
import type { Clock } from '../../kernel/clock.js';
import { ReminderPlannerService, type ReminderPlannerPorts } from './services/reminder-planner.service.js';
import type { ChainOwnedKinds } from './services/chain-owned-kinds.port.js';
import { SendGuardService, type SendGuardPorts } from './services/send-guard.service.js';
import { SendReviewService } from './services/send-review.service.js';
import { SendRunQuery } from './repositories/send-run.query.js';
import { TemplateService } from './services/template.service.js';
import { TemplatePreviewService, type TemplatePreviewPorts } from './services/template-preview.service.js';
import { TemplateVersionRepository } from './repositories/template-version.repository.js';
import { CascadeContextLoader, type CascadeContextPorts } from './cascade/cascade-context.loader.js';
import { CascadeDispatcher, type CascadeDispatcherPorts } from './cascade/cascade-dispatcher.js';
import { MessageComposer } from './cascade/message-composer.js';
import type { Channel, ChannelProvider } from './channels/channel-provider.js';
import { createProviders, providerRates } from './channels/provider-registry.js';
import { SendRateRepository } from './repositories/send-rate.repository.js';
import { SendThrottle } from './cascade/send-throttle.js';
import { CampaignSpreadService } from './services/campaign-spread.service.js';
import { CustomerZoneQuery } from './repositories/customer-zone.query.js';
import { BudgetGate } from './cascade/budget-gate.js';
import { EmailEventsService, type EmailEventsPorts } from './services/email-events.service.js';
import { MessageSpendQuery } from './repositories/message-spend.query.js';
import { SqlOutboxStore } from './channels/sql-outbox.store.js';
import { InboundMessagesService, type InboundMessagesPorts } from './inbound-messages.service.js';
import { LinkSigner } from './link-signer.js';
import { MessageSender } from './message-sender.js';
import { DatabaseTemplateSource } from './templates/database-template-source.js';
import { TemplateRenderer } from './templates/template-renderer.js';
import type { SettingRepository } from '../../kernel/db/setting.repository.js';
import { AuditLogQuery, type AuditRepository } from '../admin/index.js';
import { GLOBAL_CONTROL_SETTING, parseGlobalControl } from '../campaigns/index.js';
import type { MessageRepository } from './repositories/message.repository.js';
import type { CascadeRepository } from './repositories/cascade.repository.js';
import { MessageLogQuery } from './repositories/message-log.query.js';
import { MessageLogService } from './services/message-log.service.js';
import { ChannelStatusService } from './channels/channel-status.service.js';
import { ContactPolicyService } from './policy/contact-policy.service.js';
import { configuredContactPolicy } from './policy/contact-policy.values.js';
import {
    FileTemplateSource,
    LayeredTemplateSource,
    shippedTemplatesDir,
} from './templates/template-source.js';

/**
 * The repositories {@link createMessaging} needs: what each service it builds
 * calls, and the whole repositories it hands on (settings to the link signer,
 * messages to the sender, audit to the template service).
 */
export type MessagingPorts = SendGuardPorts &
    EmailEventsPorts &
    ReminderPlannerPorts &
    InboundMessagesPorts &
    CascadeDispatcherPorts &
    CascadeContextPorts &
    TemplatePreviewPorts & {
        settings: SettingRepository;
        messages: MessageRepository;
        audit: AuditRepository;
        cascades: Pick<CascadeRepository, 'findByKey'>;
    };

/** Refill's messaging parts, built once per instance. */
export interface Messaging {
    /** One provider per channel (the outbox where none is configured). */
    providers: Map<Channel, ChannelProvider>;
    outbox: SqlOutboxStore;
    renderer: TemplateRenderer;
    templates: TemplateService;
    sender: MessageSender;
    dispatcher: CascadeDispatcher;
    sendGuard: SendGuardService;
    /** What the approver of a held campaign run sees: size, bill, first recipients' messages. */
    sendReview: SendReviewService;
    reminders: ReminderPlannerService;
    inbound: InboundMessagesService;
    /** The run-time contact policy (options as defaults). */
    contactPolicy: ContactPolicyService;
    /** The channels page: providers, state, failures, test sends. */
    channelStatus: ChannelStatusService;
    /** The message log. */
    messageLog: MessageLogService;
    /** Spreads a released campaign day over the sending window; the plan's send-time estimate. */
    spread: CampaignSpreadService;
    /** The email provider's signed bounce and complaint events. */
    emailEvents: EmailEventsService;
}

/**
 * Builds the messaging side of one Refill instance: templates (saved
 * overrides over the shipped files, one Handlebars instance), providers from
 * the validated channel configuration, the exactly-once sender, the cascade
 * engine, the send guard, the reminder planner and the inbound endpoints.
 * `chainOwnedKinds` (the chains module's) keeps the planner off the reminder
 * kinds an active trigger chain sends.
 */
export function createMessaging(
    db: Database,
    repos: MessagingPorts,
    config: RefillConfig,
    categories: () => Promise<Category[]>,
    clock: Clock,
    chainOwnedKinds: ChainOwnedKinds | null = null,
    events: EventBus | null = null,
): Messaging {
    const m = config.messaging;
    const templateRepo = new TemplateRepository(db);
    const dbTemplates = new DatabaseTemplateSource(templateRepo);
    const templateSource = new LayeredTemplateSource([
        dbTemplates,
        new FileTemplateSource(shippedTemplatesDir()),
    ]);
    const renderer = new TemplateRenderer(templateSource, {
        timezone: config.timezone,
        currency: config.currency,
    });
    const outbox = new SqlOutboxStore(db);
    const providers = createProviders(m.channels, outbox);
    const links = new LinkSigner(repos.settings, m.secret, clock);
    const sender = new MessageSender(db, repos.messages, clock);
    const loader = new CascadeContextLoader(db, repos, categories, config.timezone);
    const composer = new MessageComposer(renderer, links, m, config.timezone);
    const contactPolicy = new ContactPolicyService(
        db,
        repos.settings,
        repos.audit,
        configuredContactPolicy(m),
        clock,
    );
    const log = new MessageLogQuery(db);
    const rates = providerRates(m.channels);
    const spread = new CampaignSpreadService(
        db,
        repos.campaigns,
        new CustomerZoneQuery(db),
        rates,
        m,
        config.timezone,
        contactPolicy,
        clock,
    );
    const dispatcher = new CascadeDispatcher(
        db,
        repos,
        loader,
        composer,
        sender,
        providers,
        m,
        config.timezone,
        clock,
        contactPolicy,
        new SendThrottle(new SendRateRepository(db), rates, clock),
        new BudgetGate(db, new MessageSpendQuery(db), repos.campaigns, m.costs),
        { current: async () => parseGlobalControl(await repos.settings.get(GLOBAL_CONTROL_SETTING)) },
    );
    return {
        providers,
        outbox,
        renderer,
        templates: new TemplateService(
            db,
            templateRepo,
            new TemplateVersionRepository(db),
            dbTemplates,
            templateSource,
            renderer,
            new TemplatePreviewService(db, repos, templateSource, renderer, m.chain, config.timezone, clock),
            repos.audit,
            clock,
        ),
        sender,
        dispatcher,
        sendGuard: new SendGuardService(
            db,
            { ...repos, cascades: spread.releasing(repos.cascades) },
            config,
            clock,
        ),
        sendReview: new SendReviewService(db, repos, new SendRunQuery(db), loader, composer, m, clock),
        reminders: new ReminderPlannerService(db, repos, config, clock, chainOwnedKinds),
        inbound: new InboundMessagesService(
            db,
            repos,
            providers,
            links,
            config.defaultCountry,
            clock,
            events,
        ),
        contactPolicy,
        channelStatus: new ChannelStatusService(
            db,
            providers,
            log,
            repos.audit,
            new AuditLogQuery(db),
            config,
            clock,
        ),
        messageLog: new MessageLogService(log, repos.cascades, config.timezone),
        spread,
        emailEvents: new EmailEventsService(db, repos, m.emailEvents, clock, events),
    };
}
