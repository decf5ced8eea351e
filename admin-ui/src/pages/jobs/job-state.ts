import type { JobStatusView } from '../../api/contract';

/** What a job is doing, as the jobs page shows it. */
export type JobState = 'running' | 'paused' | 'failed' | 'scheduled' | 'idle';

/**
 * A job's state: running, paused, failed (its last finished run failed),
 * scheduled (a next run is set) or idle.
 */
export function jobState(job: JobStatusView): JobState {
    if (job.running) return 'running';
    if (job.paused) return 'paused';
    const lastEnd = job.recentRuns.find((run) => run.event !== 'start');
    if (lastEnd ? lastEnd.event === 'fail' : job.failedAt !== null && job.failedAt === job.lastFinishedAt)
        return 'failed';
    return job.nextRunAt ? 'scheduled' : 'idle';
}

/** The error of the last failed run, if the last finished run failed or none succeeded since. */
export function lastError(job: JobStatusView): { message: string | null; at: string | null } | null {
    const lastFail = job.recentRuns.find((run) => run.event === 'fail');
    if (lastFail) return { message: lastFail.error ?? job.failReason, at: lastFail.at };
    if (job.failReason || job.failedAt) return { message: job.failReason, at: job.failedAt };
    return null;
}

/** Colour of each state's badge. */
export const STATE_COLOR: Record<JobState, string> = {
    running: 'blue',
    paused: 'yellow',
    failed: 'red',
    scheduled: 'teal',
    idle: 'gray',
};
