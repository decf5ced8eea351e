import { randomBytes } from 'node:crypto';
import type { RefillConfig } from '../../config/refill-options.js';
import type { Clock } from '../../kernel/clock.js';
import { addDays } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import { RefillError } from '../../kernel/errors/refill-error.js';
import { maskCard } from '../../kernel/logging/logger.js';
import { CHANNEL_CONTACTS, type Channel } from '../../kernel/vocabulary/channels.js';
import type { AuditRepository } from '../../modules/admin/index.js';
import type { CatalogService } from '../../modules/catalog/index.js';
import {
    type Campaign,
    type CampaignDesign,
    type CampaignSelectionService,
    type CampaignService,
    campaignTestCards,
} from '../../modules/campaigns/index.js';
import type { Customer } from '../../modules/customers/index.js';
import {
    cheaperVariant,
    type ChannelProvider,
    type TemplateRenderer,
} from '../../modules/messaging/index.js';

/** A step's message rendered for one customer. */
export interface MessagePreview {
    channel: string;
    locale: 'ru' | 'en';
    /** `card`: the card asked for; `segment`: the first eligible customer of today's dry run. */
    source: 'card' | 'segment';
    /** The customer, card masked (the name is what the message says). */
    customer: { card: string; name: string | null };
    /** Whether the customer has an address in this channel. */
    reachable: boolean;
    subject: string | null;
    text: string;
    html: string | null;
    /** SMS: segments of the variant that would be sent, and whether it is the transliterated one. */
    sms: { segments: number; transliterated: boolean } | null;
}

/** What a preview asks for. */
export interface PreviewAsk {
    design: CampaignDesign;
    campaignId?: number;
    channel: Channel;
    /** A customer's card; without it, the first eligible customer of today's segment. */
    card?: string;
}

/** What the previews read and send through. */
export interface MessagePreviewSources {
    campaigns: Pick<CampaignService, 'unsaved' | 'find'>;
    campaignSelection: Pick<CampaignSelectionService, 'dryRunOf'>;
    catalog: Pick<CatalogService, 'categories'>;
    renderer: Pick<TemplateRenderer, 'render'>;
    customerByCard(card: string): Promise<Customer | null>;
    customerById(id: number): Promise<Customer | null>;
    providers: ReadonlyMap<string, ChannelProvider>;
    audit: Pick<AuditRepository, 'append'>;
}

/** What a category is called in a message without a public label (never its own name). */
const NEUTRAL_LABEL = { ru: 'ваши привычные товары', en: 'your usual products' } as const;

/**
 * The campaign editor's message previews: a cascade step's lapse-offer
 * message rendered with the design's offer for a real customer — one the
 * marketer names by card, or the first eligible customer of today's dry
 * run — and a test send of it to one of a saved campaign's test cards
 * (audited; straight through the channel's provider, outside the contact
 * policy and the campaign's reminders).
 */
export class CampaignMessagePreviewService {
    constructor(
        private readonly db: Database,
        private readonly sources: MessagePreviewSources,
        private readonly config: Pick<RefillConfig, 'messaging' | 'timezone'>,
        private readonly clock: Clock,
    ) {}

    /** Renders the step's message for a real customer. */
    async preview(ask: PreviewAsk): Promise<MessagePreview> {
        const campaign = await this.sources.campaigns.unsaved(ask.design, ask.campaignId);
        const customer = ask.card ? await this.byCard(ask.card) : await this.fromSegment(campaign);
        return this.render(campaign, customer, ask.channel, ask.card ? 'card' : 'segment');
    }

    /** Sends the step's message of a saved campaign to one of its test cards; audited. */
    async testSend(
        campaignId: number,
        channel: Channel,
        card: string,
        actor: string,
    ): Promise<{ preview: MessagePreview; providerMessageId: string }> {
        const campaign = await this.sources.campaigns.find(campaignId);
        if (!(campaignTestCards(campaign) ?? []).includes(card))
            throw new RefillError('REFILL_UNPROCESSABLE', 'Not one of the campaign’s test cards', [
                {
                    path: 'card',
                    message: 'not a test card of this campaign (set them on the campaign first)',
                },
            ]);
        const customer = await this.byCard(card);
        const preview = await this.render(campaign, customer, channel, 'card');
        const to = customer[CHANNEL_CONTACTS[channel]];
        const provider = this.sources.providers.get(channel);
        if (!to || !provider)
            throw new RefillError('REFILL_UNPROCESSABLE', `The test card cannot be reached by ${channel}`, [
                { path: 'channel', message: `no ${channel} address for this card, or no provider` },
            ]);
        const sent = await provider.send({
            key: `test-send:${campaignId}:${randomBytes(8).toString('hex')}`,
            channel,
            to,
            text: preview.text,
            ...(preview.subject !== null ? { subject: preview.subject } : {}),
            ...(preview.html !== null ? { html: preview.html } : {}),
            ...(preview.sms ? { segments: preview.sms.segments } : {}),
            marketing: true,
        });
        await this.db.transaction((tx) =>
            this.sources.audit.append(
                tx,
                {
                    actor,
                    action: 'campaign.test_send',
                    entityType: 'campaign',
                    entityId: String(campaignId),
                    details: { card: maskCard(card), channel, providerMessageId: sent.providerMessageId },
                },
                this.clock(),
            ),
        );
        return { preview, providerMessageId: sent.providerMessageId };
    }

    private async byCard(card: string): Promise<Customer> {
        const customer = await this.sources.customerByCard(card);
        if (!customer)
            throw new RefillError('REFILL_CUSTOMER_NOT_FOUND', 'No customer with this card', [
                { path: 'card', message: 'no customer with this card' },
            ]);
        return customer;
    }

    private async fromSegment(campaign: Campaign): Promise<Customer> {
        const dryRun = await this.sources.campaignSelection.dryRunOf(campaign, { sample: 1 });
        const id = dryRun.sampleCustomerIds?.[0];
        const customer = id === undefined ? null : await this.sources.customerById(id);
        if (!customer)
            throw new RefillError('REFILL_NOT_FOUND', 'Nobody is in today’s segment: name a card to preview');
        return customer;
    }

    private async render(
        campaign: Campaign,
        customer: Customer,
        channel: Channel,
        source: MessagePreview['source'],
    ): Promise<MessagePreview> {
        const locale: 'ru' | 'en' =
            customer.locale === 'en' || customer.locale === 'ru'
                ? customer.locale
                : (this.config.messaging.defaultLocale as 'ru' | 'en');
        const category = (await this.sources.catalog.categories()).find((c) => c.id === campaign.categoryId);
        const data = {
            customer: { name: customer.name, balance: customer.balance },
            offer: {
                kind: campaign.offerKind,
                multiplier: campaign.multiplier,
                giftAmount: campaign.giftAmount,
                minAmount: campaign.giftMinAmount,
                endsAt: addDays(this.clock(), campaign.offerValidDays).toISOString(),
            },
            category: { publicLabel: category?.publicLabel ?? NEUTRAL_LABEL[locale] },
            chain: this.config.messaging.chain,
            unsubscribeUrl: `${(this.config.messaging.publicUrl ?? '').replace(/\/$/, '')}/messaging/v1/unsubscribe/preview`,
        };
        const timezone = customer.timezone ?? this.config.timezone;
        const rendered = await this.sources.renderer.render('lapse-offer', channel, locale, data, timezone);
        const base = {
            channel,
            locale,
            source,
            customer: { card: maskCard(customer.cardNumber), name: customer.name },
            reachable: Boolean(customer[CHANNEL_CONTACTS[channel]]),
        };
        if ('subject' in rendered)
            return {
                ...base,
                subject: rendered.subject,
                text: rendered.text,
                html: rendered.html,
                sms: null,
            };
        if (channel !== 'sms') return { ...base, subject: null, text: rendered.text, html: null, sms: null };
        const v = cheaperVariant(rendered.text, {
            transliterate: rendered.transliterate !== undefined,
            scheme: rendered.transliterate,
        });
        return {
            ...base,
            subject: null,
            text: v.text,
            html: null,
            sms: { segments: v.segments, transliterated: v.transliterated },
        };
    }
}
