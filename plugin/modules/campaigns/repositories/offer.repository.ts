import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { type SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { OfferEntity, type Offer } from '../entities/offer.entity.js';

/** An offer to insert. */
export type NewOffer = Omit<Offer, 'id' | 'status' | 'redeemedPurchaseId' | 'createdAt'>;

/** What a new offer sets: it starts active, never redeemed. */
const INSERTED = [
    'customerId',
    'campaignId',
    'categoryId',
    'kind',
    'multiplier',
    'giftAmount',
    'minAmount',
    'bonusLifetimeDays',
    'startsAt',
    'endsAt',
    'status',
    'createdAt',
] as const;

/** Reads and writes `refill_offers`. */
export class OfferRepository {
    private readonly offers: EntityRowMapper<Offer>;

    constructor(private readonly db: Database) {
        this.offers = db.rows(OfferEntity);
    }

    /** The customer's offers that are running at `now`. */
    async findActive(exec: SqlExecutor | Database, customerId: number, now: Date): Promise<Offer[]> {
        const t = toDbTime(now);
        const rows = await exec.all(
            `SELECT ${this.offers.columns} FROM refill_offers WHERE customer_id = ? AND status = 'active' AND ends_at > ? AND starts_at <= ? ORDER BY ends_at, id`,
            [customerId, t, t],
        );
        return rows.map((r) => this.offers.fromRow(r));
    }

    /** Inserts an offer and returns its id. */
    async insert(tx: SqlExecutor, offer: NewOffer, now: Date): Promise<number> {
        const shape = this.offers.pick(INSERTED);
        return (await tx.run(shape.insert(1), shape.values(inserted(offer, now)))).insertId;
    }

    /** Inserts many offers in multi-row statements (campaign assignment). */
    async insertMany(tx: SqlExecutor, offers: readonly NewOffer[], now: Date): Promise<void> {
        const shape = this.offers.pick(INSERTED);
        for (const chunk of sqlDialect.chunks(offers, 500))
            await tx.run(shape.insert(chunk.length), shape.valuesOf(chunk.map((o) => inserted(o, now))));
    }

    /** Marks offers as used by a purchase. */
    async markRedeemed(tx: SqlExecutor, ids: readonly number[], purchaseId: number): Promise<void> {
        if (!ids.length) return;
        await tx.run(
            `UPDATE refill_offers SET status = 'redeemed', redeemed_purchase_id = ? WHERE id IN (${sqlDialect.inList(ids.length)}) AND status = 'active'`,
            [purchaseId, ...ids],
        );
    }

    /** The latest end among a customer's active offers, or null. */
    async latestEnd(tx: SqlExecutor, customerId: number, now: Date): Promise<Date | null> {
        // Hand-written: an aggregate.
        const [row] = await tx.all<{ until: unknown }>(
            `SELECT MAX(ends_at) AS until FROM refill_offers WHERE customer_id = ? AND status = 'active' AND ends_at > ?`,
            [customerId, toDbTime(now)],
        );
        return this.db.timeOrNull(row?.until);
    }

    /** Offers by id. */
    async findByIds(exec: SqlExecutor | Database, ids: readonly number[]): Promise<Offer[]> {
        if (!ids.length) return [];
        const rows = await exec.all(
            `SELECT ${this.offers.columns} FROM refill_offers WHERE id IN (${sqlDialect.inList(ids.length)})`,
            ids,
        );
        return rows.map((r) => this.offers.fromRow(r));
    }

    /** The offers a campaign gave these customers (the latest per customer wins in callers' maps). */
    async findForCampaign(
        exec: SqlExecutor | Database,
        campaignId: number,
        customerIds: readonly number[],
    ): Promise<Offer[]> {
        if (!customerIds.length) return [];
        const rows = await exec.all(
            `SELECT ${this.offers.columns} FROM refill_offers WHERE campaign_id = ? AND customer_id IN (${sqlDialect.inList(customerIds.length)}) ORDER BY id`,
            [campaignId, ...customerIds],
        );
        return rows.map((r) => this.offers.fromRow(r));
    }
}

/** A new offer as inserted: active, created now. */
function inserted(offer: NewOffer, now: Date): Pick<Offer, (typeof INSERTED)[number]> {
    return { ...offer, status: 'active', createdAt: now };
}
