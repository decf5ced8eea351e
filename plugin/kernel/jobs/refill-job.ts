/** What a job run reports: named counts (lots burned, customers touched, …). */
export type JobCounts = Record<string, number>;

/** Passed to a running job. */
export interface JobRunContext {
    /** Extends the job's lock; long runs call it after every batch so no other worker takes the job over. */
    touch(): Promise<void>;
}

/**
 * A job Refill enqueues with data (one campaign's day, one range of it),
 * not on a schedule. Handlers are idempotent for the same data.
 */
export interface RefillTask<DATA = Record<string, unknown>> {
    readonly name: string;
    readonly description: string;
    /** How many of it one worker runs at once. */
    readonly concurrency: number;
    run(data: DATA, context: JobRunContext): Promise<JobCounts>;
}

/**
 * One of Refill's scheduled jobs. Handlers must be idempotent: a job whose
 * worker died is taken over by another after its lock lifetime and runs again.
 */
export interface RefillJob {
    /** Stable name, e.g. `expire-bonuses`. */
    readonly name: string;
    /** What it does, for operators. */
    readonly description: string;
    /** Cron expression (in the chain's timezone) or interval used unless configured otherwise. */
    readonly defaultSchedule: string;
    run(context: JobRunContext): Promise<JobCounts>;
}
