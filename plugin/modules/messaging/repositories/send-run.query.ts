import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { CascadeEntity, type Cascade } from '../entities/cascade.entity.js';

/** Reads the reminders of one campaign run, for the people who approve it. */
export class SendRunQuery {
    private readonly cascades: EntityRowMapper<Cascade>;

    constructor(private readonly db: Database) {
        this.cascades = db.rows(CascadeEntity);
    }

    /**
     * The first `limit` lapse-offer reminders of a run by id: the order the
     * guard releases them in, so the first ones are the canary slice.
     */
    async first(campaignId: number, runDay: string, limit: number): Promise<Cascade[]> {
        const rows = await this.db.all(
            `SELECT ${this.cascades.columns} FROM refill_cascades WHERE campaign_id = ? AND run_day = ? ORDER BY id LIMIT ${Math.floor(limit)}`,
            [campaignId, runDay],
        );
        return rows.map((r) => this.cascades.fromRow(r));
    }
}
