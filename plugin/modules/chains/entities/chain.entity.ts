import { EntitySchema } from 'typeorm';
import { int, intId, str, text, time } from '../../../kernel/db/entity-columns.js';

/** Where a chain stands: `draft` (being designed), `active` (entering and stepping), `paused` (runs wait, nobody enters), `archived`. */
export type ChainStatus = 'draft' | 'active' | 'paused' | 'archived';

/**
 * One trigger chain as stored: the design's scalar fields as columns and its
 * trigger, steps, stop events and re-entry rule as JSON text (the shapes of
 * `rules/chain-definition.ts`).
 */
export interface Chain {
    id: number;
    /** Stable slug, unique (the shipped chains' keys). */
    key: string;
    name: string;
    status: ChainStatus;
    /** JSON of `ChainTrigger`. */
    trigger: string;
    /** JSON of `ChainStep[]`. */
    steps: string;
    /** `purchase`, `points-used`, or NULL. */
    goal: string | null;
    goalWindowDays: number;
    /** JSON of `ChainEvent[]`. */
    stopOn: string;
    /** JSON of `ChainReentry`. */
    reentry: string;
    priority: number;
    holdoutBp: number;
    /** Minor units; NULL: no cap. */
    budgetCap: number | null;
    /** When the spend reached the cap and sending stopped (NULL: not reached). */
    budgetReachedAt: Date | null;
    /** Bumped by every saved change of the design (optimistic concurrency for the editor). */
    version: number;
    createdAt: Date;
    updatedAt: Date;
    activatedAt: Date | null;
}

/** TypeORM schema of {@link Chain}. */
export const ChainEntity = new EntitySchema<Chain>({
    name: 'RefillChain',
    tableName: 'refill_chains',
    columns: {
        id: intId(),
        key: str('chain_key', 64),
        name: str('name', 200),
        status: str('status', 12),
        trigger: { ...text('trigger_json'), nullable: false },
        steps: { ...text('steps_json'), nullable: false },
        goal: str('goal', 16, true),
        goalWindowDays: int('goal_window_days', false, 30),
        stopOn: { ...text('stop_on_json'), nullable: false },
        reentry: { ...text('reentry_json'), nullable: false },
        priority: int('priority', false, 100),
        holdoutBp: int('holdout_bp', false, 1000),
        budgetCap: int('budget_cap', true),
        budgetReachedAt: time('budget_reached_at', true),
        version: int('version', false, 1),
        createdAt: time('created_at'),
        updatedAt: time('updated_at'),
        activatedAt: time('activated_at', true),
    },
    indices: [
        { name: 'UQ_refill_chains_key', columns: ['key'], unique: true },
        { name: 'IDX_refill_chains_status', columns: ['status', 'priority'] },
    ],
});
