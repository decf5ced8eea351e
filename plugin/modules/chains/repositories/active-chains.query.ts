import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { ChainDesign } from '../rules/chain-definition.js';
import type { ChainStatus } from '../entities/chain.entity.js';

/** A chain as the engine walks it: its id, status and the design parsed from its JSON columns. */
export interface LiveChain {
    id: number;
    status: ChainStatus;
    design: ChainDesign;
    /** When its spend reached its budget cap (null: not reached, or no cap). */
    budgetReachedAt: Date | null;
}

/** The columns read, in this order. */
const COLUMNS =
    'id, chain_key, name, status, trigger_json, steps_json, goal, goal_window_days, stop_on_json, reentry_json, priority, holdout_bp, budget_cap, budget_reached_at';

/**
 * Reads the chains the engine works with (`active` ones enter and step;
 * `paused` ones keep their runs waiting) with their designs parsed into
 * {@link ChainDesign}, and records that a chain's budget was reached. The
 * chains module's editor (CRUD of `refill_chains`) lives elsewhere; this is
 * the engine's own small read.
 */
export class ActiveChainsQuery {
    constructor(private readonly db: Database) {}

    /** Every active or paused chain, by priority then id; a row whose JSON does not parse is left out. */
    async live(exec: SqlExecutor | Database = this.db): Promise<LiveChain[]> {
        const rows = await exec.all(
            `SELECT ${COLUMNS} FROM refill_chains WHERE status IN ('active', 'paused') ORDER BY priority, id`,
        );
        const out: LiveChain[] = [];
        for (const r of rows) {
            const chain = this.parse(r);
            if (chain) out.push(chain);
        }
        return out;
    }

    /** The status of each chain of `ids` that exists (archived and draft included). */
    async statuses(exec: SqlExecutor | Database, ids: readonly number[]): Promise<Map<number, ChainStatus>> {
        const out = new Map<number, ChainStatus>();
        if (!ids.length) return out;
        const rows = await exec.all<{ id: unknown; status: string }>(
            `SELECT id, status FROM refill_chains WHERE id IN (${ids.map(() => '?').join(', ')})`,
            ids,
        );
        for (const r of rows) out.set(Number(r.id), r.status as ChainStatus);
        return out;
    }

    /** Marks a chain's budget as reached (the first time only); true when this call marked it. */
    async markBudgetReached(tx: SqlExecutor, chainId: number, now: Date): Promise<boolean> {
        const result = await tx.run(
            'UPDATE refill_chains SET budget_reached_at = ? WHERE id = ? AND budget_reached_at IS NULL',
            [toDbTime(now), chainId],
        );
        return result.affected > 0;
    }

    private parse(r: Record<string, unknown>): LiveChain | null {
        try {
            const design: ChainDesign = {
                key: String(r.chain_key),
                name: String(r.name),
                trigger: JSON.parse(String(r.trigger_json)) as ChainDesign['trigger'],
                steps: JSON.parse(String(r.steps_json)) as ChainDesign['steps'],
                goal: (r.goal as ChainDesign['goal']) ?? null,
                goalWindowDays: Number(r.goal_window_days),
                stopOn: JSON.parse(String(r.stop_on_json)) as ChainDesign['stopOn'],
                reentry: JSON.parse(String(r.reentry_json)) as ChainDesign['reentry'],
                priority: Number(r.priority),
                holdoutBp: Number(r.holdout_bp),
                budgetCap: r.budget_cap === null || r.budget_cap === undefined ? null : Number(r.budget_cap),
            };
            if (!Array.isArray(design.steps) || !Array.isArray(design.stopOn) || !design.trigger) return null;
            return {
                id: Number(r.id),
                status: String(r.status) as ChainStatus,
                design,
                budgetReachedAt: this.db.timeOrNull(r.budget_reached_at),
            };
        } catch {
            return null;
        }
    }
}
