import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { CampaignEntity, type Campaign, type CampaignStatus } from '../entities/campaign.entity.js';

/** A campaign's fields that can be written (id and timestamps are Refill's). */
export type CampaignFields = Omit<Campaign, 'id' | 'createdAt' | 'updatedAt' | 'category'>;

/** Reads and writes `refill_campaigns`. */
export class CampaignRepository {
    private readonly campaigns: EntityRowMapper<Campaign>;

    constructor(db: Database) {
        this.campaigns = db.rows(CampaignEntity);
    }

    /** Inserts a campaign; returns its id. */
    async insert(tx: SqlExecutor, fields: CampaignFields, now: Date): Promise<number> {
        const shape = this.campaigns.insertable;
        const result = await tx.run(
            shape.insert(1),
            shape.values({ ...fields, createdAt: now, updatedAt: now }),
        );
        return result.insertId;
    }

    /** Updates the given fields. */
    async update(tx: SqlExecutor, id: number, patch: Partial<CampaignFields>, now: Date): Promise<void> {
        // Every column a patch may set, `updated_at` last (the entity's order); never `created_at`.
        const columns = this.campaigns.insertable.properties.filter((p) => p !== 'createdAt');
        const { sets, params } = this.campaigns.assignments({ ...patch, updatedAt: now }, columns);
        await tx.run(`UPDATE refill_campaigns SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
    }

    /** One campaign, locked for update inside a transaction when `lock` is set (MySQL). */
    async find(exec: SqlExecutor | Database, id: number, lock = false): Promise<Campaign | null> {
        // Hand-written: a lock (FOR UPDATE) when asked.
        const forUpdate = lock && exec.dialect === 'mysql' ? ' FOR UPDATE' : '';
        const [row] = await exec.all(
            `SELECT ${this.campaigns.columns} FROM refill_campaigns WHERE id = ?${forUpdate}`,
            [id],
        );
        return row ? this.campaigns.fromRow(row) : null;
    }

    /** Whether a code is taken. */
    async codeTaken(exec: SqlExecutor | Database, code: string): Promise<boolean> {
        return (await exec.all(`SELECT id FROM refill_campaigns WHERE code = ?`, [code])).length > 0;
    }

    /** Every campaign (or those in the given states), newest first. */
    async list(exec: SqlExecutor | Database, statuses?: readonly CampaignStatus[]): Promise<Campaign[]> {
        const where = statuses?.length ? ` WHERE status IN (${statuses.map(() => '?').join(', ')})` : '';
        const rows = await exec.all(
            `SELECT ${this.campaigns.columns} FROM refill_campaigns${where} ORDER BY id DESC`,
            statuses ?? [],
        );
        return rows.map((r) => this.campaigns.fromRow(r));
    }
}
