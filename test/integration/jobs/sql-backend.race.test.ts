import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJobsDatabase, type JobsTestDatabase } from '../../helpers/jobs-database.js';
import { jobParams, waitFor } from '../../helpers/jobs-fixtures.js';
import { startWorker, type WorkerHandle } from '../../helpers/jobs-workers.js';
import { engines } from '../../helpers/test-database.js';

const JOBS = 2000;

/*
 * The claim race across processes: three worker processes, each with its own
 * DataSource and Agenda, process 2,000 due jobs at once. Every handler run
 * upserts its job id into a table keyed by it, so a job run twice would show
 * `runs = 2`. Expect exactly 2,000 rows, each with one run.
 */
describe.each(engines)(`claim race: 3 worker processes, ${JOBS} jobs on %s`, (engine) => {
    let t: JobsTestDatabase;
    const workers: WorkerHandle[] = [];

    beforeAll(async () => {
        t = await openJobsDatabase(engine, 'jobs_race');
        await t.database.run(
            'CREATE TABLE race_runs (job_id VARCHAR(36) NOT NULL PRIMARY KEY, worker VARCHAR(32) NOT NULL, runs INT NOT NULL)',
        );
    });
    afterAll(async () => {
        await Promise.all(workers.map((w) => w.stop()));
        await t?.close();
    });

    it('runs every job exactly once', { timeout: 120_000 }, async () => {
        const repo = t.backend().repository;
        const due = new Date(Date.now() - 1000);
        for (let i = 0; i < JOBS; i += 25)
            await Promise.all(
                Array.from({ length: 25 }, (_, k) =>
                    repo.saveJob(jobParams({ name: 'race', nextRunAt: due, data: { i: i + k } }), undefined),
                ),
            );
        workers.push(
            ...(await Promise.all(
                [1, 2, 3].map((n) =>
                    startWorker({
                        url: t.url,
                        name: `w${n}`,
                        jobName: 'race',
                        table: 'race_runs',
                        lockLifetimeMs: 600_000,
                        handlerMs: 0,
                        processEvery: 100,
                        concurrency: 20,
                    }),
                ),
            )),
        );
        for (const w of workers) w.child.send('go');
        const count = async () =>
            Number((await t.database.all<{ n: number }>('SELECT COUNT(*) AS n FROM race_runs'))[0].n);
        await waitFor(async () => (await count()) === JOBS, 90_000, 200);
        // Let any duplicate run that is still in flight land before checking.
        await new Promise((r) => setTimeout(r, 500));

        const [summary] = await t.database.all<{ n: number; total: number; most: number }>(
            'SELECT COUNT(*) AS n, SUM(runs) AS total, MAX(runs) AS most FROM race_runs',
        );
        expect(Number(summary.n)).toBe(JOBS);
        expect(Number(summary.total)).toBe(JOBS);
        expect(Number(summary.most)).toBe(1);
        const started = workers.flatMap((w) => w.messages.filter((m) => m.type === 'started'));
        expect(started).toHaveLength(JOBS);
        expect(new Set(started.map((m) => ('id' in m ? m.id : ''))).size).toBe(JOBS);
        const perWorker = await t.database.all<{ worker: string; n: number }>(
            'SELECT worker, COUNT(*) AS n FROM race_runs GROUP BY worker ORDER BY worker',
        );
        console.log(`race on ${engine}:`, perWorker.map((r) => `${r.worker}=${r.n}`).join(' '));
        const [left] = await t.database.all<{ n: number }>(
            "SELECT COUNT(*) AS n FROM refill_jobs WHERE name = 'race' AND (locked_at IS NOT NULL OR last_finished_at IS NULL)",
        );
        expect(Number(left.n)).toBe(0);
    });
});
