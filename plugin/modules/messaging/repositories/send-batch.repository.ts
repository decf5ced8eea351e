import type { Database } from '../../../kernel/db/database.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { SendBatchEntity, type SendBatch } from '../entities/cascade.entity.js';

/** What a transition may change (with `updatedAt`). */
const TRANSITION_FIELDS = [
    'status',
    'canarySize',
    'canaryUntil',
    'approvedBy',
    'approvedAt',
    'note',
    'recipients',
    'updatedAt',
] as const;

/** Reads and writes `refill_send_batches`: the send guard's state per campaign run. */
export class SendBatchRepository {
    private readonly batches: EntityRowMapper<SendBatch>;

    constructor(private readonly db: Database) {
        this.batches = db.rows(SendBatchEntity);
    }

    /** The batch of a campaign run, if the guard has seen it. */
    async find(campaignId: number, runDay: string): Promise<SendBatch | null> {
        const [row] = await this.db.all(
            `SELECT ${this.batches.columns} FROM refill_send_batches WHERE campaign_id = ? AND run_day = ?`,
            [campaignId, runDay],
        );
        return row ? this.batches.fromRow(row) : null;
    }

    /** A campaign's batches, newest first. */
    async list(campaignId: number): Promise<SendBatch[]> {
        const rows = await this.db.all(
            `SELECT ${this.batches.columns} FROM refill_send_batches WHERE campaign_id = ? ORDER BY run_day DESC`,
            [campaignId],
        );
        return rows.map((r) => this.batches.fromRow(r));
    }

    /** Batches in a state (the canaries to look at). */
    async withStatus(status: SendBatch['status']): Promise<SendBatch[]> {
        const rows = await this.db.all(
            `SELECT ${this.batches.columns} FROM refill_send_batches WHERE status = ?`,
            [status],
        );
        return rows.map((r) => this.batches.fromRow(r));
    }

    /** Records a new batch; false when another worker recorded it first. */
    async insert(batch: Omit<SendBatch, 'createdAt' | 'updatedAt'>, now: Date): Promise<boolean> {
        const shape = this.batches.all;
        const result = await this.db.run(
            shape.insert(1, sqlDialect.insertIgnore(this.db.dialect)),
            shape.values({ ...batch, createdAt: now, updatedAt: now }),
        );
        return result.affected > 0;
    }

    /** Moves a batch from one state to another; false when it was not in `from` (someone else moved it). */
    async transition(
        campaignId: number,
        runDay: string,
        from: readonly SendBatch['status'][],
        patch: Partial<
            Pick<
                SendBatch,
                'status' | 'canarySize' | 'canaryUntil' | 'approvedBy' | 'approvedAt' | 'note' | 'recipients'
            >
        >,
        now: Date,
    ): Promise<boolean> {
        const { sets, params } = this.batches.assignments({ ...patch, updatedAt: now }, TRANSITION_FIELDS);
        // Hand-written: a compare-and-set on the batch's state.
        const result = await this.db.run(
            `UPDATE refill_send_batches SET ${sets.join(', ')} WHERE campaign_id = ? AND run_day = ? AND status IN (${from.map(() => '?').join(', ')})`,
            [...params, campaignId, runDay, ...from],
        );
        return result.affected > 0;
    }
}
