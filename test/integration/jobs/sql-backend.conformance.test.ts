import { Agenda, constant, Job } from 'agenda';
import type { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SqlJobBackend } from '../../../plugin/kernel/jobs/sql-backend/index.js';
import { openJobsDatabase, type JobsTestDatabase } from '../../helpers/jobs-database.js';
import { AgendaPool, sleep, waitFor } from '../../helpers/jobs-fixtures.js';
import { engines } from '../../helpers/test-database.js';

/*
 * Refill's conformance suite for the JobRepository contract as Agenda's core
 * uses it: a real Agenda 6.2.6 over the SQL backend schedules and processes
 * jobs — every()/single rows and timezones, priorities, disabled jobs,
 * failures with backoff retries, repeatEvery/repeatAt, date constraints,
 * touch, removeOnComplete, purge and cancelAll, several Agenda instances
 * sharing the work, stale-lock takeover — and never closes a DataSource it
 * does not own. Written from what Agenda's shared suites check, plus the
 * gaps they leave.
 */
describe.each(engines)('Agenda on the SQL backend (%s)', (engine) => {
    let t: JobsTestDatabase;
    let other: DataSource | undefined;
    const pool = new AgendaPool();
    const agenda = (options: Partial<ConstructorParameters<typeof Agenda>[0]> = {}) =>
        pool.track(new Agenda({ backend: t.backend(), processEvery: 50, ...options }));
    const rows = async (name: string) => (await t.backend().repository.queryJobs({ name })).jobs;

    beforeAll(async () => {
        t = await openJobsDatabase(engine, 'jobs_conformance');
        // A second DataSource acts as another process (MySQL only: two SQLite connections in one thread block each other).
        if (engine === 'mysql') other = await t.openAnother();
    });
    afterAll(async () => t?.close());
    beforeEach(async () => t.clear());
    afterEach(async () => {
        await pool.stopAll();
        expect(t.dataSource.isInitialized).toBe(true);
    });

    describe('scheduling', () => {
        it('every() keeps one single row per name and updates it', async () => {
            const a = agenda();
            await a.every('5 minutes', 'ev');
            await a.every('10 minutes', 'ev', { v: 2 });
            const [row, ...more] = await rows('ev');
            expect(more).toEqual([]);
            expect(row).toMatchObject({ type: 'single', repeatInterval: '10 minutes', data: { v: 2 } });
        });

        it('computes cron runs in the job timezone and keeps it', async () => {
            await agenda().every('0 9 * * *', 'tz', undefined, { timezone: 'Asia/Tokyo' });
            const [row] = await rows('tz');
            expect(row.repeatTimezone).toBe('Asia/Tokyo');
            expect(row.nextRunAt!.getUTCHours()).toBe(0); // 09:00 in Tokyo
            expect(row.nextRunAt!.getUTCMinutes()).toBe(0);
        });

        it('persists startDate, endDate and skipDays and the processor honours them', async () => {
            const a = agenda();
            let runs = 0;
            a.define('bounded', async () => {
                runs++;
            });
            const end = new Date(Date.now() + 400);
            const job = a
                .create('bounded')
                .repeatEvery(100)
                .startDate(new Date(Date.now() - 1000))
                .endDate(end);
            await job.skipDays([]).save();
            const weekend = await a.create('weekend').repeatEvery('1 hour').skipDays([0, 6]).save();
            expect((await t.backend().repository.getJobById(String(weekend.attrs._id)))!.skipDays).toEqual([
                0, 6,
            ]);
            await a.start();
            await waitFor(async () => (await rows('bounded'))[0].nextRunAt === null, 4000);
            const [row] = await rows('bounded');
            expect(row.endDate!.getTime()).toBe(end.getTime());
            expect(runs).toBeGreaterThanOrEqual(1);
            expect(row.lastRunAt!.getTime()).toBeLessThanOrEqual(end.getTime());
        });

        it('repeatEvery reruns a job; repeatAt computes the next run after a run', async () => {
            const a = agenda();
            let reps = 0;
            a.define('rep', async () => {
                reps++;
            });
            a.define('at', async () => undefined);
            await a.every(150, 'rep');
            await a.create('at').repeatAt('3:30pm').schedule(new Date()).save();
            await a.start();
            await waitFor(() => reps >= 2, 4000);
            await waitFor(async () => (await rows('at'))[0].lastFinishedAt !== undefined, 3000);
            const [at] = await rows('at');
            expect([at.nextRunAt!.getHours(), at.nextRunAt!.getMinutes()]).toEqual([15, 30]);
            expect(at.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
        });
    });

    describe('processing', () => {
        it('runs a job once with its data, then leaves it unlocked and completed', async () => {
            const a = agenda();
            const seen: unknown[] = [];
            a.define('once', async (job) => {
                seen.push(job.attrs.data);
            });
            await a.start();
            await a.now('once', { n: 1 });
            await waitFor(async () => (await rows('once'))[0].lastFinishedAt !== undefined);
            await sleep(150);
            expect(seen).toEqual([{ n: 1 }]);
            const [row] = await rows('once');
            expect(row).toMatchObject({ state: 'completed', nextRunAt: null, lockedAt: undefined });
        });

        it('runs higher priorities first among jobs due at the same time', async () => {
            const a = agenda({ maxConcurrency: 1 });
            const order: string[] = [];
            a.define(
                'prio',
                async (job) => {
                    order.push((job.attrs.data as { p: string }).p);
                },
                { concurrency: 1 },
            );
            const due = new Date(Date.now() - 1000);
            for (const p of ['low', 'high', 'normal', 'lowest', 'highest'] as const)
                await a.create('prio', { p }).priority(p).schedule(due).save();
            await a.start();
            await waitFor(() => order.length === 5);
            expect(order).toEqual(['highest', 'high', 'normal', 'low', 'lowest']);
        });

        it('never runs disabled jobs, and runs them once enabled', async () => {
            const a = agenda();
            let runs = 0;
            a.define('off', async () => {
                runs++;
            });
            await a.create('off').schedule(new Date()).disable().save();
            await a.start();
            await sleep(300);
            expect(runs).toBe(0);
            expect(await a.enable({ name: 'off' })).toBe(1);
            await waitFor(() => runs === 1);
        });

        it('retries a failing job with backoff, then records the failure', async () => {
            const a = agenda();
            let attempts = 0;
            let exhausted = false;
            a.define(
                'flaky',
                async () => {
                    attempts++;
                    throw new Error(`boom ${attempts}`);
                },
                { backoff: constant({ delay: 60, maxRetries: 2 }) },
            );
            a.on('retry exhausted:flaky', () => {
                exhausted = true;
            });
            await a.start();
            await a.now('flaky');
            await waitFor(() => exhausted, 5000);
            await waitFor(async () => (await rows('flaky'))[0].lockedAt === undefined);
            const [row] = await rows('flaky');
            expect(attempts).toBe(3);
            expect(row).toMatchObject({
                failCount: 3,
                failReason: 'boom 3',
                state: 'failed',
                nextRunAt: null,
            });
            expect(row.failedAt).toBeInstanceOf(Date);
        });

        it('touch() extends the lock and stores progress; removeOnComplete removes one-off jobs', async () => {
            const a = agenda();
            let release!: () => void;
            const released = new Promise<void>((r) => (release = r));
            a.define('long', async (job) => {
                await job.touch(40);
                await released;
            });
            a.define('temp', async () => undefined, { removeOnComplete: true });
            await a.start();
            const job = await a.now('long');
            await waitFor(async () => (await rows('long'))[0].progress === 40);
            const view = new Job(agenda({ processEvery: 10_000 }), { ...job.attrs });
            expect(await view.isRunning()).toBe(true);
            release();
            await waitFor(async () => !(await view.isRunning()));
            await a.now('temp');
            await waitFor(async () => (await rows('temp')).length === 0);
        });
    });

    describe('several Agenda instances', () => {
        it('never run one occurrence twice', async () => {
            const backends = [
                t.backend(),
                t.backend(),
                other ? new SqlJobBackend({ dataSource: other }) : t.backend(),
            ];
            const runs = new Map<string, number>();
            const agendas = backends.map((backend, i) => {
                const a = pool.track(
                    new Agenda({ backend, name: `w${i}`, processEvery: 30, defaultConcurrency: 10 }),
                );
                a.define('shared', async (job) => {
                    const id = String(job.attrs._id);
                    runs.set(id, (runs.get(id) ?? 0) + 1);
                });
                return a;
            });
            const jobs = Array.from({ length: 150 }, (_, i) =>
                agendas[0].create('shared', { i }).schedule(new Date()),
            );
            for (const job of jobs) await job.save();
            await Promise.all(agendas.map((a) => a.start()));
            await waitFor(() => runs.size === 150, 15_000);
            await sleep(200);
            expect([...runs.values()].every((n) => n === 1)).toBe(true);
            expect(runs.size).toBe(150);
        });

        it('take over a job whose worker died once its lock lifetime has passed', async () => {
            const a = agenda();
            let ran = 0;
            a.define(
                'orphan',
                async () => {
                    ran++;
                },
                { lockLifetime: 700 },
            );
            const job = await a.create('orphan').schedule(new Date()).save();
            // As if a worker locked it and died: a fresh lock nobody will release.
            await t.database.run('UPDATE refill_jobs SET locked_at = ?, last_run_at = ? WHERE id = ?', [
                new Date(),
                new Date(),
                String(job.attrs._id),
            ]);
            await a.start();
            await sleep(350);
            expect(ran).toBe(0);
            await waitFor(() => ran === 1, 3000);
        });
    });

    describe('purge and cancel', () => {
        it('purge() removes jobs without a definition; cancelAll() removes everything', async () => {
            const a = agenda();
            a.define('kept', async () => undefined);
            a.define('orphan-1', async () => undefined);
            await a.now('kept');
            await a.now('orphan-1');
            await a.schedule('in 5 minutes', 'orphan-1');
            delete a.definitions['orphan-1'];
            expect(await a.purge()).toBe(2);
            expect((await a.queryJobs({})).jobs.map((j) => j.name)).toEqual(['kept']);
            expect(await a.cancel({ name: 'kept' })).toBe(1);
            await a.now('kept');
            await a.now('kept');
            expect(await a.cancelAll()).toBe(2);
        });
    });
});
