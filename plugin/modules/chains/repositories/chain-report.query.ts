import type { Database } from '../../../kernel/db/database.js';
import type { Dialect } from '../../../kernel/db/sql-executor.js';
import type { ChainRunGroup } from '../entities/chain-run.entity.js';

/** The list's live figures of one chain. */
export interface ChainListFigures {
    /** Runs not finished (`active` or `waiting`), both groups. */
    activeRuns: number;
    /** Runs entered in the last 7 days, both groups. */
    entered7d: number;
    /** Test-group runs that reached the goal, of all test-group runs (null: none yet). */
    goalRate: number | null;
}

/** Per-group sufficient statistics of one chain's entrants (`n`, and Σ, Σ² of each metric). */
export interface ChainGroupSums {
    /** Entrants. */
    n: number;
    /** Entrants who reached the chain's goal within its goal window. */
    goals: number;
    /** Entrants whose purchases within the goal window (net of returns) add up to more than 0. */
    buyers: number;
    /** Σ revenue within the goal window per entrant, net of returns, minor units. */
    revenue: number;
    /** Σ revenue², for the variance. */
    revenueSquares: number;
}

/** Distinct runs that executed a step, per step and group. */
export interface StepPassCount {
    stepId: string;
    group: ChainRunGroup;
    runs: number;
}

/** An entry-time range; either end open. */
export interface EntryRange {
    from: Date | null;
    to: Date | null;
}

/** `r.entered_at` within a range, as SQL and parameters. */
function entryFilter(range: EntryRange): { sql: string; params: Date[] } {
    const parts: string[] = [];
    const params: Date[] = [];
    if (range.from) {
        parts.push('r.entered_at >= ?');
        params.push(range.from);
    }
    if (range.to) {
        parts.push('r.entered_at < ?');
        params.push(range.to);
    }
    return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

/** `r.entered_at` plus `days` days, in the engine's SQL (times are stored as UTC `YYYY-MM-DD HH:MM:SS.fff`). */
function enteredPlusDays(dialect: Dialect): string {
    return dialect === 'mysql'
        ? 'DATE_ADD(r.entered_at, INTERVAL ? DAY)'
        : `strftime('%Y-%m-%d %H:%M:%f', r.entered_at, '+' || ? || ' days')`;
}

const num = (v: unknown) => Number(v ?? 0);

/**
 * The sums behind a chain's list row, step counts and report, read from
 * `refill_chain_runs`, `refill_chain_step_log`, `refill_purchases` and
 * `refill_messages` (messages carry their chain). Every figure is an
 * aggregate: no customer rows leave the database.
 */
export class ChainReportQuery {
    constructor(private readonly db: Database) {}

    /** The list figures of every chain with runs, by chain id. */
    async listFigures(now: Date): Promise<Map<number, ChainListFigures>> {
        const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
        const rows = await this.db.all<Record<string, unknown>>(
            `SELECT chain_id,
                    SUM(CASE WHEN status IN ('active', 'waiting') THEN 1 ELSE 0 END) AS open_runs,
                    SUM(CASE WHEN entered_at >= ? THEN 1 ELSE 0 END) AS entered7d,
                    SUM(CASE WHEN grp = 'test' THEN 1 ELSE 0 END) AS test_runs,
                    SUM(CASE WHEN grp = 'test' AND goal_at IS NOT NULL THEN 1 ELSE 0 END) AS test_goals
             FROM refill_chain_runs GROUP BY chain_id`,
            [weekAgo],
        );
        return new Map(
            rows.map((r) => {
                const testRuns = num(r.test_runs);
                return [
                    num(r.chain_id),
                    {
                        activeRuns: num(r.open_runs),
                        entered7d: num(r.entered7d),
                        goalRate: testRuns === 0 ? null : num(r.test_goals) / testRuns,
                    },
                ];
            }),
        );
    }

    /** Distinct runs that executed each step, per group, of runs entered in `range`. */
    async stepPasses(
        chainId: number,
        range: EntryRange = { from: null, to: null },
    ): Promise<StepPassCount[]> {
        const filter = entryFilter(range);
        const rows = await this.db.all<Record<string, unknown>>(
            `SELECT l.step_id, r.grp, COUNT(DISTINCT l.run_id) AS n
             FROM refill_chain_step_log l JOIN refill_chain_runs r ON r.id = l.run_id
             WHERE l.chain_id = ?${filter.sql}
             GROUP BY l.step_id, r.grp`,
            [chainId, ...filter.params],
        );
        return rows.map((r) => ({
            stepId: String(r.step_id),
            group: r.grp as ChainRunGroup,
            runs: num(r.n),
        }));
    }

    /**
     * Per group: entrants in `range`, those who reached the goal within
     * `goalWindowDays` of entry, and revenue per entrant net of returns (the
     * lines of `refill_purchases` in [entered_at, entered_at + goalWindowDays),
     * less what was returned of them, as the campaign report counts it;
     * zeros included: intention to treat).
     */
    async groupSums(
        chainId: number,
        goalWindowDays: number,
        range: EntryRange,
    ): Promise<Record<ChainRunGroup, ChainGroupSums>> {
        const filter = entryFilter(range);
        const windowEnd = enteredPlusDays(this.db.dialect);
        const rows = await this.db.all<Record<string, unknown>>(
            `SELECT x.grp, COUNT(*) AS n, SUM(x.goal) AS goals, SUM(CASE WHEN x.revenue > 0 THEN 1 ELSE 0 END) AS buyers,
                    SUM(x.revenue) AS revenue, SUM(x.revenue * 1.0 * x.revenue) AS squares
             FROM (
                SELECT r.grp,
                       CASE WHEN r.goal_at IS NOT NULL AND r.goal_at < ${windowEnd} THEN 1 ELSE 0 END AS goal,
                       COALESCE((SELECT SUM(l.amount - l.returned_amount)
                                 FROM refill_purchases p JOIN refill_purchase_lines l ON l.purchase_id = p.id
                                 WHERE p.customer_id = r.customer_id AND p.purchased_at >= r.entered_at
                                   AND p.purchased_at < ${windowEnd}), 0) AS revenue
                FROM refill_chain_runs r
                WHERE r.chain_id = ?${filter.sql}
             ) x
             GROUP BY x.grp`,
            [goalWindowDays, goalWindowDays, chainId, ...filter.params],
        );
        const empty = (): ChainGroupSums => ({ n: 0, goals: 0, buyers: 0, revenue: 0, revenueSquares: 0 });
        const out: Record<ChainRunGroup, ChainGroupSums> = { test: empty(), holdout: empty() };
        for (const r of rows) {
            if (r.grp !== 'test' && r.grp !== 'holdout') continue;
            out[r.grp] = {
                n: num(r.n),
                goals: num(r.goals),
                buyers: num(r.buyers),
                revenue: num(r.revenue),
                revenueSquares: num(r.squares),
            };
        }
        return out;
    }

    /** Grant costs from the step log of runs entered in `range`, minor units. */
    async grantCost(chainId: number, range: EntryRange): Promise<number> {
        const filter = entryFilter(range);
        const [row] = await this.db.all<Record<string, unknown>>(
            `SELECT SUM(l.cost) AS cost FROM refill_chain_step_log l JOIN refill_chain_runs r ON r.id = l.run_id
             WHERE l.chain_id = ?${filter.sql}`,
            [chainId, ...filter.params],
        );
        return num(row?.cost);
    }

    /** What the chain's messages created in `range` cost, minor units, and how many there were. */
    async messageCost(chainId: number, range: EntryRange): Promise<{ messages: number; cost: number }> {
        const parts: string[] = [];
        const params: unknown[] = [chainId];
        if (range.from) {
            parts.push(' AND created_at >= ?');
            params.push(range.from);
        }
        if (range.to) {
            parts.push(' AND created_at < ?');
            params.push(range.to);
        }
        const [row] = await this.db.all<Record<string, unknown>>(
            `SELECT COUNT(*) AS n, SUM(cost) AS cost FROM refill_messages WHERE chain_id = ?${parts.join('')}`,
            params,
        );
        return { messages: num(row?.n), cost: num(row?.cost) };
    }
}
