import type { TrafficClass } from '../../../kernel/vocabulary/traffic-classes.js';
import type { Chain, ChainStatus } from '../entities/chain.entity.js';
import type { ChainRunGroup } from '../entities/chain-run.entity.js';
import type { ChainDesign, ChainStep, ChainTrigger } from '../rules/chain-definition.js';
import { chainTraffic } from '../rules/chain-design.rules.js';
import { chainDesignOf } from '../repositories/chain.repository.js';
import type { ChainListFigures } from '../repositories/chain-report.query.js';

/** A chain as `GET /chains/:id` shows it: its design, where it stands, and the version an edit must send back. */
export type ChainView = ChainDesign & {
    id: number;
    status: ChainStatus;
    /** Sent with `PUT /chains/:id`; a stale one answers 409. */
    version: number;
    /** `marketing` when a send step sends marketing traffic (the global control group never enters it). */
    traffic: TrafficClass;
    budgetReachedAt: string | null;
    createdAt: string;
    updatedAt: string;
    activatedAt: string | null;
};

/** One row of `GET /chains`. */
export interface ChainSummary {
    id: number;
    key: string;
    name: string;
    status: ChainStatus;
    trigger: ChainTrigger;
    priority: number;
    holdoutBp: number;
    budgetCap: number | null;
    budgetReachedAt: string | null;
    /** Runs not finished, both groups. */
    activeRuns: number;
    /** Runs entered in the last 7 days, both groups. */
    entered7d: number;
    /** Test-group runs that reached the goal, of all test-group runs; null before any. */
    goalRate: number | null;
}

/** Live counts of one step: runs standing on it and runs that executed it, per group. */
export interface ChainStepCount {
    stepId: string;
    type: ChainStep['type'];
    /** Runs standing on the step now (`active` or `waiting`). */
    at: Record<ChainRunGroup, number>;
    /** Runs that executed the step (its step-log rows, each run once). */
    passed: Record<ChainRunGroup, number>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The stored chain as the API shows it. */
export function chainView(chain: Chain): ChainView {
    const design = chainDesignOf(chain);
    return {
        id: chain.id,
        ...design,
        status: chain.status,
        version: chain.version,
        traffic: chainTraffic(design),
        budgetReachedAt: iso(chain.budgetReachedAt),
        createdAt: chain.createdAt.toISOString(),
        updatedAt: chain.updatedAt.toISOString(),
        activatedAt: iso(chain.activatedAt),
    };
}

/** The list row of a chain with its live figures (zeros before any run). */
export function chainSummary(chain: Chain, figures: ChainListFigures | undefined): ChainSummary {
    return {
        id: chain.id,
        key: chain.key,
        name: chain.name,
        status: chain.status,
        trigger: JSON.parse(chain.trigger) as ChainTrigger,
        priority: chain.priority,
        holdoutBp: chain.holdoutBp,
        budgetCap: chain.budgetCap,
        budgetReachedAt: iso(chain.budgetReachedAt),
        activeRuns: figures?.activeRuns ?? 0,
        entered7d: figures?.entered7d ?? 0,
        goalRate: figures?.goalRate ?? null,
    };
}

/** The step counts in the design's order, from the open runs per step and the step-log passes. */
export function chainStepCounts(
    steps: readonly ChainStep[],
    open: ReadonlyArray<{ stepId: string; group: string; runs: number }>,
    passed: ReadonlyArray<{ stepId: string; group: string; runs: number }>,
): ChainStepCount[] {
    const tally = (rows: typeof open, stepId: string): Record<ChainRunGroup, number> => {
        const out = { test: 0, holdout: 0 };
        for (const r of rows)
            if (r.stepId === stepId && (r.group === 'test' || r.group === 'holdout')) out[r.group] += r.runs;
        return out;
    };
    return steps.map((s) => ({
        stepId: s.id,
        type: s.type,
        at: tally(open, s.id),
        passed: tally(passed, s.id),
    }));
}
