import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { CascadeEntity, type Cascade, type CascadeStatus } from '../entities/cascade.entity.js';

/** A cascade to plan (the engine fills in the rest). */
export type NewCascade = Pick<
    Cascade,
    | 'cascadeKey'
    | 'customerId'
    | 'campaignId'
    | 'categoryId'
    | 'offerId'
    | 'kind'
    | 'traffic'
    | 'status'
    | 'runDay'
    | 'nextAt'
    | 'deadlineAt'
    | 'payload'
>;

/**
 * A reminder to plan, due at `nextAt`: what it is about (campaign, category,
 * offer) defaults to nothing, its status to `pending`.
 */
export function newReminder(
    r: Pick<NewCascade, 'cascadeKey' | 'customerId' | 'kind' | 'traffic' | 'nextAt'> & Partial<NewCascade>,
): NewCascade {
    return {
        campaignId: null,
        categoryId: null,
        offerId: null,
        status: 'pending',
        runDay: null,
        deadlineAt: null,
        payload: null,
        ...r,
    };
}

/** What a step changes on a cascade. */
export type CascadePatch = Partial<
    Pick<
        Cascade,
        'status' | 'step' | 'attempt' | 'channel' | 'messageKey' | 'awaitStatus' | 'nextAt' | 'outcome'
    >
>;

/** Cascades that have not finished. */
export const OPEN_CASCADE_STATUSES: readonly CascadeStatus[] = ['gated', 'pending', 'waiting'];
const OPEN = `('gated', 'pending', 'waiting')`;

/** What planning a cascade sets (its walk through the channels starts at the defaults). */
const PLANNED = [
    'cascadeKey',
    'customerId',
    'campaignId',
    'categoryId',
    'offerId',
    'kind',
    'traffic',
    'status',
    'runDay',
    'nextAt',
    'deadlineAt',
    'payload',
    'createdAt',
    'updatedAt',
] as const;

/**
 * The columns of a step's upsert, in this order: the row's identity, the
 * step's changes (`step` … `updated_at`, see {@link STEP_CHANGES}), then
 * `claim_token` and `status`, which MySQL must assign last.
 */
const STEP_ROW = [
    'id',
    'cascadeKey',
    'customerId',
    'kind',
    'traffic',
    'step',
    'attempt',
    'channel',
    'messageKey',
    'awaitStatus',
    'nextAt',
    'outcome',
    'updatedAt',
    'createdAt',
    'claimToken',
    'status',
] as const;
/** The positions in {@link STEP_ROW} of what a step changes. */
const STEP_CHANGES = [5, 13] as const;

/** Reads and writes `refill_cascades`: one row per reminder walking its channels. */
export class CascadeRepository {
    private readonly cascades: EntityRowMapper<Cascade>;

    constructor(private readonly db: Database) {
        this.cascades = db.rows(CascadeEntity);
    }

    /** Plans cascades; a key that exists is skipped (a re-run plans nothing twice). Returns how many were new. */
    async insertMany(exec: SqlExecutor | Database, rows: readonly NewCascade[], now: Date): Promise<number> {
        const shape = this.cascades.pick(PLANNED);
        let inserted = 0;
        for (const chunk of sqlDialect.chunks(rows, 500)) {
            const result = await exec.run(
                shape.insert(chunk.length, sqlDialect.insertIgnore(exec.dialect)),
                shape.valuesOf(chunk.map((c) => ({ ...c, createdAt: now, updatedAt: now }))),
            );
            inserted += result.affected;
        }
        return inserted;
    }

    /** Cascades due at `now` in one state, oldest due first (the index on status, next_at serves it). */
    async due(status: 'pending' | 'waiting', now: Date, limit: number): Promise<Cascade[]> {
        const rows = await this.db.all(
            `SELECT ${this.cascades.columns} FROM refill_cascades WHERE status = ? AND next_at <= ? ORDER BY next_at LIMIT ${Math.floor(limit)}`,
            [status, toDbTime(now)],
        );
        return rows.map((r) => this.cascades.fromRow(r));
    }

    /**
     * Claims a page of due cascades for one dispatcher run: their `next_at`
     * moves to `leaseUntil` under `token`, so no other run decides them
     * meanwhile, and a run that dies leaves them due again once the lease
     * runs out. Returns the claimed cascades as they were read (a concurrent
     * run's claims are left out).
     */
    async claimDue(
        status: 'pending' | 'waiting',
        now: Date,
        limit: number,
        token: string,
        leaseUntil: Date,
    ): Promise<Cascade[]> {
        const page = await this.due(status, now, limit);
        if (!page.length) return page;
        const claimed = new Set<number>();
        for (const chunk of sqlDialect.chunks(page.map((c) => c.id))) {
            const list = sqlDialect.inList(chunk.length);
            const result = await this.db.run(
                `UPDATE refill_cascades SET next_at = ?, claim_token = ? WHERE status = ? AND next_at <= ? AND id IN (${list})`,
                [toDbTime(leaseUntil), token, status, toDbTime(now), ...chunk],
            );
            if (result.affected === chunk.length) {
                for (const id of chunk) claimed.add(id);
                continue;
            }
            const rows = await this.db.all(
                `SELECT id FROM refill_cascades WHERE claim_token = ? AND id IN (${list})`,
                [token, ...chunk],
            );
            for (const r of rows) claimed.add(Number(r.id));
        }
        return page.filter((c) => claimed.has(c.id)).map((c) => ({ ...c, claimToken: token }));
    }

    /**
     * Applies many steps' changes in multi-row statements: each cascade's
     * row as it was read, merged with its patch, upserted on the id. Only a
     * cascade still open and still claimed by the run that read it changes:
     * one a purchase or the kill switch finished meanwhile keeps its state,
     * and so does one another run took over after this run's lease ran out
     * (MySQL assigns left to right, so `status` is assigned last and the
     * claim is dropped after it).
     */
    async updateMany(
        exec: SqlExecutor | Database,
        changes: ReadonlyArray<{ cascade: Cascade; patch: CascadePatch }>,
        now: Date,
    ): Promise<void> {
        const shape = this.cascades.pick(STEP_ROW);
        const updated = shape.columnNames.slice(...STEP_CHANGES);
        // Hand-written upsert: only a cascade still open and still this run's changes.
        const mine = (table: string) =>
            `${table}status IN ${OPEN} AND (${table}claim_token IS NULL AND ${sqlDialect.inserted(exec.dialect, 'claim_token')} IS NULL OR ${table}claim_token = ${sqlDialect.inserted(exec.dialect, 'claim_token')})`;
        const tail =
            exec.dialect === 'mysql'
                ? ` ON DUPLICATE KEY UPDATE ${[...updated, 'status']
                      .map((c) => `${c} = IF(${mine('')}, VALUES(${c}), ${c})`)
                      .join(', ')}, claim_token = IF(claim_token = VALUES(claim_token), NULL, claim_token)`
                : ` ON CONFLICT (id) DO UPDATE SET ${[...updated, 'status']
                      .map((c) => `${c} = excluded.${c}`)
                      .join(', ')}, claim_token = NULL WHERE ${mine('refill_cascades.')}`;
        for (const chunk of sqlDialect.chunks(changes, 500))
            await exec.run(
                `${shape.insert(chunk.length)}${tail}`,
                shape.valuesOf(chunk.map(({ cascade, patch }) => ({ ...cascade, ...patch, updatedAt: now }))),
            );
    }

    /** Stops the customer's open reminders about the categories just bought (inside the POS commit). */
    async stopForPurchase(
        tx: SqlExecutor,
        customerId: number,
        categoryIds: readonly number[],
        now: Date,
    ): Promise<number> {
        if (!categoryIds.length) return 0;
        const result = await tx.run(
            `UPDATE refill_cascades SET status = 'stopped', outcome = 'purchase', updated_at = ? WHERE customer_id = ? AND status IN ${OPEN} AND category_id IN (${sqlDialect.inList(categoryIds.length)})`,
            [toDbTime(now), customerId, ...categoryIds],
        );
        return result.affected;
    }

    /** Ends the cascade waiting on a message that a delivery report says arrived (or was read). */
    async completeByMessage(messageKey: string, status: 'delivered' | 'read', now: Date): Promise<number> {
        const awaited = status === 'read' ? `('delivered', 'read')` : `('delivered')`;
        const result = await this.db.run(
            `UPDATE refill_cascades SET status = 'done', outcome = ?, updated_at = ? WHERE message_key = ? AND status = 'waiting' AND await_status IN ${awaited}`,
            [status, toDbTime(now), messageKey],
        );
        return result.affected;
    }

    /** Moves a cascade on at once when its message failed (the next tick tries the next channel). */
    async hurryByMessage(messageKey: string, now: Date): Promise<number> {
        const result = await this.db.run(
            `UPDATE refill_cascades SET next_at = ?, updated_at = ? WHERE message_key = ? AND status = 'waiting'`,
            [toDbTime(now), toDbTime(now), messageKey],
        );
        return result.affected;
    }

    /** Campaign runs with cascades waiting for the send guard, with their size. */
    async gatedRuns(): Promise<Array<{ campaignId: number; runDay: string; count: number }>> {
        const rows = await this.db.all(
            `SELECT campaign_id, run_day, COUNT(*) AS n FROM refill_cascades WHERE status = 'gated' GROUP BY campaign_id, run_day`,
        );
        return rows.map((r) => ({
            campaignId: Number(r.campaign_id),
            runDay: String(r.run_day),
            count: Number(r.n),
        }));
    }

    /** Releases gated cascades of a run (all, or the first `limit` by id: the canary slice). */
    async release(campaignId: number, runDay: string, now: Date, limit?: number): Promise<number> {
        const where = `campaign_id = ? AND run_day = ? AND status = 'gated'`;
        if (limit === undefined) {
            const result = await this.db.run(
                `UPDATE refill_cascades SET status = 'pending', next_at = ?, updated_at = ? WHERE ${where}`,
                [toDbTime(now), toDbTime(now), campaignId, runDay],
            );
            return result.affected;
        }
        const ids = await this.db.all(
            `SELECT id FROM refill_cascades WHERE ${where} ORDER BY id LIMIT ${Math.floor(limit)}`,
            [campaignId, runDay],
        );
        let released = 0;
        for (const chunk of sqlDialect.chunks(ids.map((r) => Number(r.id)))) {
            const result = await this.db.run(
                `UPDATE refill_cascades SET status = 'pending', next_at = ?, updated_at = ? WHERE status = 'gated' AND id IN (${sqlDialect.inList(chunk.length)})`,
                [toDbTime(now), toDbTime(now), ...chunk],
            );
            released += result.affected;
        }
        return released;
    }

    /** Cancels every open cascade of a campaign (the kill switch). */
    async cancelCampaign(exec: SqlExecutor | Database, campaignId: number, now: Date): Promise<number> {
        const result = await exec.run(
            `UPDATE refill_cascades SET status = 'cancelled', outcome = 'killed', updated_at = ? WHERE campaign_id = ? AND status IN ${OPEN}`,
            [toDbTime(now), campaignId],
        );
        return result.affected;
    }

    /** Cascades of a campaign by status (and run day). */
    async countByStatus(campaignId: number, runDay?: string): Promise<Record<string, number>> {
        const rows = await this.db.all(
            `SELECT status, COUNT(*) AS n FROM refill_cascades WHERE campaign_id = ?${runDay ? ' AND run_day = ?' : ''} GROUP BY status`,
            runDay ? [campaignId, runDay] : [campaignId],
        );
        return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
    }

    /** A customer's latest cascades. */
    async forCustomer(customerId: number, limit = 50): Promise<Cascade[]> {
        const rows = await this.db.all(
            `SELECT ${this.cascades.columns} FROM refill_cascades WHERE customer_id = ? ORDER BY id DESC LIMIT ${Math.floor(limit)}`,
            [customerId],
        );
        return rows.map((r) => this.cascades.fromRow(r));
    }

    /** One cascade by key. */
    async findByKey(key: string): Promise<Cascade | null> {
        const [row] = await this.db.all(
            `SELECT ${this.cascades.columns} FROM refill_cascades WHERE cascade_key = ?`,
            [key],
        );
        return row ? this.cascades.fromRow(row) : null;
    }
}
