import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { CampaignRunEntity, type CampaignRun } from '../entities/campaign-run.entity.js';

/** The key of a run's row. */
const KEY = ['campaign_id', 'day', 'part'];

/** Reads and writes `refill_campaign_runs`, one row per (campaign, day, part). */
export class CampaignRunRepository {
    private readonly runs: EntityRowMapper<CampaignRun>;

    constructor(db: Database) {
        this.runs = db.rows(CampaignRunEntity);
    }

    /** Writes a part's row, replacing an earlier one (a re-run of the same part). */
    async save(exec: SqlExecutor | Database, run: CampaignRun): Promise<void> {
        const shape = this.runs.all;
        const ins = (c: string) => sqlDialect.inserted(exec.dialect, c);
        // Hand-written upsert: a re-run of the part replaces its row.
        await exec.run(
            shape.insert(1) +
                sqlDialect.onConflictUpdate(
                    exec.dialect,
                    KEY,
                    Object.fromEntries(
                        shape.columnNames.filter((c) => !KEY.includes(c)).map((c) => [c, ins(c)]),
                    ),
                ),
            shape.values(run),
        );
    }

    /** Every part of a campaign's runs (or of one day), oldest first. */
    async list(exec: SqlExecutor | Database, campaignId: number, day?: string): Promise<CampaignRun[]> {
        const rows = await exec.all(
            `SELECT ${this.runs.columns} FROM refill_campaign_runs WHERE campaign_id = ?${day ? ' AND day = ?' : ''} ORDER BY day, part`,
            day ? [campaignId, day] : [campaignId],
        );
        return rows.map((r) => this.runs.fromRow(r));
    }
}
