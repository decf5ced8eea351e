import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { JobsBenchDatabase } from './jobs-bench.database.js';
import { BENCH_JOB_NAME, type JobsBenchSide, type JobsWorkerMessage } from './jobs-bench.protocol.js';

const WORKERS: Record<JobsBenchSide, string> = {
    agenda: fileURLToPath(new URL('./agenda-worker.ts', import.meta.url)),
    sql: fileURLToPath(new URL('./sql-worker.ts', import.meta.url)),
};

/** One measurement: one side, one engine, one worker count. */
export interface JobsBenchResult {
    side: JobsBenchSide;
    workers: number;
    jobs: number;
    seconds: number;
    jobsPerSecond: number;
    claimP50Ms: number;
    claimP99Ms: number;
    /** Jobs each worker completed, to show how the work was shared. */
    perWorker: number[];
}

/** The p-th percentile (0–100) of `values`. */
export function percentile(values: number[], p: number): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Worker {
    child: ChildProcess;
    completed: number;
    done?: Extract<JobsWorkerMessage, { type: 'done' }>;
}

/**
 * Seeds `jobs` due no-op jobs, forks `workers` processes of one side, waits
 * until all are ready, says go, and times until every job is completed;
 * then stops the workers and checks in the database that every job is
 * finished and unlocked.
 */
export async function measure(
    db: JobsBenchDatabase,
    side: JobsBenchSide,
    workers: number,
    jobs: number,
): Promise<JobsBenchResult> {
    await db.seed(BENCH_JOB_NAME, jobs);
    const pool: Worker[] = [];
    const ready = Array.from({ length: workers }, (_, i) => {
        const child = fork(
            WORKERS[side],
            [JSON.stringify({ url: db.url, name: `${side}-${i + 1}`, jobName: BENCH_JOB_NAME })],
            { execArgv: ['--import', 'tsx'], stdio: 'inherit' },
        );
        const worker: Worker = { child, completed: 0 };
        pool.push(worker);
        return new Promise<void>((resolve, reject) => {
            child.once('exit', (code) => reject(new Error(`${side} worker exited early (${code})`)));
            child.on('message', (m: JobsWorkerMessage) => {
                if (m.type === 'ready') resolve();
                else if (m.type === 'progress') worker.completed = m.completed;
                else if (m.type === 'done') worker.done = m;
            });
        });
    });
    await Promise.all(ready);
    const started = performance.now();
    for (const w of pool) w.child.send('go');
    const total = () => pool.reduce((s, w) => s + w.completed, 0);
    while (total() < jobs) await new Promise((r) => setTimeout(r, 10));
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(
        pool.map(
            (w) =>
                new Promise<void>((resolve) => {
                    w.child.removeAllListeners('exit');
                    w.child.once('exit', () => resolve());
                    w.child.send('stop');
                }),
        ),
    );
    const check = await db.finished(BENCH_JOB_NAME);
    if (check.finished !== jobs || check.total !== jobs)
        throw new Error(`${side}: ${check.finished} of ${check.total} jobs finished, expected ${jobs}`);
    const latencies = pool.flatMap((w) => w.done?.claimLatenciesMs ?? []);
    if (latencies.length !== jobs) throw new Error(`${side}: ${latencies.length} claims for ${jobs} jobs`);
    return {
        side,
        workers,
        jobs,
        seconds,
        jobsPerSecond: jobs / seconds,
        claimP50Ms: percentile(latencies, 50),
        claimP99Ms: percentile(latencies, 99),
        perWorker: pool.map((w) => w.done?.completed ?? w.completed),
    };
}
