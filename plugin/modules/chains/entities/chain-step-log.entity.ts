import { EntitySchema } from 'typeorm';
import { bigInt, int, str, text, time } from '../../../kernel/db/entity-columns.js';

/**
 * One executed step of a run, written in the same transaction as the step's
 * effect (the reminder planned, the bonus granted): the primary key
 * (run, seq) is what makes a step happen exactly once, whatever retries or
 * crashes. The chain's step funnel counts these rows.
 */
export interface ChainStepLog {
    runId: number;
    seq: number;
    chainId: number;
    stepId: string;
    /** The step's type (`send`, `wait`, `branch`, `grant`, `exit`). */
    stepType: string;
    /** What it did, in a word (`planned`, `held`, `then`, `otherwise`, `granted`, …). */
    result: string;
    /** JSON of what it did (the cascade key, the bonus, the branch facts). */
    detail: string | null;
    /** Minor units it cost (a grant's bonus; messages are costed by messaging). */
    cost: number;
    executedAt: Date;
}

/** TypeORM schema of {@link ChainStepLog}. */
export const ChainStepLogEntity = new EntitySchema<ChainStepLog>({
    name: 'RefillChainStepLog',
    tableName: 'refill_chain_step_log',
    columns: {
        runId: { ...bigInt('run_id'), primary: true },
        seq: { ...int('seq'), primary: true },
        chainId: int('chain_id'),
        stepId: str('step_id', 40),
        stepType: str('step_type', 8),
        result: str('result', 16),
        detail: text('detail'),
        cost: int('cost', false, 0),
        executedAt: time('executed_at'),
    },
    indices: [{ name: 'IDX_refill_chain_step_log_chain', columns: ['chainId', 'stepId'] }],
});
