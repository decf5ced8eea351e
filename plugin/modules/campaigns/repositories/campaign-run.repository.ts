import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { CampaignRun } from '../entities/campaign-run.entity.js';

const COLUMNS = [
    'campaign_id',
    'day',
    'part',
    'parts',
    'status',
    'candidates',
    'assigned_test',
    'assigned_control',
    'already_members',
    'exclusions',
    'started_at',
    'finished_at',
];

/** Reads and writes `refill_campaign_runs`, one row per (campaign, day, part). */
export class CampaignRunRepository {
    constructor(private readonly db: Database) {}

    /** Writes a part's row, replacing an earlier one (a re-run of the same part). */
    async save(exec: SqlExecutor | Database, run: CampaignRun): Promise<void> {
        const ins = (c: string) => sqlDialect.inserted(exec.dialect, c);
        await exec.run(
            `INSERT INTO refill_campaign_runs (${COLUMNS.join(', ')}) VALUES ${sqlDialect.valuesPlaceholders(1, COLUMNS.length)}` +
                sqlDialect.onConflictUpdate(
                    exec.dialect,
                    ['campaign_id', 'day', 'part'],
                    Object.fromEntries(COLUMNS.slice(3).map((c) => [c, ins(c)])),
                ),
            [
                run.campaignId,
                run.day,
                run.part,
                run.parts,
                run.status,
                run.candidates,
                run.assignedTest,
                run.assignedControl,
                run.alreadyMembers,
                run.exclusions,
                toDbTime(run.startedAt),
                run.finishedAt ? toDbTime(run.finishedAt) : null,
            ],
        );
    }

    /** Every part of a campaign's runs (or of one day), oldest first. */
    async list(exec: SqlExecutor | Database, campaignId: number, day?: string): Promise<CampaignRun[]> {
        const rows = await exec.all(
            `SELECT ${COLUMNS.join(', ')} FROM refill_campaign_runs WHERE campaign_id = ?${day ? ' AND day = ?' : ''} ORDER BY day, part`,
            day ? [campaignId, day] : [campaignId],
        );
        return rows.map((r) => ({
            campaignId: Number(r.campaign_id),
            day: String(r.day),
            part: Number(r.part),
            parts: Number(r.parts),
            status: String(r.status),
            candidates: Number(r.candidates),
            assignedTest: Number(r.assigned_test),
            assignedControl: Number(r.assigned_control),
            alreadyMembers: Number(r.already_members),
            exclusions: (r.exclusions as string) ?? null,
            startedAt: this.db.time(r.started_at),
            finishedAt: this.db.timeOrNull(r.finished_at),
        }));
    }
}
