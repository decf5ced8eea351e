import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';

/** Which members a cost sum covers: those whose window has closed, or all of them. */
export type MemberSet = 'mature' | 'all';

/** What the campaign cost for one group of one member set. */
export interface GroupCost {
    /** Members in the set. */
    members: number;
    /** Offer bonuses the campaign's offers granted these members, minor units. */
    offerBonusesIssued: number;
    /**
     * Offer-bonus lines of these members that returns took back (in part or whole):
     * the line's offer bonus and its returned share of the quantity, in thousandths.
     */
    returnedOfferLines: Array<{ offerEarned: number; quantityMilli: number; returnedQuantityMilli: number }>;
    /** What the messages of the campaign to these members cost, minor units. */
    messageCost: number;
}

/** The costs per member set and group. */
export type MemberCosts = Record<MemberSet, Record<'test' | 'control', GroupCost>>;

const emptyCost = (): GroupCost => ({
    members: 0,
    offerBonusesIssued: 0,
    returnedOfferLines: [],
    messageCost: 0,
});

/**
 * The cost side of the campaign report, summed over the same members as its
 * effects: mature members (window closed) and all members, per group. Offer
 * bonuses are those the campaign's offers granted each member; the lines
 * returns touched come back as rows so the caller can take the returned share
 * out exactly; message costs are each member's messages of the campaign.
 */
export class CampaignReportQuery {
    /** Offer bonuses and message costs of the members, mature ones and all, per group. */
    async memberCosts(exec: SqlExecutor | Database, campaignId: number, now: Date): Promise<MemberCosts> {
        const t = toDbTime(now);
        // Hand-written: aggregates over joins.
        const [sums, returned] = await Promise.all([
            exec.all(
                `SELECT m.group_name, CASE WHEN m.window_ends_at <= ? THEN 1 ELSE 0 END AS mature,
                    COUNT(*) AS members, SUM(COALESCE(i.issued, 0)) AS issued, SUM(COALESCE(c.cost, 0)) AS message_cost
                 FROM refill_campaign_members m
                 LEFT JOIN (
                    SELECT o.customer_id, SUM(b.amount) AS issued FROM refill_offers o
                    JOIN refill_bonus_lots b ON b.customer_id = o.customer_id AND b.offer_id = o.id AND b.kind = 'offer'
                    WHERE o.campaign_id = ? GROUP BY o.customer_id
                 ) i ON i.customer_id = m.customer_id
                 LEFT JOIN (
                    SELECT customer_id, SUM(cost) AS cost FROM refill_messages WHERE campaign_id = ? GROUP BY customer_id
                 ) c ON c.customer_id = m.customer_id
                 WHERE m.campaign_id = ?
                 GROUP BY m.group_name, CASE WHEN m.window_ends_at <= ? THEN 1 ELSE 0 END`,
                [t, campaignId, campaignId, campaignId, t],
            ),
            exec.all(
                `SELECT m.group_name, CASE WHEN m.window_ends_at <= ? THEN 1 ELSE 0 END AS mature,
                    l.offer_earned, l.quantity_milli, l.returned_quantity_milli
                 FROM refill_campaign_members m
                 JOIN refill_offers o ON o.campaign_id = m.campaign_id AND o.customer_id = m.customer_id
                 JOIN refill_bonus_lots b ON b.customer_id = o.customer_id AND b.offer_id = o.id AND b.kind = 'offer'
                 JOIN refill_purchase_lines l ON l.purchase_id = b.purchase_id AND l.category_id = o.category_id
                 WHERE m.campaign_id = ? AND l.offer_earned > 0 AND l.returned_quantity_milli > 0`,
                [t, campaignId],
            ),
        ]);
        const out: MemberCosts = {
            mature: { test: emptyCost(), control: emptyCost() },
            all: { test: emptyCost(), control: emptyCost() },
        };
        const sets = (mature: unknown): MemberSet[] => (Number(mature) === 1 ? ['mature', 'all'] : ['all']);
        for (const r of sums) {
            const group = r.group_name as 'test' | 'control';
            for (const set of sets(r.mature)) {
                const g = out[set][group];
                g.members += Number(r.members);
                g.offerBonusesIssued += Number(r.issued ?? 0);
                g.messageCost += Number(r.message_cost ?? 0);
            }
        }
        for (const r of returned) {
            const line = {
                offerEarned: Number(r.offer_earned),
                quantityMilli: Number(r.quantity_milli),
                returnedQuantityMilli: Number(r.returned_quantity_milli),
            };
            for (const set of sets(r.mature))
                out[set][r.group_name as 'test' | 'control'].returnedOfferLines.push(line);
        }
        return out;
    }
}
