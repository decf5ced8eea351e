import { computeJobState, type JobParameters, type JobState } from 'agenda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlJobRepository } from '../../../plugin/kernel/jobs/sql-backend/index.js';
import { openJobsDatabase, type JobsTestDatabase } from '../../helpers/jobs-database.js';
import { jobParams } from '../../helpers/jobs-fixtures.js';
import { engines } from '../../helpers/test-database.js';

/*
 * Refill's conformance tests for the reading half of Agenda's JobRepository
 * contract: queryJobs with every filter, state, sorting and paging,
 * getJobsOverview, getDistinctJobNames, getJobById and getQueueSize.
 */
describe.each(engines)('SQL job repository: queries on %s', (engine) => {
    let t: JobsTestDatabase;
    let repo: SqlJobRepository;
    const min = 60_000;
    const at = (offsetMs: number) => new Date(Date.now() + offsetMs);
    const save = (overrides: Partial<JobParameters> & { name: string }) =>
        repo.saveJob(jobParams(overrides), undefined);
    const state = (job: Partial<JobParameters> & { name: string }) =>
        repo.saveJobState(job as JobParameters, undefined);

    beforeAll(async () => {
        t = await openJobsDatabase(engine, 'jobs_queries');
        repo = t.backend().repository;
    });
    afterAll(async () => t?.close());
    beforeEach(async () => t.clear());

    /** One job in each state Agenda computes, named after it. */
    async function oneOfEachState(): Promise<Record<JobState, string>> {
        const ids = {} as Record<JobState, string>;
        const running = await save({ name: 'st-running', nextRunAt: at(-min) });
        await state({ ...running, lockedAt: new Date(), lastRunAt: new Date() });
        const failed = await save({ name: 'st-failed', nextRunAt: null });
        await state({
            ...failed,
            failedAt: at(-1000),
            lastFinishedAt: at(-1000),
            failCount: 1,
            failReason: 'x',
        });
        const repeating = await save({ name: 'st-repeating', nextRunAt: at(min), repeatInterval: '1 hour' });
        const scheduled = await save({ name: 'st-scheduled', nextRunAt: at(min) });
        const queued = await save({ name: 'st-queued', nextRunAt: at(-min) });
        const completed = await save({ name: 'st-completed', nextRunAt: null });
        await state({ ...completed, lastRunAt: at(-2000), lastFinishedAt: at(-1000), failedAt: at(-5000) });
        const paused = await save({ name: 'st-paused', nextRunAt: at(min), disabled: true });
        Object.assign(ids, {
            running: running._id,
            failed: failed._id,
            repeating: repeating._id,
            scheduled: scheduled._id,
            queued: queued._id,
            completed: completed._id,
            paused: paused._id,
        });
        return ids;
    }

    it('filters by every computed state, as computeJobState does', async () => {
        const ids = await oneOfEachState();
        for (const s of Object.keys(ids) as JobState[]) {
            const { jobs, total } = await repo.queryJobs({ state: s });
            // The paused job is also scheduled; every other state has one job.
            expect(total, s).toBe(s === 'scheduled' ? 2 : 1);
            expect(jobs.map((j) => j._id)).toContain(ids[s]);
            for (const job of jobs) {
                expect(job.state).toBe(computeJobState(job));
                if (s === 'paused') expect(job.disabled).toBe(true);
                else expect(job.state).toBe(s);
            }
        }
    });

    it('counts states per name in the overview, paused in addition', async () => {
        await oneOfEachState();
        await save({ name: 'st-queued', nextRunAt: at(-min), disabled: true });
        const overview = await repo.getJobsOverview();
        expect(overview.map((o) => o.name)).toEqual([...overview.map((o) => o.name)].sort());
        const queued = overview.find((o) => o.name === 'st-queued')!;
        expect(queued).toEqual({
            name: 'st-queued',
            total: 2,
            running: 0,
            scheduled: 0,
            queued: 2,
            completed: 0,
            failed: 0,
            repeating: 0,
            paused: 1,
        });
        for (const s of ['running', 'failed', 'repeating', 'scheduled', 'completed'] as const)
            expect(overview.find((o) => o.name === `st-${s}`)![s]).toBe(1);
        expect(overview.find((o) => o.name === 'st-paused')).toMatchObject({
            total: 1,
            scheduled: 1,
            paused: 1,
        });
    });

    describe('with a few jobs', () => {
        let ids: string[];
        beforeEach(async () => {
            const saved = [
                await save({
                    name: 'mail-Reminder',
                    priority: 10,
                    nextRunAt: at(min),
                    data: { type: 'alpha', n: 1, tags: ['a', 'b'] },
                }),
                await save({
                    name: 'sms',
                    priority: 5,
                    nextRunAt: at(2 * min),
                    data: { type: 'beta', n: 2, nested: { x: 1, y: 2 } },
                }),
                await save({
                    name: 'mail-Reminder',
                    priority: 15,
                    nextRunAt: at(3 * min),
                    data: { type: 'alpha', n: '3' },
                }),
                await save({ name: 'push_100%', priority: 0, nextRunAt: null, data: null, disabled: true }),
            ];
            ids = saved.map((j) => j._id!);
        });

        it('filters by name, names, id, ids and includeDisabled', async () => {
            expect((await repo.queryJobs()).total).toBe(4);
            expect((await repo.queryJobs({ name: 'mail-Reminder' })).total).toBe(2);
            expect((await repo.queryJobs({ names: ['sms', 'push_100%'] })).total).toBe(2);
            expect((await repo.queryJobs({ id: ids[1] })).jobs.map((j) => j._id)).toEqual([ids[1]]);
            expect((await repo.queryJobs({ ids: [ids[0], ids[3]] })).total).toBe(2);
            expect((await repo.queryJobs({ id: 'not-a-uuid' })).total).toBe(0);
            expect((await repo.queryJobs({ includeDisabled: false })).total).toBe(3);
            expect((await repo.queryJobs({ name: 'sms', ids: [ids[0]] })).total).toBe(0);
        });

        it('searches names case-insensitively, wildcards taken literally', async () => {
            expect((await repo.queryJobs({ search: 'REMIND' })).total).toBe(2);
            expect((await repo.queryJobs({ search: '%' })).jobs.map((j) => j.name)).toEqual(['push_100%']);
            expect((await repo.queryJobs({ search: '_' })).total).toBe(1);
            expect((await repo.queryJobs({ search: 'nothing' })).total).toBe(0);
        });

        it('filters by data containment, types kept', async () => {
            expect((await repo.queryJobs({ data: { type: 'alpha' } })).total).toBe(2);
            expect((await repo.queryJobs({ data: { type: 'alpha', n: 1 } })).total).toBe(1);
            expect((await repo.queryJobs({ data: { n: 3 } })).total).toBe(0);
            expect((await repo.queryJobs({ data: { n: '3' } })).total).toBe(1);
            expect((await repo.queryJobs({ data: { nested: { y: 2 } } })).total).toBe(1);
            expect((await repo.queryJobs({ data: { tags: ['b'] } })).total).toBe(1);
            const page = await repo.queryJobs({
                data: { type: 'alpha' },
                limit: 1,
                skip: 1,
                sort: { priority: 'asc' },
            });
            expect(page.total).toBe(2);
            expect(page.jobs.map((j) => j.priority)).toEqual([15]);
        });

        it('sorts by each field both ways with NULLs last, by default next then last run, newest first', async () => {
            const names = async (sort?: Parameters<SqlJobRepository['queryJobs']>[0]) =>
                (await repo.queryJobs(sort)).jobs.map((j) => j.priority);
            expect(await names()).toEqual([15, 5, 10, 0]);
            expect(await names({ sort: { nextRunAt: 'asc' } })).toEqual([10, 5, 15, 0]);
            expect(await names({ sort: { priority: 'desc' } })).toEqual([15, 10, 5, 0]);
            expect(await names({ sort: { priority: 'asc' } })).toEqual([0, 5, 10, 15]);
            expect(await names({ sort: { name: 'asc', priority: 'desc' } })).toEqual([15, 10, 0, 5]);
            expect(await names({ sort: { lastRunAt: 'desc', priority: 'asc' } })).toEqual([0, 5, 10, 15]);
        });

        it('pages after filtering and counts the total before paging', async () => {
            const page = await repo.queryJobs({ skip: 1, limit: 2, sort: { priority: 'asc' } });
            expect(page.total).toBe(4);
            expect(page.jobs.map((j) => j.priority)).toEqual([5, 10]);
            expect((await repo.queryJobs({ skip: 3 })).jobs).toHaveLength(1);
            expect((await repo.queryJobs({ skip: 9, limit: 2 })).jobs).toHaveLength(0);
            const scheduled = await repo.queryJobs({
                state: 'scheduled',
                limit: 1,
                sort: { priority: 'desc' },
            });
            expect(scheduled.total).toBe(3);
            expect(scheduled.jobs.map((j) => j.priority)).toEqual([15]);
        });

        it('gives one job by id, null for unknown or malformed ids', async () => {
            expect((await repo.getJobById(ids[1]))!.name).toBe('sms');
            expect((await repo.getJobById(ids[3]))!.data).toBeNull();
            expect(await repo.getJobById('00000000-0000-4000-8000-000000000000')).toBeNull();
            expect(await repo.getJobById('not a uuid')).toBeNull();
            expect(await repo.getJobById('')).toBeNull();
            expect(await repo.getJobById('x'.repeat(500))).toBeNull();
        });

        it('lists distinct names sorted', async () => {
            expect(await repo.getDistinctJobNames()).toEqual(['mail-Reminder', 'push_100%', 'sms']);
            await t.clear();
            expect(await repo.getDistinctJobNames()).toEqual([]);
        });
    });

    it('counts jobs due before now as the queue size', async () => {
        await save({ name: 'due', nextRunAt: at(-min) });
        await save({ name: 'due', nextRunAt: at(-1000), disabled: true });
        await save({ name: 'later', nextRunAt: at(min) });
        await save({ name: 'never', nextRunAt: null });
        expect(await repo.getQueueSize()).toBe(2);
    });
});
