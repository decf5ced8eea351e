import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { Row } from '../../../kernel/db/sql-executor.js';
import { type LapseDays, type LapsedRange, parseRecentDays } from '../../catalog/index.js';
import type { CardKind } from '../../customers/index.js';
import { bool, numOrNull } from '../../../kernel/db/row-mappers.js';

/** A customer the daily selection looks at, with what eligibility needs (never the contacts themselves). */
export interface Candidate {
    customerId: number;
    segment: 'lapsed' | 'regular';
    /** Epoch days of their latest purchase days in the category (lapsed only). */
    recentDays: number[];
    cardKind: CardKind;
    hasPhone: boolean;
    hasEmail: boolean;
    purchaseCount: number;
    purchaseTotal: number;
    firstPurchaseAt: Date | null;
    /** Channels the customer consented to (of all channels). */
    consents: Set<string>;
    /** A running offer of the campaign's category. */
    activeOffer: boolean;
    /** Any offer made since the cooldown began. */
    recentOffer: boolean;
    /** Already a member of the campaign. */
    member: boolean;
}

/** What the candidate queries compute per row besides the candidate itself. */
export interface EligibilityProbe {
    campaignId: number;
    categoryId: number;
    now: Date;
    /** Offers made at or after this count against the cooldown. */
    cooldownSince: Date;
}

/** Where a page of regular candidates is read from. */
export interface RegularRange {
    categoryId: number;
    /** Active in the chain: last purchase at or after this. */
    activeSince: Date;
    minPurchases: number;
    fromId: number;
    toId: number;
}

const CUSTOMER_FIELDS =
    'c.card_kind, c.phone IS NOT NULL AS has_phone, c.email IS NOT NULL AS has_email, c.purchase_count, c.purchase_total, c.first_purchase_at';

/**
 * Eligibility facts computed in the same statement, per candidate row, by
 * index lookups (consents by primary key, offers by customer, members by
 * primary key): one round trip per page instead of one per lookup.
 */
const PROBE_FIELDS = `(SELECT GROUP_CONCAT(k.channel) FROM refill_customer_consents k WHERE k.customer_id = c.id AND k.granted = ?) AS consent_channels,
    EXISTS (SELECT 1 FROM refill_offers o WHERE o.customer_id = c.id AND o.category_id = ? AND o.status = 'active' AND o.ends_at > ?) AS active_offer,
    EXISTS (SELECT 1 FROM refill_offers o WHERE o.customer_id = c.id AND o.created_at >= ?) AS recent_offer,
    EXISTS (SELECT 1 FROM refill_campaign_members m WHERE m.campaign_id = ? AND m.customer_id = c.id) AS member`;

function probeParams(p: EligibilityProbe): unknown[] {
    return [true, p.categoryId, toDbTime(p.now), toDbTime(p.cooldownSince), p.campaignId];
}

/** The customer-id range condition of a part; none for the whole base, so the planner keeps the category index. */
function idRange(range: { fromId: number; toId: number }): string {
    return range.fromId <= 0 && range.toId >= Number.MAX_SAFE_INTEGER
        ? ''
        : ' AND s.customer_id BETWEEN ? AND ?';
}

function idRangeParams(range: { fromId: number; toId: number }): number[] {
    return idRange(range) ? [range.fromId, range.toId] : [];
}

/** The statistics range of the lapse rule, with the keyset position after `after` (one definition for every reader). */
function lapsedWhere(range: LapsedRange, after: { lastAt: string; id: number } | null): [string, unknown[]] {
    const keyset = after ? ' AND (s.last_at > ? OR (s.last_at = ? AND s.customer_id > ?))' : '';
    return [
        `s.category_id = ? AND s.last_at >= ? AND s.last_at < ? AND s.purchase_count >= ?${idRange(range)}${keyset}`,
        [
            range.categoryId,
            toDbTime(range.lastFrom),
            toDbTime(range.lastBefore),
            range.minPurchases,
            ...idRangeParams(range),
            ...(after ? [after.lastAt, after.lastAt, after.id] : []),
        ],
    ];
}

/**
 * The set-based reads of the daily selection. Candidates come in pages
 * (keyset pagination, so memory stays flat whatever the base size); the
 * lapsed ones by a range on the statistics index `(category_id, last_at)`,
 * the regular ones by a primary-key range over customers. Cards blocked at
 * the store desk are never candidates.
 */
export class CampaignCandidateQuery {
    constructor(private readonly db: Database) {}

    /** Lapsed candidates, page by page in (last_at, customer_id) order. */
    async *lapsed(range: LapsedRange, probe: EligibilityProbe, pageSize = 2000): AsyncGenerator<Candidate[]> {
        let after: { lastAt: string; id: number } | null = null;
        for (;;) {
            const [where, params] = lapsedWhere(range, after);
            // Hand-written: a keyset page over a join, with eligibility probes (a projection).
            const rows: Row[] = await this.db.all(
                `SELECT s.customer_id, s.last_at, s.recent_days, ${CUSTOMER_FIELDS}, ${PROBE_FIELDS}
                 FROM refill_customer_category_stats s JOIN refill_customers c ON c.id = s.customer_id
                 WHERE ${where} AND c.blocked_at IS NULL
                 ORDER BY s.last_at, s.customer_id LIMIT ${pageSize}`,
                [...probeParams(probe), ...params],
            );
            if (!rows.length) return;
            yield rows.map((r) => this.candidate(r, 'lapsed'));
            const last = rows[rows.length - 1];
            after = { lastAt: toDbTime(this.db.time(last.last_at)), id: Number(last.customer_id) };
            if (rows.length < pageSize) return;
        }
    }

    /**
     * The rows of the same range with only their purchase days (the category's
     * lapsed-buyers count), page by page in (last_at, customer_id) order.
     */
    async *lapseDays(range: LapsedRange, pageSize = 2000): AsyncGenerator<LapseDays[]> {
        let after: { lastAt: string; id: number } | null = null;
        for (;;) {
            const [where, params] = lapsedWhere(range, after);
            // Hand-written: a keyset page of one index range (a projection).
            const rows: Row[] = await this.db.all(
                `SELECT s.customer_id, s.last_at, s.recent_days FROM refill_customer_category_stats s
                 WHERE ${where} ORDER BY s.last_at, s.customer_id LIMIT ${pageSize}`,
                params,
            );
            if (!rows.length) return;
            yield rows.map((r) => ({
                customerId: Number(r.customer_id),
                recentDays: parseRecentDays(String(r.recent_days)),
            }));
            const last = rows[rows.length - 1];
            after = { lastAt: toDbTime(this.db.time(last.last_at)), id: Number(last.customer_id) };
            if (rows.length < pageSize) return;
        }
    }

    /** Regular candidates: active in the chain, never bought the category. Pages in id order. */
    async *regular(
        range: RegularRange,
        probe: EligibilityProbe,
        pageSize = 2000,
    ): AsyncGenerator<Candidate[]> {
        let afterId = range.fromId - 1;
        for (;;) {
            // Hand-written: a keyset page with eligibility probes (a projection).
            const rows: Row[] = await this.db.all(
                `SELECT c.id AS customer_id, ${CUSTOMER_FIELDS}, ${PROBE_FIELDS} FROM refill_customers c
                 WHERE c.id > ? AND c.id <= ? AND c.last_purchase_at >= ? AND c.purchase_count >= ? AND c.blocked_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM refill_customer_category_stats s WHERE s.customer_id = c.id AND s.category_id = ?)
                 ORDER BY c.id LIMIT ${pageSize}`,
                [
                    ...probeParams(probe),
                    afterId,
                    range.toId,
                    toDbTime(range.activeSince),
                    range.minPurchases,
                    range.categoryId,
                ],
            );
            if (!rows.length) return;
            yield rows.map((r) => this.candidate(r, 'regular'));
            afterId = Number(rows[rows.length - 1].customer_id);
            if (rows.length < pageSize) return;
        }
    }

    /** Revenue of each customer's receipts since `since` (only read when a campaign filters on it). */
    async revenueSince(customerIds: readonly number[], since: Date): Promise<Map<number, number>> {
        const out = new Map<number, number>();
        for (const chunk of sqlDialect.chunks(customerIds)) {
            // Hand-written: an aggregate.
            const rows = await this.db.all(
                `SELECT customer_id, SUM(total_amount) AS total FROM refill_purchases WHERE customer_id IN (${sqlDialect.inList(chunk.length)}) AND purchased_at >= ? GROUP BY customer_id`,
                [...chunk, toDbTime(since)],
            );
            for (const r of rows) out.set(Number(r.customer_id), Number(r.total));
        }
        return out;
    }

    /** The smallest and largest customer id, for splitting the work into ranges. */
    async customerIdRange(): Promise<{ min: number; max: number } | null> {
        // Hand-written: an aggregate.
        const [row] = await this.db.all(`SELECT MIN(id) AS lo, MAX(id) AS hi FROM refill_customers`);
        const lo = numOrNull(row?.lo);
        return lo === null ? null : { min: lo, max: Number(row.hi) };
    }

    private candidate(r: Row, segment: Candidate['segment']): Candidate {
        return {
            customerId: Number(r.customer_id),
            segment,
            recentDays: segment === 'lapsed' ? parseRecentDays(String(r.recent_days)) : [],
            cardKind: (r.card_kind as CardKind) ?? 'regular',
            hasPhone: bool(r.has_phone),
            hasEmail: bool(r.has_email),
            purchaseCount: Number(r.purchase_count),
            purchaseTotal: Number(r.purchase_total),
            firstPurchaseAt: this.db.timeOrNull(r.first_purchase_at),
            consents: new Set(r.consent_channels ? String(r.consent_channels).split(',') : []),
            activeOffer: bool(r.active_offer),
            recentOffer: bool(r.recent_offer),
            member: bool(r.member),
        };
    }
}
