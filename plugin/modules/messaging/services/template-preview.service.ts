import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { MessageKind } from '../../../kernel/vocabulary/message-kinds.js';
import type { TemplateChannel } from '../../../kernel/vocabulary/template-channels.js';
import type { OfferRepository } from '../../campaigns/index.js';
import type { CustomerRepository } from '../../customers/index.js';
import { isZone } from '../policy/customer-zone.js';
import { smsPreview, type SmsPreview } from '../sms/sms-preview.js';
import type { TemplateLocale } from '../templates/template-helpers.js';
import type { RenderedMessage, TemplateRenderer } from '../templates/template-renderer.js';
import { sampleData } from '../templates/template-samples.js';
import type { TemplateSource } from '../templates/template-source.js';
import { kindGroups } from '../templates/template-variables.js';

/** What a preview asks for: a stored template or an unsaved source, on sample data or a customer's. */
export interface PreviewRequest {
    kind: MessageKind;
    channel: TemplateChannel;
    locale: TemplateLocale;
    source?: string;
    /** Render with this customer's data (name, balance, active offer, timezone) instead of the samples. */
    cardNumber?: string;
}

/** A template rendered for a preview. */
export interface TemplatePreview {
    message: RenderedMessage;
    sms?: SmsPreview;
    /** The customer whose data it was rendered with, or null for the sample data. */
    customer: { cardNumber: string; name: string | null } | null;
    /** The data groups the preview took from the samples (all of them without a customer). */
    sampled: string[];
}

/** The repository methods a customer preview reads. */
export interface TemplatePreviewPorts {
    customers: Pick<CustomerRepository, 'findByCard'>;
    offers: Pick<OfferRepository, 'findActive'>;
}

/**
 * Renders templates for people who edit them: a stored template or an
 * unsaved source (checked first, so a broken one answers the coded error
 * with its line), on the sample data or on a chosen customer's data, with
 * the SMS segments of the text as it is and transliterated.
 */
export class TemplatePreviewService {
    constructor(
        private readonly db: Database,
        private readonly ports: TemplatePreviewPorts,
        private readonly source: TemplateSource,
        private readonly renderer: TemplateRenderer,
        private readonly chain: { name: string; url?: string },
        private readonly timezone: string,
        private readonly clock: Clock,
    ) {}

    /** Renders the request's template on the sample data or the customer's. */
    async preview(request: PreviewRequest): Promise<TemplatePreview> {
        const { kind, channel, locale } = request;
        if (request.source !== undefined) this.renderer.validate(kind, channel, request.source);
        const found =
            request.source === undefined
                ? await this.source.find(kind, channel, locale)
                : { source: request.source, locale };
        if (!found)
            throw new RefillError('REFILL_NOT_FOUND', `No ${channel} template for ${kind} (${locale})`);
        const { data, timezone, customer, sampled } = await this.data(kind, locale, request.cardNumber);
        const message = this.renderer.renderSource(kind, channel, found.locale, found.source, data, timezone);
        const answer: TemplatePreview = { message, customer, sampled };
        if (channel === 'sms' && !('html' in message))
            answer.sms = smsPreview(message.text, message.transliterate);
        return answer;
    }

    /** The sample data, or the customer's where Refill has it (the rest stays sampled). */
    private async data(kind: MessageKind, locale: TemplateLocale, cardNumber: string | undefined) {
        const sample = sampleData(locale);
        const groups: string[] = kindGroups(kind);
        if (cardNumber === undefined)
            return { data: sample, timezone: undefined, customer: null, sampled: groups };
        const found = await this.ports.customers.findByCard(this.db, cardNumber);
        if (!found)
            throw new RefillError('REFILL_CUSTOMER_NOT_FOUND', 'No customer with this card number', [
                { path: 'cardNumber', message: 'no customer has this card' },
            ]);
        const [offer] = await this.ports.offers.findActive(this.db, found.id, this.clock());
        const real = new Set(['customer', 'chain', ...(offer ? ['offer'] : [])]);
        const data: Record<string, unknown> = {
            ...sample,
            customer: { name: found.name, balance: found.balance },
            chain: this.chain,
        };
        if (offer)
            data.offer = {
                kind: offer.kind,
                multiplier: offer.multiplier,
                giftAmount: offer.giftAmount,
                minAmount: offer.minAmount,
                endsAt: offer.endsAt.toISOString(),
            };
        return {
            data,
            timezone: isZone(found.timezone) ? found.timezone : this.timezone,
            customer: { cardNumber: found.cardNumber, name: found.name },
            sampled: groups.filter((g) => !real.has(g)),
        };
    }
}
