import type { Database } from '../../../kernel/db/database.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { Campaign, CampaignRepository, Offer, OfferRepository } from '../../campaigns/index.js';
import type { Cascade } from '../entities/cascade.entity.js';
import type { Category } from '../../catalog/index.js';
import type {
    ConsentPurpose,
    ConsentRepository,
    Customer,
    CustomerRepository,
} from '../../customers/index.js';
import type { MessageRepository } from '../repositories/message.repository.js';
import { ContactHistoryQuery } from '../repositories/contact-history.query.js';
import { CustomerZoneQuery } from '../repositories/customer-zone.query.js';
import type { SentMessage } from '../policy/contact-caps.js';
import { customerZone, isZone } from '../policy/customer-zone.js';
import { MS_PER_DAY } from '../../../kernel/units/time.js';

/** The repository methods {@link CascadeContextLoader} calls (the composition root passes its bag). */
export interface CascadeContextPorts {
    campaigns: Pick<CampaignRepository, 'find'>;
    consents: Pick<ConsentRepository, 'findForCustomers'>;
    customers: Pick<CustomerRepository, 'findByIds'>;
    messages: Pick<MessageRepository, 'statuses'>;
    offers: Pick<OfferRepository, 'findByIds' | 'findForCampaign'>;
}

/** What was already sent to one customer lately: the history the contact policy's caps count. */
export class ContactCounts {
    private readonly sent: SentMessage[] = [];

    /** Records a message (loaded with its key, or just sent in this page). */
    add(channel: string, traffic: string, at: Date, key?: string): void {
        this.sent.push({ channel, traffic, at, key });
    }

    /** Every message recorded, oldest first as loaded, this page's sends last. */
    recent(): readonly SentMessage[] {
        return this.sent;
    }
}

/** Everything one page of due cascades needs, loaded in a handful of statements. */
export interface CascadeContext {
    customers: Map<number, Customer>;
    /** Channels each customer consented to for marketing. */
    consents: Map<number, Set<string>>;
    /** Channels each customer takes service messages in (bonus expiry, balance, welcome). */
    serviceConsents: Map<number, Set<string>>;
    /**
     * The timezone each customer's messages are timed and dated in: their
     * own, else their latest purchase's store's, else their enrolment
     * store's, else the chain's.
     */
    zones: Map<number, string>;
    counts: Map<number, ContactCounts>;
    campaigns: Map<number, Campaign>;
    /** `campaignId:customerId` → the member's segment. */
    segments: Map<string, string>;
    /** Offers by id, and the latest offer per `campaignId:customerId`. */
    offers: Map<number, Offer>;
    campaignOffers: Map<string, Offer>;
    categories: Map<number, Category>;
    /** Delivery status of the messages waited on, by message key. */
    messageStatus: Map<string, string>;
}

/**
 * Loads the context of a page of cascades: customers with their timezones,
 * marketing and service consents, what was sent to them lately (for the
 * caps and the gap), their campaigns (fresh every page, so the kill switch
 * and test mode take effect within one tick), member segments, offers,
 * categories and the status of the messages waited on.
 */
export class CascadeContextLoader {
    constructor(
        private readonly db: Database,
        private readonly repos: CascadeContextPorts,
        private readonly categories: () => Promise<Category[]>,
        private readonly timezone: string,
        private readonly history = new ContactHistoryQuery(db),
        private readonly zoneSources = new CustomerZoneQuery(db),
    ) {}

    /** Loads the context of `page` at `now`. */
    async load(page: readonly Cascade[], now: Date): Promise<CascadeContext> {
        const ids = [...new Set(page.map((c) => c.customerId))];
        const customers = new Map<number, Customer>();
        for (const chunk of sqlDialect.chunks(ids))
            for (const c of await this.repos.customers.findByIds(this.db, chunk)) customers.set(c.id, c);
        const consents = await this.granted(ids, 'marketing');
        const serviceConsents = await this.granted(ids, 'service');
        const zones = await this.zones(customers);
        const counts = await this.counts(ids, now);
        const campaignIds = [
            ...new Set(page.map((c) => c.campaignId).filter((id): id is number => id !== null)),
        ];
        const campaigns = new Map<number, Campaign>();
        for (const id of campaignIds) {
            const campaign = await this.repos.campaigns.find(this.db, id);
            if (campaign) campaigns.set(id, campaign);
        }
        const { segments, campaignOffers } = await this.members(page);
        const offerIds = page.map((c) => c.offerId).filter((id): id is number => id !== null);
        const offers = new Map<number, Offer>();
        for (const chunk of sqlDialect.chunks(offerIds))
            for (const o of await this.repos.offers.findByIds(this.db, chunk)) offers.set(o.id, o);
        const waited = page.map((c) => c.messageKey).filter((k): k is string => k !== null);
        const messageStatus = await this.repos.messages.statuses(waited);
        const categories = new Map((await this.categories()).map((c) => [c.id, c]));
        return {
            customers,
            consents,
            serviceConsents,
            zones,
            counts,
            campaigns,
            segments,
            offers,
            campaignOffers,
            categories,
            messageStatus,
        };
    }

    /** The channels each customer's consents of `purpose` grant. */
    private async granted(
        ids: readonly number[],
        purpose: ConsentPurpose,
    ): Promise<Map<number, Set<string>>> {
        const out = new Map<number, Set<string>>();
        for (const [id, list] of await this.repos.consents.findForCustomers(this.db, ids, purpose))
            out.set(id, new Set(list.filter((c) => c.granted).map((c) => c.channel)));
        return out;
    }

    /** Each customer's timezone; the stores are only asked about for customers without one. */
    private async zones(customers: Map<number, Customer>): Promise<Map<number, string>> {
        const out = new Map<number, string>();
        const unknown: number[] = [];
        for (const [id, c] of customers)
            if (isZone(c.timezone)) out.set(id, c.timezone);
            else unknown.push(id);
        for (const [id, sources] of await this.zoneSources.sources(unknown))
            out.set(id, customerZone(sources, this.timezone));
        return out;
    }

    /** What each customer was sent lately: a local month starts at most 31 days and 14 hours before now. */
    private async counts(ids: readonly number[], now: Date): Promise<Map<number, ContactCounts>> {
        const out = new Map<number, ContactCounts>();
        for (const id of ids) out.set(id, new ContactCounts());
        const since = new Date(now.getTime() - 32 * MS_PER_DAY);
        for (const [id, sent] of await this.history.sentSince(ids, since))
            for (const s of sent) out.get(id)?.add(s.channel, s.traffic, s.at, s.key);
        return out;
    }

    private async members(page: readonly Cascade[]) {
        const segments = new Map<string, string>();
        const campaignOffers = new Map<string, Offer>();
        const byCampaign = new Map<number, number[]>();
        for (const c of page)
            if (c.campaignId !== null) {
                const list = byCampaign.get(c.campaignId) ?? [];
                list.push(c.customerId);
                byCampaign.set(c.campaignId, list);
            }
        for (const [campaignId, customerIds] of byCampaign)
            for (const chunk of sqlDialect.chunks([...new Set(customerIds)])) {
                const rows = await this.db.all(
                    `SELECT customer_id, segment FROM refill_campaign_members WHERE campaign_id = ? AND customer_id IN (${sqlDialect.inList(chunk.length)})`,
                    [campaignId, ...chunk],
                );
                for (const r of rows)
                    segments.set(`${campaignId}:${Number(r.customer_id)}`, String(r.segment));
                for (const o of await this.repos.offers.findForCampaign(this.db, campaignId, chunk))
                    campaignOffers.set(`${campaignId}:${o.customerId}`, o);
            }
        return { segments, campaignOffers };
    }
}
