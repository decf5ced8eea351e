import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import { type Row, type SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { Offer } from '../entities/offer.entity.js';
import { numOrNull } from '../../../kernel/db/row-mappers.js';

/** An offer to insert. */
export type NewOffer = Omit<Offer, 'id' | 'status' | 'redeemedPurchaseId' | 'createdAt'>;

const COLUMNS =
    'id, customer_id, campaign_id, category_id, kind, multiplier, gift_amount, min_amount, bonus_lifetime_days, starts_at, ends_at, status, redeemed_purchase_id, created_at';

const INSERT_COLUMNS =
    'customer_id, campaign_id, category_id, kind, multiplier, gift_amount, min_amount, bonus_lifetime_days, starts_at, ends_at, status, created_at';

/** Reads and writes `refill_offers`. */
export class OfferRepository {
    constructor(private readonly db: Database) {}

    /** The customer's offers that are running at `now`. */
    async findActive(exec: SqlExecutor | Database, customerId: number, now: Date): Promise<Offer[]> {
        const t = toDbTime(now);
        const rows = await exec.all(
            `SELECT ${COLUMNS} FROM refill_offers WHERE customer_id = ? AND status = 'active' AND ends_at > ? AND starts_at <= ? ORDER BY ends_at, id`,
            [customerId, t, t],
        );
        return rows.map((r) => this.map(r));
    }

    /** Inserts an offer and returns its id. */
    async insert(tx: SqlExecutor, offer: NewOffer, now: Date): Promise<number> {
        const result = await tx.run(
            `INSERT INTO refill_offers (${INSERT_COLUMNS}) VALUES (${INSERT_COLUMNS.split(', ')
                .map(() => '?')
                .join(', ')})`,
            this.values(offer, now),
        );
        return result.insertId;
    }

    /** Inserts many offers in multi-row statements (campaign assignment). */
    async insertMany(tx: SqlExecutor, offers: readonly NewOffer[], now: Date): Promise<void> {
        const cols = INSERT_COLUMNS.split(', ');
        for (const chunk of sqlDialect.chunks(offers, 500))
            await tx.run(
                `INSERT INTO refill_offers (${INSERT_COLUMNS}) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, cols.length)}`,
                chunk.flatMap((o) => this.values(o, now)),
            );
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
            `SELECT ${COLUMNS} FROM refill_offers WHERE id IN (${sqlDialect.inList(ids.length)})`,
            ids,
        );
        return rows.map((r) => this.map(r));
    }

    /** The offers a campaign gave these customers (the latest per customer wins in callers' maps). */
    async findForCampaign(
        exec: SqlExecutor | Database,
        campaignId: number,
        customerIds: readonly number[],
    ): Promise<Offer[]> {
        if (!customerIds.length) return [];
        const rows = await exec.all(
            `SELECT ${COLUMNS} FROM refill_offers WHERE campaign_id = ? AND customer_id IN (${sqlDialect.inList(customerIds.length)}) ORDER BY id`,
            [campaignId, ...customerIds],
        );
        return rows.map((r) => this.map(r));
    }

    private values(offer: NewOffer, now: Date): unknown[] {
        return [
            offer.customerId,
            offer.campaignId,
            offer.categoryId,
            offer.kind,
            offer.multiplier,
            offer.giftAmount,
            offer.minAmount,
            offer.bonusLifetimeDays,
            toDbTime(offer.startsAt),
            toDbTime(offer.endsAt),
            'active',
            toDbTime(now),
        ];
    }

    private map(r: Row): Offer {
        return {
            id: Number(r.id),
            customerId: Number(r.customer_id),
            campaignId: numOrNull(r.campaign_id),
            categoryId: Number(r.category_id),
            kind: r.kind as Offer['kind'],
            multiplier: numOrNull(r.multiplier),
            giftAmount: numOrNull(r.gift_amount),
            minAmount: numOrNull(r.min_amount),
            bonusLifetimeDays: Number(r.bonus_lifetime_days),
            startsAt: this.db.time(r.starts_at),
            endsAt: this.db.time(r.ends_at),
            status: String(r.status),
            redeemedPurchaseId: numOrNull(r.redeemed_purchase_id),
            createdAt: this.db.time(r.created_at),
        };
    }
}
