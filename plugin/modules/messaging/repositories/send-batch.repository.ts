import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { Row } from '../../../kernel/db/sql-executor.js';
import type { SendBatch } from '../entities/cascade.entity.js';

/** Reads and writes `refill_send_batches`: the send guard's state per campaign run. */
export class SendBatchRepository {
    constructor(private readonly db: Database) {}

    /** The batch of a campaign run, if the guard has seen it. */
    async find(campaignId: number, runDay: string): Promise<SendBatch | null> {
        const [row] = await this.db.all(
            `SELECT * FROM refill_send_batches WHERE campaign_id = ? AND run_day = ?`,
            [campaignId, runDay],
        );
        return row ? this.map(row) : null;
    }

    /** A campaign's batches, newest first. */
    async list(campaignId: number): Promise<SendBatch[]> {
        const rows = await this.db.all(
            `SELECT * FROM refill_send_batches WHERE campaign_id = ? ORDER BY run_day DESC`,
            [campaignId],
        );
        return rows.map((r) => this.map(r));
    }

    /** Batches in a state (the canaries to look at). */
    async withStatus(status: SendBatch['status']): Promise<SendBatch[]> {
        const rows = await this.db.all(`SELECT * FROM refill_send_batches WHERE status = ?`, [status]);
        return rows.map((r) => this.map(r));
    }

    /** Records a new batch; false when another worker recorded it first. */
    async insert(batch: Omit<SendBatch, 'createdAt' | 'updatedAt'>, now: Date): Promise<boolean> {
        const result = await this.db.run(
            `${sqlDialect.insertIgnore(this.db.dialect)} INTO refill_send_batches (campaign_id, run_day, status, recipients, base_size, canary_size, canary_until, approved_by, approved_at, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [
                batch.campaignId,
                batch.runDay,
                batch.status,
                batch.recipients,
                batch.baseSize,
                batch.canarySize,
                batch.canaryUntil ? toDbTime(batch.canaryUntil) : null,
                batch.approvedBy,
                batch.approvedAt ? toDbTime(batch.approvedAt) : null,
                batch.note,
                toDbTime(now),
                toDbTime(now),
            ],
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
        const columns: Record<string, string> = {
            status: 'status',
            canarySize: 'canary_size',
            canaryUntil: 'canary_until',
            approvedBy: 'approved_by',
            approvedAt: 'approved_at',
            note: 'note',
            recipients: 'recipients',
        };
        const keys = Object.keys(patch) as Array<keyof typeof patch>;
        const result = await this.db.run(
            `UPDATE refill_send_batches SET ${keys.map((k) => `${columns[k]} = ?, `).join('')}updated_at = ? WHERE campaign_id = ? AND run_day = ? AND status IN (${from.map(() => '?').join(', ')})`,
            [
                ...keys.map((k) => {
                    const v = patch[k];
                    return v instanceof Date ? toDbTime(v) : (v ?? null);
                }),
                toDbTime(now),
                campaignId,
                runDay,
                ...from,
            ],
        );
        return result.affected > 0;
    }

    private map(r: Row): SendBatch {
        return {
            campaignId: Number(r.campaign_id),
            runDay: String(r.run_day),
            status: r.status as SendBatch['status'],
            recipients: Number(r.recipients),
            baseSize: Number(r.base_size),
            canarySize: Number(r.canary_size),
            canaryUntil: this.db.timeOrNull(r.canary_until),
            approvedBy: (r.approved_by as string) ?? null,
            approvedAt: this.db.timeOrNull(r.approved_at),
            note: (r.note as string) ?? null,
            createdAt: this.db.time(r.created_at),
            updatedAt: this.db.time(r.updated_at),
        };
    }
}
