import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { ChainEntity, type Chain, type ChainStatus } from '../entities/chain.entity.js';
import type { ChainDesign } from '../rules/chain-definition.js';

/** A chain's fields that can be written (id, version and timestamps are Refill's). */
export type ChainFields = Omit<Chain, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

/** The stored columns of a design (its JSON parts as text). */
export function chainColumns(
    design: ChainDesign,
): Omit<ChainFields, 'status' | 'budgetReachedAt' | 'activatedAt'> {
    return {
        key: design.key,
        name: design.name,
        trigger: JSON.stringify(design.trigger),
        steps: JSON.stringify(design.steps),
        goal: design.goal,
        goalWindowDays: design.goalWindowDays,
        stopOn: JSON.stringify(design.stopOn),
        reentry: JSON.stringify(design.reentry),
        priority: design.priority,
        holdoutBp: design.holdoutBp,
        budgetCap: design.budgetCap,
    };
}

/** A stored chain's design, its JSON columns parsed. */
export function chainDesignOf(chain: Chain): ChainDesign {
    return {
        key: chain.key,
        name: chain.name,
        trigger: JSON.parse(chain.trigger) as ChainDesign['trigger'],
        steps: JSON.parse(chain.steps) as ChainDesign['steps'],
        goal: chain.goal as ChainDesign['goal'],
        goalWindowDays: chain.goalWindowDays,
        stopOn: JSON.parse(chain.stopOn) as ChainDesign['stopOn'],
        reentry: JSON.parse(chain.reentry) as ChainDesign['reentry'],
        priority: chain.priority,
        holdoutBp: chain.holdoutBp,
        budgetCap: chain.budgetCap,
    };
}

/** Runs on a step, per group: what the step counts and the editor's removal check read. */
export interface StepRunCount {
    stepId: string;
    group: string;
    runs: number;
}

/** The run states in which a run stands on a step (not finished). */
const OPEN_RUN_STATUSES = ['active', 'waiting'] as const;

/**
 * Reads and writes `refill_chains`: create, a design update guarded by the
 * editor's `version` (optimistic concurrency), status changes, and reads;
 * plus the counts of open runs per step that an edit of an active chain is
 * checked against (`refill_chain_runs`).
 */
export class ChainRepository {
    private readonly chains: EntityRowMapper<Chain>;

    constructor(db: Database) {
        this.chains = db.rows(ChainEntity);
    }

    /** Inserts a chain at version 1; returns its id. */
    async insert(tx: SqlExecutor, fields: ChainFields, now: Date): Promise<number> {
        const shape = this.chains.insertable;
        const result = await tx.run(
            shape.insert(1),
            shape.values({ ...fields, version: 1, createdAt: now, updatedAt: now }),
        );
        return result.insertId;
    }

    /** Inserts a chain unless its key exists (a seed that never overwrites); whether it inserted. */
    async insertIfAbsent(tx: SqlExecutor, fields: ChainFields, now: Date): Promise<boolean> {
        const shape = this.chains.insertable;
        const result = await tx.run(
            shape.insert(1, sqlDialect.insertIgnore(tx.dialect)),
            shape.values({ ...fields, version: 1, createdAt: now, updatedAt: now }),
        );
        return result.affected > 0;
    }

    /**
     * Saves a new design over `version` and bumps it; false when the stored
     * version is another (someone saved in between: nothing written).
     */
    async updateDesign(
        tx: SqlExecutor,
        id: number,
        version: number,
        design: ReturnType<typeof chainColumns>,
        now: Date,
    ): Promise<boolean> {
        const columns = this.chains.insertable.properties.filter((p) => p !== 'createdAt' && p !== 'version');
        const { sets, params } = this.chains.assignments({ ...design, updatedAt: now }, columns);
        const result = await tx.run(
            `UPDATE refill_chains SET ${sets.join(', ')}, version = version + 1 WHERE id = ? AND version = ?`,
            [...params, id, version],
        );
        return result.affected > 0;
    }

    /** Changes the status (and what comes with it: the activation time, a cleared budget stop). */
    async setStatus(
        tx: SqlExecutor,
        id: number,
        fields: Pick<ChainFields, 'status'> & Partial<Pick<ChainFields, 'activatedAt' | 'budgetReachedAt'>>,
        now: Date,
    ): Promise<void> {
        const { sets, params } = this.chains.assignments({ ...fields, updatedAt: now }, [
            'status',
            'activatedAt',
            'budgetReachedAt',
            'updatedAt',
        ]);
        await tx.run(`UPDATE refill_chains SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
    }

    /** One chain, locked for update inside a transaction when `lock` is set. */
    async find(exec: SqlExecutor | Database, id: number, lock = false): Promise<Chain | null> {
        const forUpdate = lock ? sqlDialect.forUpdate(exec.dialect) : '';
        const [row] = await exec.all(
            `SELECT ${this.chains.columns} FROM refill_chains WHERE id = ?${forUpdate}`,
            [id],
        );
        return row ? this.chains.fromRow(row) : null;
    }

    /** The chain with a key, or null. */
    async findByKey(exec: SqlExecutor | Database, key: string): Promise<Chain | null> {
        const [row] = await exec.all(`SELECT ${this.chains.columns} FROM refill_chains WHERE chain_key = ?`, [
            key,
        ]);
        return row ? this.chains.fromRow(row) : null;
    }

    /** Every chain (or those in the given states), by priority then id. */
    async list(exec: SqlExecutor | Database, statuses?: readonly ChainStatus[]): Promise<Chain[]> {
        const where = statuses?.length ? ` WHERE status IN (${sqlDialect.inList(statuses.length)})` : '';
        const rows = await exec.all(
            `SELECT ${this.chains.columns} FROM refill_chains${where} ORDER BY priority, id`,
            statuses ?? [],
        );
        return rows.map((r) => this.chains.fromRow(r));
    }

    /** Runs not yet finished, per step and group, of one chain (runs with no step yet are left out). */
    async openRunsByStep(exec: SqlExecutor | Database, chainId: number): Promise<StepRunCount[]> {
        const rows = await exec.all<{ step_id: string; grp: string; n: unknown }>(
            `SELECT step_id, grp, COUNT(*) AS n FROM refill_chain_runs
             WHERE chain_id = ? AND status IN (${sqlDialect.inList(OPEN_RUN_STATUSES.length)}) AND step_id IS NOT NULL
             GROUP BY step_id, grp`,
            [chainId, ...OPEN_RUN_STATUSES],
        );
        return rows.map((r) => ({ stepId: r.step_id, group: r.grp, runs: Number(r.n) }));
    }

    /** Ends a chain's open runs as `cancelled` (the chain was archived); how many. Lock the chain first. */
    async cancelOpenRuns(tx: SqlExecutor, chainId: number, now: Date): Promise<number> {
        const result = await tx.run(
            `UPDATE refill_chain_runs SET status = 'cancelled', end_reason = 'archived', ended_at = ?, next_at = NULL,
                    claim_token = NULL, updated_at = ?
             WHERE chain_id = ? AND status IN (${sqlDialect.inList(OPEN_RUN_STATUSES.length)})`,
            [now, now, chainId, ...OPEN_RUN_STATUSES],
        );
        return result.affected;
    }
}
