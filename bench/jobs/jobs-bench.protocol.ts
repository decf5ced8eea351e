/** The two ways of claiming and completing jobs the benchmark compares. */
export type JobsBenchSide = 'agenda' | 'sql';

/** What the parent tells a worker process (its argument, as JSON). */
export interface JobsWorkerConfig {
    /** A Refill database URL (`mysql://…`, `mariadb://…` or `sqlite:<file>`). */
    url: string;
    name: string;
    jobName: string;
}

/** Messages a worker sends to the parent. */
export type JobsWorkerMessage =
    | { type: 'ready' }
    | { type: 'progress'; completed: number }
    | { type: 'done'; completed: number; claimLatenciesMs: number[] };

/** Messages the parent sends: start claiming, then report and exit. */
export type JobsParentMessage = 'go' | 'stop';

/** The job name every benchmark job has. */
export const BENCH_JOB_NAME = 'bench-noop';

/** How often workers report progress, ms. */
export const PROGRESS_EVERY_MS = 100;
