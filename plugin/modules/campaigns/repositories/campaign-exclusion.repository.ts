import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { CampaignExclusionEntity, type CampaignExclusion } from '../entities/campaign-exclusion.entity.js';

/** One customer a selection run excluded, and why. */
export interface ExcludedCustomer {
    customerId: number;
    reason: string;
}

/** Distinct excluded customers of a campaign, per reason. */
export interface ExclusionCounts {
    /** Reason → customers excluded for it at least once (a customer may count under several reasons). */
    byReason: Record<string, number>;
    /** Customers excluded at least once, for any reason. */
    customers: number;
    /** Of those, customers who became members on a later day. */
    laterAssigned: number;
}

/**
 * Reads and writes `refill_campaign_exclusions`: each (campaign, customer,
 * reason) the daily selection excluded, once, with the first day. A re-run
 * of a part, or the same exclusion on the next day, writes nothing new.
 */
export class CampaignExclusionRepository {
    private readonly exclusions: EntityRowMapper<CampaignExclusion>;

    constructor(db: Database) {
        this.exclusions = db.rows(CampaignExclusionEntity);
    }

    /** Records a page's excluded customers (rows that exist are kept as they are). */
    async record(
        exec: SqlExecutor | Database,
        campaignId: number,
        day: string,
        excluded: readonly ExcludedCustomer[],
    ): Promise<void> {
        const shape = this.exclusions.all;
        for (const chunk of sqlDialect.chunks(excluded, 500))
            await exec.run(
                shape.insert(chunk.length, sqlDialect.insertIgnore(exec.dialect)),
                shape.valuesOf(chunk.map((e) => ({ ...e, campaignId, firstDay: day }))),
            );
    }

    /** Distinct excluded customers per reason, overall, and how many of them were assigned later. */
    async counts(exec: SqlExecutor | Database, campaignId: number): Promise<ExclusionCounts> {
        // Hand-written: aggregates.
        const rows = await exec.all(
            `SELECT reason, COUNT(*) AS n FROM refill_campaign_exclusions WHERE campaign_id = ? GROUP BY reason ORDER BY reason`,
            [campaignId],
        );
        const [total] = await exec.all(
            `SELECT COUNT(DISTINCT e.customer_id) AS customers,
                COUNT(DISTINCT CASE WHEN m.customer_id IS NOT NULL THEN e.customer_id END) AS assigned
             FROM refill_campaign_exclusions e
             LEFT JOIN refill_campaign_members m ON m.campaign_id = e.campaign_id AND m.customer_id = e.customer_id
             WHERE e.campaign_id = ?`,
            [campaignId],
        );
        return {
            byReason: Object.fromEntries(rows.map((r) => [String(r.reason), Number(r.n)])),
            customers: Number(total?.customers ?? 0),
            laterAssigned: Number(total?.assigned ?? 0),
        };
    }
}
