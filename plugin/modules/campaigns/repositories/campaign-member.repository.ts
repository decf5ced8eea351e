import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { CampaignMemberEntity, type CampaignMember } from '../entities/campaign-member.entity.js';

/** Outcome sums of one group on one assignment day, over all members and over mature ones. */
export interface GroupDayOutcome {
    group: 'test' | 'control';
    day: string;
    members: number;
    mature: number;
    /** Mature members with at least one purchase of the category in their window. */
    conversions: number;
    /** Σ net category revenue of mature members, minor units. */
    revenue: number;
    /** Σ revenue² of mature members. */
    revenueSquares: number;
    /** The same three over every member, windows still open included (provisional). */
    allConversions: number;
    allRevenue: number;
    allRevenueSquares: number;
}

/** Reads and writes `refill_campaign_members`: write-once assignments and their outcomes. */
export class CampaignMemberRepository {
    private readonly members: EntityRowMapper<CampaignMember>;

    constructor(db: Database) {
        this.members = db.rows(CampaignMemberEntity);
    }

    /** Inserts new members. A customer already in the campaign makes the whole statement fail: members are never rewritten. */
    async insertMany(tx: SqlExecutor, members: readonly CampaignMember[]): Promise<void> {
        const shape = this.members.all;
        for (const chunk of sqlDialect.chunks(members, 500))
            await tx.run(shape.insert(chunk.length), shape.valuesOf(chunk));
    }

    /** Members assigned on a day, per group. */
    async countForDay(
        exec: SqlExecutor | Database,
        campaignId: number,
        day: string,
    ): Promise<{ test: number; control: number }> {
        // Hand-written: aggregates, here and below.
        const rows = await exec.all(
            `SELECT group_name, COUNT(*) AS n FROM refill_campaign_members WHERE campaign_id = ? AND assignment_day = ? GROUP BY group_name`,
            [campaignId, day],
        );
        const count = (g: string) => Number(rows.find((r) => r.group_name === g)?.n ?? 0);
        return { test: count('test'), control: count('control') };
    }

    /** Members assigned on a day within a customer-id range (one part of the day's run). */
    async countForDayInRange(
        exec: SqlExecutor | Database,
        campaignId: number,
        day: string,
        fromId: number,
        toId: number,
    ): Promise<number> {
        const [row] = await exec.all(
            `SELECT COUNT(*) AS n FROM refill_campaign_members WHERE campaign_id = ? AND assignment_day = ? AND customer_id BETWEEN ? AND ?`,
            [campaignId, day, fromId, toId],
        );
        return Number(row?.n ?? 0);
    }

    /**
     * Conversion and net revenue of every member in the campaign's category
     * inside their own window [assigned_at, window_ends_at), measured the
     * same way for both groups, summed per group and assignment day. Returns
     * recorded by now reduce revenue. One set-based query.
     */
    async outcomes(
        exec: SqlExecutor | Database,
        campaignId: number,
        categoryId: number,
        now: Date,
    ): Promise<GroupDayOutcome[]> {
        const t = toDbTime(now);
        const rows = await exec.all(
            `SELECT m.group_name, m.assignment_day, COUNT(*) AS members,
                SUM(CASE WHEN m.window_ends_at <= ? THEN 1 ELSE 0 END) AS mature,
                SUM(CASE WHEN m.window_ends_at <= ? AND x.customer_id IS NOT NULL THEN 1 ELSE 0 END) AS conversions,
                SUM(CASE WHEN m.window_ends_at <= ? THEN COALESCE(x.revenue, 0) ELSE 0 END) AS revenue,
                SUM(CASE WHEN m.window_ends_at <= ? THEN COALESCE(x.revenue, 0) * 1.0 * COALESCE(x.revenue, 0) ELSE 0 END) AS revenue_sq,
                SUM(CASE WHEN x.customer_id IS NOT NULL THEN 1 ELSE 0 END) AS all_conversions,
                SUM(COALESCE(x.revenue, 0)) AS all_revenue,
                SUM(COALESCE(x.revenue, 0) * 1.0 * COALESCE(x.revenue, 0)) AS all_revenue_sq
             FROM refill_campaign_members m
             LEFT JOIN (
                SELECT b.customer_id, SUM(l.amount - l.returned_amount) AS revenue
                FROM refill_campaign_members b
                JOIN refill_purchases p ON p.customer_id = b.customer_id
                    AND p.purchased_at >= b.assigned_at AND p.purchased_at < b.window_ends_at
                JOIN refill_purchase_lines l ON l.purchase_id = p.id AND l.category_id = ?
                WHERE b.campaign_id = ?
                GROUP BY b.customer_id
             ) x ON x.customer_id = m.customer_id
             WHERE m.campaign_id = ?
             GROUP BY m.group_name, m.assignment_day
             ORDER BY m.assignment_day, m.group_name`,
            [t, t, t, t, categoryId, campaignId, campaignId],
        );
        return rows.map((r) => ({
            group: r.group_name as 'test' | 'control',
            day: String(r.assignment_day),
            members: Number(r.members),
            mature: Number(r.mature ?? 0),
            conversions: Number(r.conversions ?? 0),
            revenue: Number(r.revenue ?? 0),
            revenueSquares: Number(r.revenue_sq ?? 0),
            allConversions: Number(r.all_conversions ?? 0),
            allRevenue: Number(r.all_revenue ?? 0),
            allRevenueSquares: Number(r.all_revenue_sq ?? 0),
        }));
    }

    /** Offer bonuses the campaign's offers have granted (lots of kind `offer`), minor units. */
    async offerBonuses(exec: SqlExecutor | Database, campaignId: number): Promise<number> {
        const [row] = await exec.all(
            `SELECT COALESCE(SUM(l.amount), 0) AS total FROM refill_offers o JOIN refill_bonus_lots l ON l.customer_id = o.customer_id AND l.offer_id = o.id WHERE o.campaign_id = ? AND l.kind = 'offer'`,
            [campaignId],
        );
        return Number(row?.total ?? 0);
    }

    /** Control members who got an offer of the same category from elsewhere in their window (contamination). */
    async contaminatedControls(
        exec: SqlExecutor | Database,
        campaignId: number,
        categoryId: number,
    ): Promise<number> {
        const [row] = await exec.all(
            `SELECT COUNT(DISTINCT m.customer_id) AS n FROM refill_campaign_members m
             JOIN refill_offers o ON o.customer_id = m.customer_id AND o.category_id = ?
                AND o.created_at >= m.assigned_at AND o.created_at < m.window_ends_at
             WHERE m.campaign_id = ? AND m.group_name = 'control'`,
            [categoryId, campaignId],
        );
        return Number(row?.n ?? 0);
    }
}
