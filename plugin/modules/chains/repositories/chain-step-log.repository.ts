import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { ChainStepLog } from '../entities/chain-step-log.entity.js';

/**
 * Writes and reads `refill_chain_step_log`: one row per executed step,
 * keyed (run, seq). Inserted in the step's own transaction: a second insert
 * of the same (run, seq) fails on the key, so a step can never be recorded
 * (and its effect committed) twice.
 */
export class ChainStepLogRepository {
    constructor(private readonly db: Database) {}

    /** Records one executed step (throws on a duplicate (run, seq): the caller's transaction rolls back). */
    async insert(tx: SqlExecutor, row: ChainStepLog): Promise<void> {
        await tx.run(
            'INSERT INTO refill_chain_step_log (run_id, seq, chain_id, step_id, step_type, result, detail, cost, executed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [
                row.runId,
                row.seq,
                row.chainId,
                row.stepId,
                row.stepType,
                row.result,
                row.detail,
                row.cost,
                toDbTime(row.executedAt),
            ],
        );
    }

    /** What the steps of a chain cost (its grants), minor units. */
    async costOf(exec: SqlExecutor | Database, chainId: number): Promise<number> {
        const [row] = await exec.all(
            'SELECT COALESCE(SUM(cost), 0) AS cost FROM refill_chain_step_log WHERE chain_id = ?',
            [chainId],
        );
        return Number(row?.cost ?? 0);
    }

    /** A run's executed steps, in order. */
    async ofRun(exec: SqlExecutor | Database, runId: number): Promise<ChainStepLog[]> {
        const rows = await exec.all(
            'SELECT run_id, seq, chain_id, step_id, step_type, result, detail, cost, executed_at FROM refill_chain_step_log WHERE run_id = ? ORDER BY seq',
            [runId],
        );
        return rows.map((r) => ({
            runId: Number(r.run_id),
            seq: Number(r.seq),
            chainId: Number(r.chain_id),
            stepId: String(r.step_id),
            stepType: String(r.step_type),
            result: String(r.result),
            detail: (r.detail as string | null) ?? null,
            cost: Number(r.cost),
            executedAt: this.db.time(r.executed_at),
        }));
    }

    /** The last step of a type a run executed (a branch asks about its last send). */
    async lastOfType(exec: SqlExecutor, runId: number, stepType: string): Promise<ChainStepLog | null> {
        const [r] = await exec.all(
            'SELECT run_id, seq, chain_id, step_id, step_type, result, detail, cost, executed_at FROM refill_chain_step_log WHERE run_id = ? AND step_type = ? ORDER BY seq DESC LIMIT 1',
            [runId, stepType],
        );
        if (!r) return null;
        return {
            runId: Number(r.run_id),
            seq: Number(r.seq),
            chainId: Number(r.chain_id),
            stepId: String(r.step_id),
            stepType: String(r.step_type),
            result: String(r.result),
            detail: (r.detail as string | null) ?? null,
            cost: Number(r.cost),
            executedAt: this.db.time(r.executed_at),
        };
    }
}
