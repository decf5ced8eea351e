import type { Database } from '../../../kernel/db/database.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';

/** Whose spend to add up: a campaign's or a trigger chain's messages. */
export type SpendOwner = { campaignId: number } | { chainId: number };

/**
 * What a campaign's or a chain's messages cost so far: the sum of
 * `refill_messages.cost` (minor units, as each provider answered, held and
 * dropped decisions at 0). This is the spend a budget cap is held against;
 * the offers' bonus cost is not in it (it is only known once customers
 * redeem, after the messages went out, and the campaign report counts it
 * apart).
 */
export class MessageSpendQuery {
    constructor(private readonly db: Database) {}

    /** The spend of one campaign or chain, minor units. */
    async spendOf(owner: SpendOwner): Promise<number> {
        const [column, id] =
            'campaignId' in owner ? ['campaign_id', owner.campaignId] : ['chain_id', owner.chainId];
        const [row] = await this.db.all<{ spent: unknown }>(
            // Cast: mysql2 returns SUM() of integers as a string.
            `SELECT COALESCE(SUM(cost), 0) AS spent FROM refill_messages WHERE ${column} = ?`,
            [id],
        );
        return Number(row?.spent ?? 0);
    }

    /** The spend of several campaigns at once, by campaign id (0 for none). */
    async campaignSpends(campaignIds: readonly number[]): Promise<Map<number, number>> {
        const out = new Map<number, number>(campaignIds.map((id) => [id, 0]));
        for (const chunk of sqlDialect.chunks(campaignIds, 500)) {
            if (!chunk.length) continue;
            const rows = await this.db.all<{ campaign_id: unknown; spent: unknown }>(
                `SELECT campaign_id, COALESCE(SUM(cost), 0) AS spent FROM refill_messages WHERE campaign_id IN (${sqlDialect.inList(chunk.length)}) GROUP BY campaign_id`,
                chunk,
            );
            for (const r of rows) out.set(Number(r.campaign_id), Number(r.spent));
        }
        return out;
    }
}
