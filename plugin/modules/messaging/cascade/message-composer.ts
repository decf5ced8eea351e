import type { RefillConfig } from '../../../config/refill-options.js';
import type { Cascade } from '../entities/cascade.entity.js';
import type { Customer } from '../../customers/index.js';
import type { OutgoingMessage } from '../channels/channel-provider.js';
import { CHANNEL_CONTACTS, isChannel, type Channel } from '../../../kernel/vocabulary/channels.js';
import type { MessagePayload, MessageTemplateData } from '../../../kernel/vocabulary/message-data.js';
import type { MessageKind } from '../../../kernel/vocabulary/message-kinds.js';
import type { LinkSigner } from '../link-signer.js';
import { cheaperVariant } from '../sms/sms-transliteration.js';
import type { TemplateLocale } from '../templates/template-helpers.js';
import type { TemplateRenderer } from '../templates/template-renderer.js';
import type { CascadeContext } from './cascade-context.loader.js';

/** The address a channel sends to, or null when the customer has none. */
export function contactFor(customer: Customer, channel: string): string | null {
    return isChannel(channel) ? customer[CHANNEL_CONTACTS[channel]] : null;
}

/** What an email says instead of a category that has no public label. */
const NEUTRAL_LABEL: Record<TemplateLocale, string> = {
    ru: 'ваши привычные товары',
    en: 'your usual products',
};

/** A message ready for the sender, with what the SMS variant choice found. */
export interface ComposedMessage {
    message: Omit<OutgoingMessage, 'key'>;
    transliterated: boolean;
}

/**
 * Turns a cascade step into a message: the template data (customer, offer,
 * category label, the reminder's own figures, the chain, an unsubscribe link
 * for marketing), the customer's locale and timezone (their own, else
 * their store's: dates are shown where they live), and for SMS the
 * cheaper of the original and the transliterated text when the template
 * opted in.
 */
export class MessageComposer {
    constructor(
        private readonly renderer: TemplateRenderer,
        private readonly links: LinkSigner,
        private readonly config: RefillConfig['messaging'],
        private readonly timezone: string,
    ) {}

    /** Composes the message of `cascade` for `channel`. */
    async compose(
        cascade: Cascade,
        customer: Customer,
        channel: Channel,
        ctx: CascadeContext,
    ): Promise<ComposedMessage> {
        const locale = (
            customer.locale === 'en' || customer.locale === 'ru' ? customer.locale : this.config.defaultLocale
        ) as TemplateLocale;
        const marketing = cascade.traffic === 'marketing';
        const unsubscribeUrl = marketing
            ? `${(this.config.publicUrl ?? '').replace(/\/$/, '')}/messaging/v1/unsubscribe/${await this.links.unsubscribeToken({ customerId: customer.id, channel })}`
            : undefined;
        const data = { ...this.data(cascade, customer, ctx, locale), unsubscribeUrl };
        const rendered = await this.renderer.render(
            cascade.kind,
            channel,
            locale,
            data,
            ctx.zones.get(customer.id) ?? this.timezone,
        );
        const to = contactFor(customer, channel) as string;
        if ('subject' in rendered)
            return {
                message: {
                    channel,
                    to,
                    text: rendered.text,
                    subject: rendered.subject,
                    html: rendered.html,
                    marketing,
                    unsubscribeUrl,
                },
                transliterated: false,
            };
        if (channel !== 'sms')
            return { message: { channel, to, text: rendered.text, marketing }, transliterated: false };
        const variant = cheaperVariant(rendered.text, {
            transliterate: rendered.transliterate !== undefined,
            scheme: rendered.transliterate,
        });
        return {
            message: { channel, to, text: variant.text, marketing, segments: variant.segments },
            transliterated: variant.transliterated,
        };
    }

    private data(
        cascade: Cascade,
        customer: Customer,
        ctx: CascadeContext,
        locale: TemplateLocale,
    ): Omit<MessageTemplateData<MessageKind>, 'unsubscribeUrl'> {
        const offer =
            (cascade.offerId !== null ? ctx.offers.get(cascade.offerId) : undefined) ??
            (cascade.campaignId !== null
                ? ctx.campaignOffers.get(`${cascade.campaignId}:${customer.id}`)
                : undefined);
        const category = cascade.categoryId !== null ? ctx.categories.get(cascade.categoryId) : undefined;
        const payload = cascade.payload ? (JSON.parse(cascade.payload) as MessagePayload<MessageKind>) : {};
        return {
            customer: { name: customer.name, balance: customer.balance },
            offer: offer && {
                kind: offer.kind,
                multiplier: offer.multiplier,
                giftAmount: offer.giftAmount,
                minAmount: offer.minAmount,
                endsAt: offer.endsAt.toISOString(),
            },
            // Never the category's own name (it may name a condition): its public label, or a neutral phrase.
            category: category && { publicLabel: category.publicLabel ?? NEUTRAL_LABEL[locale] },
            chain: this.config.chain,
            ...payload,
        };
    }
}
