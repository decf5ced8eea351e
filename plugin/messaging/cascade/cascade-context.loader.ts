import type { Database } from '../../db/database.js';
import { toDbTime } from '../../db/db-time.js';
import { sqlDialect } from '../../db/sql-dialect.js';
import type { Campaign } from '../../entities/campaign.entity.js';
import type { Cascade } from '../../entities/cascade.entity.js';
import type { Category } from '../../entities/category.entity.js';
import type { Customer } from '../../entities/customer.entity.js';
import type { Offer } from '../../entities/offer.entity.js';
import type { Repositories } from '../../services/repositories.js';
import { localStartOf } from '../policy/send-window.js';

/** What was already sent to one customer: the counts the contact policy caps. */
export class ContactCounts {
    /** Send times per channel and traffic, newest last. */
    private readonly sent: Array<{ channel: string; traffic: string; at: Date }> = [];

    constructor(private readonly zone: string) {}

    /** Records a message (loaded, or just sent). */
    add(channel: string, traffic: string, at: Date): void {
        this.sent.push({ channel, traffic, at });
    }

    /** Messages in `channel` on the customer's local day of `now`. */
    today(channel: string, now: Date): number {
        const start = localStartOf(now, this.zone, 'day');
        return this.sent.filter((s) => s.channel === channel && s.at >= start).length;
    }

    /** Marketing messages in the customer's local month of `now`. */
    marketingThisMonth(now: Date): number {
        const start = localStartOf(now, this.zone, 'month');
        return this.sent.filter((s) => s.traffic === 'marketing' && s.at >= start).length;
    }
}

/** Everything one page of due cascades needs, loaded in a handful of statements. */
export interface CascadeContext {
    customers: Map<number, Customer>;
    /** Channels each customer consented to. */
    consents: Map<number, Set<string>>;
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
 * Loads the context of a page of cascades: customers, consents, what was
 * sent to them this month (for the caps), their campaigns (fresh every page,
 * so the kill switch and test mode take effect within one tick), member
 * segments, offers, categories and the status of the messages waited on.
 */
export class CascadeContextLoader {
    constructor(
        private readonly db: Database,
        private readonly repos: Repositories,
        private readonly categories: () => Promise<Category[]>,
        private readonly timezone: string,
    ) {}

    /** Loads the context of `page` at `now`. */
    async load(page: readonly Cascade[], now: Date): Promise<CascadeContext> {
        const ids = [...new Set(page.map((c) => c.customerId))];
        const customers = new Map<number, Customer>();
        for (const chunk of sqlDialect.chunks(ids))
            for (const c of await this.repos.customers.findByIds(this.db, chunk)) customers.set(c.id, c);
        const consents = new Map<number, Set<string>>();
        for (const [id, list] of await this.repos.consents.findForCustomers(this.db, ids))
            consents.set(id, new Set(list.filter((c) => c.granted).map((c) => c.channel)));
        const counts = await this.counts(ids, customers, now);
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
            counts,
            campaigns,
            segments,
            offers,
            campaignOffers,
            categories,
            messageStatus,
        };
    }

    private async counts(
        ids: readonly number[],
        customers: Map<number, Customer>,
        now: Date,
    ): Promise<Map<number, ContactCounts>> {
        const out = new Map<number, ContactCounts>();
        for (const id of ids) out.set(id, new ContactCounts(customers.get(id)?.timezone ?? this.timezone));
        // A local month starts at most 31 days and 14 hours (the widest UTC offset) before now.
        const since = new Date(now.getTime() - 32 * 86_400_000);
        for (const chunk of sqlDialect.chunks(ids)) {
            const rows = await this.db.all(
                `SELECT customer_id, channel, traffic, created_at FROM refill_messages WHERE customer_id IN (${sqlDialect.inList(chunk.length)}) AND created_at >= ? AND status IN ('sending', 'sent', 'delivered', 'read')`,
                [...chunk, toDbTime(since)],
            );
            for (const r of rows)
                out.get(Number(r.customer_id))?.add(
                    String(r.channel),
                    String(r.traffic),
                    this.db.time(r.created_at),
                );
        }
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
