import type { ChainDesign, ChainStep } from './chain-definition.js';
import { trafficOf } from '../../../kernel/vocabulary/message-kinds.js';
import { MS_PER_HOUR } from '../../../kernel/units/time.js';

/*
 * How a run walks its chain's steps, as values: which step comes first,
 * which follows a step (or a branch's answer), when a wait ends. No
 * database, no clock.
 */

/** The first step of a design (null: no steps, the run is done at once). */
export function firstStep(steps: readonly ChainStep[]): ChainStep | null {
    return steps[0] ?? null;
}

/** The step with `id` (null: the design no longer has it). */
export function stepById(steps: readonly ChainStep[], id: string): ChainStep | null {
    return steps.find((s) => s.id === id) ?? null;
}

/**
 * The step after `current`: a branch's `then`/`otherwise` target when
 * given (and present), otherwise the next one in the list; null at the end
 * of the list (the run is done).
 */
export function nextStep(
    steps: readonly ChainStep[],
    current: ChainStep,
    branchTarget?: string | undefined,
): ChainStep | null {
    if (branchTarget !== undefined) {
        const target = stepById(steps, branchTarget);
        if (target) return target;
    }
    const index = steps.findIndex((s) => s.id === current.id);
    return index < 0 ? null : (steps[index + 1] ?? null);
}

/** A branch's target for its answer (undefined: the next step in the list). */
export function branchTarget(
    step: Extract<ChainStep, { type: 'branch' }>,
    holds: boolean,
): string | undefined {
    return holds ? step.then : step.otherwise;
}

/** When a wait step that began at `startedAt` ends at the latest. */
export function waitEnds(step: Extract<ChainStep, { type: 'wait' }>, startedAt: Date): Date {
    return new Date(startedAt.getTime() + Math.max(0, step.hours) * MS_PER_HOUR);
}

/**
 * The window a branch looks at: from the moment the step before it began
 * (`since`) to `now`, or only `withinHours` of it when the step says so.
 */
export function branchWindow(
    step: Extract<ChainStep, { type: 'branch' }>,
    since: Date,
    now: Date,
): { from: Date; to: Date } {
    if (step.withinHours === undefined) return { from: since, to: now };
    const end = new Date(since.getTime() + step.withinHours * MS_PER_HOUR);
    return { from: since, to: end < now ? end : now };
}

/** Whether a design sends marketing traffic (the global control group gets no runs of such chains). */
export function sendsMarketing(design: Pick<ChainDesign, 'steps'>): boolean {
    return design.steps.some((s) => s.type === 'send' && trafficOf(s.kind) === 'marketing');
}
