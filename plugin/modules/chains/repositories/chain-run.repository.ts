import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { ChainRunEntity, type ChainRun, type ChainRunStatus } from '../entities/chain-run.entity.js';
import type { EarlierRuns } from '../rules/chain-reentry.rules.js';

/** A run to insert at entry. */
export type NewChainRun = Omit<
    ChainRun,
    'id' | 'endedAt' | 'endReason' | 'goalAt' | 'claimToken' | 'updatedAt'
>;

/** What a step (or an event) changes on a run. */
export type ChainRunPatch = Partial<
    Pick<
        ChainRun,
        | 'status'
        | 'stepId'
        | 'stepSeq'
        | 'nextAt'
        | 'waitingFor'
        | 'stepStartedAt'
        | 'endedAt'
        | 'endReason'
        | 'goalAt'
        | 'claimToken'
    >
>;

/** Runs that have not finished. */
export const OPEN_RUN_STATUSES: readonly ChainRunStatus[] = ['active', 'waiting'];
const OPEN = `('active', 'waiting')`;

/** Column of each patchable property. */
const PATCH_COLUMNS: Record<keyof ChainRunPatch, string> = {
    status: 'status',
    stepId: 'step_id',
    stepSeq: 'step_seq',
    nextAt: 'next_at',
    waitingFor: 'waiting_for',
    stepStartedAt: 'step_started_at',
    endedAt: 'ended_at',
    endReason: 'end_reason',
    goalAt: 'goal_at',
    claimToken: 'claim_token',
};

/** Reads and writes `refill_chain_runs`: one row per customer's run of a chain. */
export class ChainRunRepository {
    private readonly runs: EntityRowMapper<ChainRun>;

    constructor(private readonly db: Database) {
        this.runs = db.rows(ChainRunEntity);
    }

    /** Inserts a run unless its entry key exists (a retried entry); true when it was new. */
    async insertIgnore(tx: SqlExecutor, run: NewChainRun, now: Date): Promise<boolean> {
        const shape = this.runs.insertable;
        const result = await tx.run(
            shape.insert(1, sqlDialect.insertIgnore(tx.dialect)),
            shape.values({
                ...run,
                endedAt: null,
                endReason: null,
                goalAt: null,
                claimToken: null,
                updatedAt: now,
            }),
        );
        return result.affected > 0;
    }

    /** A run by id. */
    async find(exec: SqlExecutor | Database, id: number): Promise<ChainRun | null> {
        const [row] = await exec.all(`SELECT ${this.runs.columns} FROM refill_chain_runs WHERE id = ?`, [id]);
        return row ? this.runs.fromRow(row) : null;
    }

    /** A run by its entry key. */
    async findByEntryKey(exec: SqlExecutor | Database, entryKey: string): Promise<ChainRun | null> {
        const [row] = await exec.all(
            `SELECT ${this.runs.columns} FROM refill_chain_runs WHERE entry_key = ?`,
            [entryKey],
        );
        return row ? this.runs.fromRow(row) : null;
    }

    /** Locks a run's row for the rest of the transaction and reads it. */
    async lock(tx: SqlExecutor, id: number): Promise<ChainRun | null> {
        const [row] = await tx.all(
            `SELECT ${this.runs.columns} FROM refill_chain_runs WHERE id = ?${sqlDialect.forUpdate(tx.dialect)}`,
            [id],
        );
        return row ? this.runs.fromRow(row) : null;
    }

    /** Changes a run. */
    async update(tx: SqlExecutor, id: number, patch: ChainRunPatch, now: Date): Promise<void> {
        const sets: string[] = [];
        const params: unknown[] = [];
        for (const [key, value] of Object.entries(patch) as [keyof ChainRunPatch, unknown][]) {
            sets.push(`${PATCH_COLUMNS[key]} = ?`);
            params.push(value instanceof Date ? toDbTime(value) : value);
        }
        sets.push('updated_at = ?');
        params.push(toDbTime(now), id);
        await tx.run(`UPDATE refill_chain_runs SET ${sets.join(', ')} WHERE id = ?`, params);
    }

    /**
     * Claims up to `limit` due runs in one state for a step runner: their
     * `next_at` moves to `leaseUntil` under `token`, so no other runner takes
     * them meanwhile, and a runner that dies leaves them due again once the
     * lease runs out. On MySQL/MariaDB the rows are read `FOR UPDATE SKIP
     * LOCKED` through the (status, next_at) index in its own order, so several
     * runners claim side by side; SQLite has one writer. Returns the claimed
     * runs as they were before the claim.
     */
    async claimDue(
        status: 'active' | 'waiting',
        now: Date,
        limit: number,
        token: string,
        leaseUntil: Date,
    ): Promise<ChainRun[]> {
        return this.db.transaction(async (tx) => {
            const skip = tx.dialect === 'mysql' ? ' FOR UPDATE SKIP LOCKED' : '';
            const rows = await tx.all(
                `SELECT ${this.runs.columns} FROM refill_chain_runs WHERE status = ? AND next_at <= ? ORDER BY next_at LIMIT ${Math.floor(limit)}${skip}`,
                [status, toDbTime(now)],
            );
            if (!rows.length) return [];
            const runs = rows.map((r) => this.runs.fromRow(r));
            for (const chunk of sqlDialect.chunks(runs.map((r) => r.id)))
                await tx.run(
                    `UPDATE refill_chain_runs SET claim_token = ?, next_at = ?, updated_at = ? WHERE id IN (${sqlDialect.inList(chunk.length)})`,
                    [token, toDbTime(leaseUntil), toDbTime(now), ...chunk],
                );
            return runs;
        });
    }

    /** Gives a claimed run back (after a failed step): due again at `nextAt`, unless another holder took it. */
    async release(id: number, token: string, nextAt: Date, now: Date): Promise<void> {
        await this.db.run(
            'UPDATE refill_chain_runs SET claim_token = NULL, next_at = ?, updated_at = ? WHERE id = ? AND claim_token = ?',
            [toDbTime(nextAt), toDbTime(now), id, token],
        );
    }

    /** What the re-entry rule needs: the customer's last entry into the chain and whether a run is open. */
    async earlier(exec: SqlExecutor, chainId: number, customerId: number): Promise<EarlierRuns> {
        const [row] = await exec.all(
            `SELECT MAX(entered_at) AS last_at, SUM(CASE WHEN status IN ${OPEN} THEN 1 ELSE 0 END) AS open_runs FROM refill_chain_runs WHERE customer_id = ? AND chain_id = ?`,
            [customerId, chainId],
        );
        return {
            lastEnteredAt: this.db.timeOrNull(row?.last_at ?? null),
            open: Number(row?.open_runs ?? 0) > 0,
        };
    }

    /** How many open test-group runs (of any chain) each customer has. */
    async openTestRuns(exec: SqlExecutor, customerIds: readonly number[]): Promise<Map<number, number>> {
        const out = new Map<number, number>();
        for (const chunk of sqlDialect.chunks(customerIds)) {
            if (!chunk.length) continue;
            const rows = await exec.all(
                `SELECT customer_id, COUNT(*) AS n FROM refill_chain_runs WHERE customer_id IN (${sqlDialect.inList(chunk.length)}) AND status IN ${OPEN} AND grp = 'test' GROUP BY customer_id`,
                chunk,
            );
            for (const r of rows) out.set(Number(r.customer_id), Number(r.n));
        }
        return out;
    }

    /** The runs of these customers that are open or entered since `enteredSince` (events look at them). */
    async recentOf(
        exec: SqlExecutor,
        customerIds: readonly number[],
        enteredSince: Date,
    ): Promise<ChainRun[]> {
        const out: ChainRun[] = [];
        for (const chunk of sqlDialect.chunks(customerIds)) {
            if (!chunk.length) continue;
            const list = sqlDialect.inList(chunk.length);
            const rows = await exec.all(
                `SELECT ${this.runs.columns} FROM refill_chain_runs WHERE customer_id IN (${list}) AND (status IN ${OPEN} OR (goal_at IS NULL AND entered_at >= ?))`,
                [...chunk, toDbTime(enteredSince)],
            );
            for (const r of rows) out.push(this.runs.fromRow(r));
        }
        return out;
    }

    /**
     * The open test-group runs of a customer other than `exceptId` that are
     * due before `until`. Read by customer alone (a customer has a few runs),
     * so no planner takes the (status, next_at) index and reads every due run.
     */
    async dueOthers(tx: SqlExecutor, customerId: number, exceptId: number, until: Date): Promise<ChainRun[]> {
        const rows = await tx.all(
            `SELECT ${this.runs.columns} FROM refill_chain_runs WHERE customer_id = ?`,
            [customerId],
        );
        return rows
            .map((r) => this.runs.fromRow(r))
            .filter(
                (r) =>
                    r.id !== exceptId &&
                    r.group === 'test' &&
                    OPEN_RUN_STATUSES.includes(r.status) &&
                    r.nextAt !== null &&
                    r.nextAt < until,
            );
    }

    /** Ends every open run of the chains given (archived chains): `cancelled`. Returns how many. */
    async cancelOpen(chainIds: readonly number[], now: Date): Promise<number> {
        if (!chainIds.length) return 0;
        const t = toDbTime(now);
        const result = await this.db.run(
            `UPDATE refill_chain_runs SET status = 'cancelled', end_reason = 'archived', ended_at = ?, next_at = NULL, claim_token = NULL, updated_at = ? WHERE chain_id IN (${sqlDialect.inList(chainIds.length)}) AND status IN ${OPEN}`,
            [t, t, ...chainIds],
        );
        return result.affected;
    }
}
