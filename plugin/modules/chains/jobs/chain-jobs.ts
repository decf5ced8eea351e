import type { RefillJob, RefillTask } from '../../../kernel/jobs/refill-job.js';
import type { ChainEngineService } from '../services/chain-engine.service.js';
import type { ChainTriggersService } from '../services/chain-triggers.service.js';

/** What the chain jobs need. */
export interface ChainJobDeps {
    engine: ChainEngineService;
    triggers: ChainTriggersService;
    /** How long one step run works before it re-enqueues itself, ms. */
    stepRunMs: number;
    /** Enqueues a task (the scheduler's `enqueue`; bound late by the composition root). */
    enqueue: (name: string, data: Record<string, unknown>, uniqueBy?: string[]) => Promise<void>;
}

/** Name of the task a step run enqueues for what it left. */
export const CHAIN_STEPS_MORE_TASK = 'chain-steps-more';

/** Steps due runs for up to `stepRunMs`, then re-enqueues itself when work remains. */
async function stepRun(deps: ChainJobDeps, touch: () => Promise<void>): Promise<Record<string, number>> {
    const { more, ...counts } = await deps.engine.runDue(Date.now() + deps.stepRunMs, touch);
    if (more) await deps.enqueue(CHAIN_STEPS_MORE_TASK, { at: Math.floor(Date.now() / 1000) }, []);
    return { ...counts, reenqueued: more ? 1 : 0 };
}

/**
 * `chain-steps` (every minute): claims due chain runs in batches and
 * executes one step of each, exactly once (see the chains README); when
 * the run's time is up with work left, it enqueues `chain-steps-more`.
 */
export function chainStepsJob(deps: ChainJobDeps): RefillJob {
    return {
        name: 'chain-steps',
        description: 'Executes the due steps of trigger chain runs (send, wait, branch, grant, exit)',
        defaultSchedule: '* * * * *',
        run: ({ touch }) => stepRun(deps, touch),
    };
}

/** `chain-steps-more`: the rest of a step run that ran out of time (re-enqueued while work remains). */
export function chainStepsMoreTask(deps: ChainJobDeps): RefillTask {
    return {
        name: CHAIN_STEPS_MORE_TASK,
        description: 'Continues executing due chain steps',
        concurrency: 1,
        run: (_data, { touch }) => stepRun(deps, touch),
    };
}

/**
 * `chain-triggers` (hourly): enters customers whose bonuses burn soon,
 * whose birthday it is, and the audiences of scheduled chains. Idempotent:
 * entry keys.
 */
export function chainTriggersJob(deps: ChainJobDeps): RefillJob {
    return {
        name: 'chain-triggers',
        description: 'Enters customers into chains on bonuses burning, birthdays and schedules',
        defaultSchedule: '17 * * * *',
        async run({ touch }) {
            return { ...(await deps.triggers.scan(touch)) };
        },
    };
}
