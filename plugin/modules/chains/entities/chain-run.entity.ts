import { EntitySchema } from 'typeorm';
import { bigId, bigInt, int, str, time } from '../../../kernel/db/entity-columns.js';

/** Which side of a chain's experiment a run is on: `test` walks the steps, `holdout` is measured only. */
export type ChainRunGroup = 'test' | 'holdout';

/**
 * Where a run stands: `active` (due at `nextAt`), `waiting` (a wait step or a
 * held send, due at `nextAt` or on its event), or finished: `done` (walked
 * its last step or an exit), `goal` (reached the chain's goal), `stopped` (a
 * stop event), `budget` (the chain's budget cap), `cancelled` (the chain was
 * archived). Holdout runs stay `active` with no step until their goal window
 * ends, then end `done` or `goal` like test runs.
 */
export type ChainRunStatus = 'active' | 'waiting' | 'done' | 'goal' | 'stopped' | 'budget' | 'cancelled';

/** One customer's run of one chain: its group (write-once at entry), the step it is on, and when it acts next. */
export interface ChainRun {
    id: number;
    chainId: number;
    customerId: number;
    /** Unique: the chain, the customer and the entry occurrence (e.g. `12:345:2026-12-06`), so a retried entry enters once. */
    entryKey: string;
    group: ChainRunGroup;
    status: ChainRunStatus;
    /** The step the run is on (NULL: not started, or finished). */
    stepId: string | null;
    /** How many steps it has executed; the next step log row's `seq`. */
    stepSeq: number;
    nextAt: Date | null;
    /** What a waiting run waits for (a `ChainEvent`), if anything. */
    waitingFor: string | null;
    /** The moment the current step began (branch conditions look from here). */
    stepStartedAt: Date | null;
    /** The deadline a deadline-bound step must beat (bonuses burning). */
    deadlineAt: Date | null;
    enteredAt: Date;
    endedAt: Date | null;
    /** Why it ended, in a word (`last-step`, `exit`, `goal`, `purchase`, `budget`, …). */
    endReason: string | null;
    goalAt: Date | null;
    /** The step runner holding it (its `nextAt` is the lease meanwhile). */
    claimToken: string | null;
    updatedAt: Date;
}

/** TypeORM schema of {@link ChainRun}. */
export const ChainRunEntity = new EntitySchema<ChainRun>({
    name: 'RefillChainRun',
    tableName: 'refill_chain_runs',
    columns: {
        id: bigId(),
        chainId: int('chain_id'),
        customerId: bigInt('customer_id'),
        entryKey: str('entry_key', 96),
        group: str('grp', 8),
        status: str('status', 12),
        stepId: str('step_id', 40, true),
        stepSeq: int('step_seq', false, 0),
        nextAt: time('next_at', true),
        waitingFor: str('waiting_for', 16, true),
        stepStartedAt: time('step_started_at', true),
        deadlineAt: time('deadline_at', true),
        enteredAt: time('entered_at'),
        endedAt: time('ended_at', true),
        endReason: str('end_reason', 24, true),
        goalAt: time('goal_at', true),
        claimToken: str('claim_token', 36, true),
        updatedAt: time('updated_at'),
    },
    indices: [
        { name: 'UQ_refill_chain_runs_entry', columns: ['entryKey'], unique: true },
        { name: 'IDX_refill_chain_runs_due', columns: ['status', 'nextAt'] },
        { name: 'IDX_refill_chain_runs_chain', columns: ['chainId', 'group', 'status'] },
        { name: 'IDX_refill_chain_runs_customer', columns: ['customerId', 'status'] },
    ],
});
