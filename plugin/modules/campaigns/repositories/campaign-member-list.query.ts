import type { Database } from '../../../kernel/db/database.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { Row } from '../../../kernel/db/sql-executor.js';

/** One member of a campaign with their outcome so far. */
export interface MemberOutcome {
    customerId: number;
    /** The whole card number: callers mask it unless the reader may see it. */
    cardNumber: string;
    group: 'test' | 'control';
    /** Chain-local day of the assignment, `YYYY-MM-DD`. */
    assignmentDay: string;
    assignedAt: Date;
    /** End of the member's window (validity + settlement lag). */
    windowEndsAt: Date;
    /** The window has closed. */
    mature: boolean;
    /** A purchase of the category inside the window (so far). */
    converted: boolean;
    /** Net category revenue inside the window (so far), minor units. */
    revenueInWindow: number;
    /** Whether the member's offer was used; null for control members (they get none). */
    offerUsed: boolean | null;
}

/** Which members to list. */
export interface MemberFilter {
    group?: 'test' | 'control';
    /** One card, exactly. */
    cardNumber?: string;
}

/**
 * The member list of a campaign: paged by customer id, each member with
 * their group, assignment, conversion, revenue in their window and whether
 * their offer was used, measured as the report measures them.
 */
export class CampaignMemberListQuery {
    constructor(private readonly db: Database) {}

    /** Members matching the filter. */
    async count(campaignId: number, filter: MemberFilter): Promise<number> {
        const where = this.where(filter);
        // Hand-written: an aggregate over a join.
        const [row] = await this.db.all(
            `SELECT COUNT(*) AS n FROM refill_campaign_members m JOIN refill_customers c ON c.id = m.customer_id WHERE m.campaign_id = ?${where.sql}`,
            [campaignId, ...where.params],
        );
        return Number(row?.n ?? 0);
    }

    /** One page in customer-id order: `limit` members after `offset` of them. */
    async page(
        campaignId: number,
        categoryId: number,
        now: Date,
        filter: MemberFilter,
        offset: number,
        limit: number,
    ): Promise<MemberOutcome[]> {
        const where = this.where(filter);
        const rows = await this.db.all(
            `${this.select()} WHERE m.campaign_id = ?${where.sql} ORDER BY m.customer_id LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`,
            [campaignId, ...where.params],
        );
        return this.withOutcomes(campaignId, categoryId, now, rows);
    }

    /** Every member matching the filter, page by page (keyset on the customer id): memory stays flat. */
    async *all(
        campaignId: number,
        categoryId: number,
        now: Date,
        filter: MemberFilter,
        pageSize = 2000,
    ): AsyncGenerator<MemberOutcome[]> {
        const where = this.where(filter);
        let after = -1;
        for (;;) {
            const rows = await this.db.all(
                `${this.select()} WHERE m.campaign_id = ?${where.sql} AND m.customer_id > ? ORDER BY m.customer_id LIMIT ${Math.floor(pageSize)}`,
                [campaignId, ...where.params, after],
            );
            if (!rows.length) return;
            yield await this.withOutcomes(campaignId, categoryId, now, rows);
            after = Number(rows[rows.length - 1].customer_id);
            if (rows.length < pageSize) return;
        }
    }

    private select(): string {
        // Hand-written: a join of members, cards and offers (a projection; offset and keyset pages).
        return `SELECT m.customer_id, c.card_number, m.group_name, m.assignment_day, m.assigned_at, m.window_ends_at,
                o.id AS offer_id, o.redeemed_purchase_id
            FROM refill_campaign_members m
            JOIN refill_customers c ON c.id = m.customer_id
            LEFT JOIN refill_offers o ON o.campaign_id = m.campaign_id AND o.customer_id = m.customer_id`;
    }

    private where(filter: MemberFilter): { sql: string; params: unknown[] } {
        let sql = '';
        const params: unknown[] = [];
        if (filter.group) {
            sql += ' AND m.group_name = ?';
            params.push(filter.group);
        }
        if (filter.cardNumber !== undefined) {
            sql += ' AND c.card_number = ?';
            params.push(filter.cardNumber);
        }
        return { sql, params };
    }

    /** Adds each member's conversion and net category revenue inside their own window. */
    private async withOutcomes(
        campaignId: number,
        categoryId: number,
        now: Date,
        rows: Row[],
    ): Promise<MemberOutcome[]> {
        const ids = rows.map((r) => Number(r.customer_id));
        const outcomes = new Map<number, number>();
        for (const chunk of sqlDialect.chunks(ids)) {
            // Hand-written: an aggregate over a join.
            const found = await this.db.all(
                `SELECT m.customer_id, SUM(l.amount - l.returned_amount) AS revenue
                 FROM refill_campaign_members m
                 JOIN refill_purchases p ON p.customer_id = m.customer_id
                    AND p.purchased_at >= m.assigned_at AND p.purchased_at < m.window_ends_at
                 JOIN refill_purchase_lines l ON l.purchase_id = p.id AND l.category_id = ?
                 WHERE m.campaign_id = ? AND m.customer_id IN (${sqlDialect.inList(chunk.length)})
                 GROUP BY m.customer_id`,
                [categoryId, campaignId, ...chunk],
            );
            for (const r of found) outcomes.set(Number(r.customer_id), Number(r.revenue ?? 0));
        }
        return rows.map((r) => {
            const customerId = Number(r.customer_id);
            const windowEndsAt = this.db.time(r.window_ends_at);
            const group = r.group_name as 'test' | 'control';
            return {
                customerId,
                cardNumber: String(r.card_number),
                group,
                assignmentDay: String(r.assignment_day),
                assignedAt: this.db.time(r.assigned_at),
                windowEndsAt,
                mature: windowEndsAt.getTime() <= now.getTime(),
                converted: outcomes.has(customerId),
                revenueInWindow: outcomes.get(customerId) ?? 0,
                offerUsed:
                    r.offer_id === null || r.offer_id === undefined
                        ? group === 'test'
                            ? false
                            : null
                        : r.redeemed_purchase_id !== null && r.redeemed_purchase_id !== undefined,
            };
        });
    }
}
