import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJobsDatabase, type JobsTestDatabase } from '../../helpers/jobs-database.js';
import { jobParams, waitFor } from '../../helpers/jobs-fixtures.js';
import { startWorker, type WorkerHandle } from '../../helpers/jobs-workers.js';
import { engines } from '../../helpers/test-database.js';

const LOCK_LIFETIME_MS = 2000;

/*
 * Crash recovery across processes: worker A starts a long job and is killed
 * (SIGKILL) mid-job; worker B, polling all along, takes the job over only
 * once its lock lifetime has passed, and completes it. The handler records
 * completion under the job id (idempotent), so the job completed exactly once.
 */
describe.each(engines)('crash takeover on %s', (engine) => {
    let t: JobsTestDatabase;
    const workers: WorkerHandle[] = [];
    const worker = (name: string, handlerMs: number) =>
        startWorker({
            url: t.url,
            name,
            jobName: 'crash',
            table: 'crash_runs',
            lockLifetimeMs: LOCK_LIFETIME_MS,
            handlerMs,
            processEvery: 100,
            concurrency: 1,
        }).then((w) => (workers.push(w), w));

    beforeAll(async () => {
        t = await openJobsDatabase(engine, 'jobs_crash');
        await t.database.run(
            'CREATE TABLE crash_runs (job_id VARCHAR(36) NOT NULL PRIMARY KEY, worker VARCHAR(32) NOT NULL, runs INT NOT NULL)',
        );
    });
    afterAll(async () => {
        await Promise.all(workers.map((w) => w.stop()));
        await t?.close();
    });

    it(
        'a killed worker’s job is taken over after the lock lifetime and completed once',
        { timeout: 60_000 },
        async () => {
            const repo = t.backend().repository;
            const job = await repo.saveJob(
                jobParams({ name: 'crash', nextRunAt: new Date(Date.now() - 10) }),
                undefined,
            );
            const id = String(job._id);
            const [a, b] = await Promise.all([worker('a', 600_000), worker('b', 50)]);

            a.child.send('go');
            expect(await a.next('started')).toEqual({ type: 'started', id });
            const lockedAt = (await repo.getJobById(id))!.lockedAt!;
            expect(lockedAt).toBeInstanceOf(Date);
            b.child.send('go');
            await new Promise((r) => setTimeout(r, 300));
            const exited = new Promise((r) => a.child.once('exit', r));
            a.child.kill('SIGKILL');
            await exited;

            expect(await b.next('started', 20_000)).toEqual({ type: 'started', id });
            const takenOverAt = Date.now();
            expect(takenOverAt).toBeGreaterThanOrEqual(lockedAt.getTime() + LOCK_LIFETIME_MS);
            expect(takenOverAt).toBeLessThan(lockedAt.getTime() + LOCK_LIFETIME_MS + 5000);
            await b.next('completed');
            await waitFor(async () => {
                const row = (await repo.getJobById(id))!;
                return row.lastFinishedAt !== undefined && row.lockedAt === undefined;
            });

            const runs = await t.database.all<{ job_id: string; worker: string; runs: number }>(
                'SELECT job_id, worker, runs FROM crash_runs',
            );
            expect(runs.map((r) => ({ ...r, runs: Number(r.runs) }))).toEqual([
                { job_id: id, worker: 'b', runs: 1 },
            ]);
            expect(a.messages.some((m) => m.type === 'completed')).toBe(false);
            const row = (await repo.getJobById(id))!;
            expect(row).toMatchObject({ nextRunAt: null, failCount: undefined, lastModifiedBy: 'b' });
            expect(row.lastRunAt!.getTime()).toBeGreaterThanOrEqual(takenOverAt - 1000);
        },
    );
});
