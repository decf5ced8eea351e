import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';

/** A campaign offer about to end whose customer has not bought the category since it began. */
export interface ExpiringOffer {
    offerId: number;
    customerId: number;
    campaignId: number;
    categoryId: number;
    endsAt: Date;
}

/** A customer with bonuses about to burn. */
export interface ExpiringBonuses {
    customerId: number;
    amount: number;
    firstExpiry: Date;
}

/** Finds who is due a reminder: offers about to end, bonuses about to burn, new customers. */
export class ReminderCandidateQuery {
    constructor(private readonly db: Database) {}

    /**
     * Active campaign offers ending in `(now, until]` (the status/ends_at index),
     * of campaigns whose sends are not killed, whose customer has not bought the
     * offer's category since the offer started.
     */
    async expiringOffers(now: Date, until: Date): Promise<ExpiringOffer[]> {
        // Hand-written: a join of other modules' tables (a projection).
        const rows = await this.db.all(
            `SELECT o.id, o.customer_id, o.campaign_id, o.category_id, o.ends_at
             FROM refill_offers o
             JOIN refill_campaigns c ON c.id = o.campaign_id AND c.sends_killed = 0
             LEFT JOIN refill_customer_category_stats s
               ON s.customer_id = o.customer_id AND s.category_id = o.category_id AND s.last_at >= o.starts_at
             WHERE o.status = 'active' AND o.ends_at > ? AND o.ends_at <= ? AND s.customer_id IS NULL`,
            [toDbTime(now), toDbTime(until)],
        );
        return rows.map((r) => ({
            offerId: Number(r.id),
            customerId: Number(r.customer_id),
            campaignId: Number(r.campaign_id),
            categoryId: Number(r.category_id),
            endsAt: this.db.time(r.ends_at),
        }));
    }

    /** Customers whose active bonuses burning in `(now, until]` add up to at least `minAmount`. */
    async expiringBonuses(now: Date, until: Date, minAmount: number): Promise<ExpiringBonuses[]> {
        // Hand-written: an aggregate.
        const rows = await this.db.all(
            `SELECT customer_id, SUM(remaining) AS amount, MIN(expires_at) AS first_expiry
             FROM refill_bonus_lots
             WHERE state = 'active' AND expires_at > ? AND expires_at <= ? AND remaining > 0
             GROUP BY customer_id HAVING SUM(remaining) >= ?`,
            [toDbTime(now), toDbTime(until), minAmount],
        );
        return rows.map((r) => ({
            customerId: Number(r.customer_id),
            amount: Number(r.amount),
            firstExpiry: this.db.time(r.first_expiry),
        }));
    }

    /** Customers enrolled since `since` (the enrolment index). */
    async newCustomers(since: Date): Promise<number[]> {
        const rows = await this.db.all(`SELECT id FROM refill_customers WHERE enrolled_at >= ?`, [
            toDbTime(since),
        ]);
        return rows.map((r) => Number(r.id));
    }
}
