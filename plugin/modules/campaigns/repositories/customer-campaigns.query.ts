import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { CampaignMemberEntity, type CampaignMember } from '../entities/campaign-member.entity.js';
import { OfferEntity, type Offer } from '../entities/offer.entity.js';

/** An offer with its campaign's name and when a purchase used it. */
export type CustomerOffer = Offer & { campaignName: string | null; usedAt: Date | null };

/** A membership with its campaign's name and status. */
export type CustomerMembership = CampaignMember & { campaignName: string; campaignStatus: string };

/**
 * A customer's personal offers and campaign memberships as the store desk
 * reads them, through the customer's indexes on `refill_offers` and
 * `refill_campaign_members`.
 */
export class CustomerCampaignsQuery {
    private readonly offers: EntityRowMapper<Offer>;
    private readonly members: EntityRowMapper<CampaignMember>;

    constructor(private readonly db: Database) {
        this.offers = db.rows(OfferEntity);
        this.members = db.rows(CampaignMemberEntity);
    }

    /** Every offer of the customer, newest first. */
    async offersOf(customerId: number): Promise<CustomerOffer[]> {
        // Hand-written: joins for the campaign's name and the using purchase's time.
        const rows = await this.db.all(
            `SELECT ${this.offers.select('o')}, c.name AS campaign_name, p.purchased_at AS used_at FROM refill_offers o LEFT JOIN refill_campaigns c ON c.id = o.campaign_id LEFT JOIN refill_purchases p ON p.id = o.redeemed_purchase_id WHERE o.customer_id = ? ORDER BY o.id DESC`,
            [customerId],
        );
        return rows.map((r) => ({
            ...this.offers.fromRow(r),
            campaignName:
                r.campaign_name === null || r.campaign_name === undefined ? null : String(r.campaign_name),
            usedAt: this.db.timeOrNull(r.used_at),
        }));
    }

    /** Every campaign membership of the customer, latest assignment first. */
    async membershipsOf(customerId: number): Promise<CustomerMembership[]> {
        // Hand-written: a join for the campaign's name and status.
        const rows = await this.db.all(
            `SELECT ${this.members.select('m')}, c.name AS campaign_name, c.status AS campaign_status FROM refill_campaign_members m JOIN refill_campaigns c ON c.id = m.campaign_id WHERE m.customer_id = ? ORDER BY m.assigned_at DESC, m.campaign_id DESC`,
            [customerId],
        );
        return rows.map((r) => ({
            ...this.members.fromRow(r),
            campaignName: String(r.campaign_name),
            campaignStatus: String(r.campaign_status),
        }));
    }
}
