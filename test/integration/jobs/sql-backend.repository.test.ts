import type { JobParameters } from 'agenda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobBackendError, type SqlJobRepository } from '../../../plugin/kernel/jobs/sql-backend/index.js';
import { openJobsDatabase, type JobsTestDatabase } from '../../helpers/jobs-database.js';
import { jobParams } from '../../helpers/jobs-fixtures.js';
import { engines } from '../../helpers/test-database.js';

/*
 * Refill's conformance tests for the writing and locking half of Agenda's
 * JobRepository contract, called directly: saves and re-saves, single and
 * unique upserts, saveJobState, lockJob/unlockJob(s), getNextJobToRun
 * (priorities, disabled, stale-lock takeover), removals, disable/enable, purge.
 */
describe.each(engines)('SQL job repository: saves and locks on %s', (engine) => {
    let t: JobsTestDatabase;
    let repo: SqlJobRepository;
    const ago = (ms: number) => new Date(Date.now() - ms);
    const ahead = (ms: number) => new Date(Date.now() + ms);
    const save = (overrides: Partial<JobParameters> & { name: string }) =>
        repo.saveJob(jobParams(overrides), undefined);
    const next = (name: string, lockDeadline = ago(600_000), now?: Date) =>
        repo.getNextJobToRun(name, ahead(5000), lockDeadline, now, { lastModifiedBy: 'w1' });

    beforeAll(async () => {
        t = await openJobsDatabase(engine, 'jobs_repo');
        const backend = t.backend();
        await backend.connect();
        repo = backend.repository;
    });
    afterAll(async () => t?.close());
    beforeEach(async () => t.clear());

    describe('saveJob', () => {
        it('inserts a job with a UUID and round-trips every field to the millisecond', async () => {
            const at = new Date('2030-05-06T07:08:09.123Z');
            const saved = await save({
                name: 'full',
                priority: 7,
                nextRunAt: at,
                data: { a: [1, 'x', { b: null }], n: 1.5 },
                repeatInterval: '5 minutes',
                repeatTimezone: 'Europe/Berlin',
                repeatAt: '3:30pm',
                disabled: true,
                fork: true,
                startDate: new Date('2030-01-01T00:00:00.001Z'),
                endDate: new Date('2031-01-01T00:00:00.999Z'),
                skipDays: [0, 6],
            });
            expect(saved._id).toMatch(/^[0-9a-f-]{36}$/);
            const loaded = (await repo.getJobById(saved._id!))!;
            expect(loaded).toMatchObject({
                name: 'full',
                priority: 7,
                type: 'normal',
                data: { a: [1, 'x', { b: null }], n: 1.5 },
                repeatInterval: '5 minutes',
                repeatTimezone: 'Europe/Berlin',
                repeatAt: '3:30pm',
                disabled: true,
                fork: true,
                skipDays: [0, 6],
            });
            expect(loaded.nextRunAt!.toISOString()).toBe('2030-05-06T07:08:09.123Z');
            expect(loaded.startDate!.toISOString()).toBe('2030-01-01T00:00:00.001Z');
            expect(loaded.endDate!.toISOString()).toBe('2031-01-01T00:00:00.999Z');
            expect(loaded.lockedAt).toBeUndefined();
            expect(saved).toEqual(loaded);
        });

        it('gives a numeric interval back as a number', async () => {
            const saved = await save({ name: 'ms', repeatInterval: 5000 });
            expect((await repo.getJobById(saved._id!))!.repeatInterval).toBe(5000);
        });

        it('re-saves by id without clearing failure fields', async () => {
            const saved = await save({ name: 'resave', priority: 1, data: { v: 1 } });
            const failedAt = new Date();
            await repo.saveJobState({ ...saved, failCount: 2, failReason: 'boom', failedAt }, undefined);
            // A user re-save carries no processor fields (Job.toJson(true)).
            const updated = await repo.saveJob(
                { ...saved, priority: 20, data: { v: 2 } },
                { lastModifiedBy: 'me' },
            );
            expect(updated).toMatchObject({
                _id: saved._id,
                priority: 20,
                data: { v: 2 },
                lastModifiedBy: 'me',
            });
            expect(updated).toMatchObject({ failCount: 2, failReason: 'boom' });
            expect(updated.failedAt!.getTime()).toBe(failedAt.getTime());
        });

        it('returns the input unchanged when the job to re-save is gone', async () => {
            const saved = await save({ name: 'gone' });
            await repo.removeJobs({ id: saved._id });
            const input = { ...saved, priority: 5 };
            expect(await repo.saveJob(input, undefined)).toBe(input);
            expect(await repo.queryJobs({ name: 'gone' })).toEqual({ jobs: [], total: 0 });
        });

        it('keeps one row per name for single jobs, keeping a due next run', async () => {
            const first = await save({
                name: 'every',
                type: 'single',
                nextRunAt: ahead(60_000),
                data: { run: 1 },
            });
            const second = await save({
                name: 'every',
                type: 'single',
                priority: 10,
                nextRunAt: ahead(120_000),
                data: { run: 2 },
            });
            expect(second._id).toBe(first._id);
            expect(second).toMatchObject({ priority: 10, data: { run: 2 }, type: 'single' });
            expect(second.nextRunAt!.getTime()).toBeGreaterThan(Date.now() + 100_000);
            // every() at start-up schedules "now": the stored, later run stays.
            const third = await save({ name: 'every', type: 'single', nextRunAt: ago(1) });
            expect(third.nextRunAt!.getTime()).toBe(second.nextRunAt!.getTime());
            expect((await repo.queryJobs({ name: 'every' })).total).toBe(1);
        });

        it('fills a missing next run of a single job when re-scheduled now', async () => {
            const first = await save({ name: 'every-null', type: 'single', nextRunAt: ahead(1000) });
            await repo.saveJobState({ ...first, nextRunAt: null }, undefined);
            const again = await save({ name: 'every-null', type: 'single', nextRunAt: ago(1) });
            expect(again.nextRunAt).not.toBeNull();
        });

        it('upserts unique jobs by name and unique query, insert-only keeping the first', async () => {
            const unique = { 'data.type': 'active', 'data.userId': '123' };
            const a = await save({ name: 'u', data: { type: 'active', userId: '123', v: 1 }, unique });
            const b = await save({ name: 'u', data: { type: 'active', userId: '123', v: 2 }, unique });
            expect(b._id).toBe(a._id);
            expect(b.data).toEqual({ type: 'active', userId: '123', v: 2 });
            const c = await save({ name: 'u', data: { userId: '456' }, unique: { 'data.userId': '456' } });
            expect(c._id).not.toBe(a._id);
            const d = await save({ name: 'u', data: { v: 3 }, unique, uniqueOpts: { insertOnly: true } });
            expect(d._id).toBe(a._id);
            expect(d.data).toEqual({ type: 'active', userId: '123', v: 2 });
            expect((await repo.queryJobs({ name: 'u' })).total).toBe(2);
        });

        it('treats unique values with their JSON type and refuses unknown unique keys', async () => {
            const a = await save({ name: 'typed', unique: { 'data.id': 123 } });
            const b = await save({ name: 'typed', unique: { 'data.id': '123' } });
            expect(b._id).not.toBe(a._id);
            const bad = save({ name: 'typed', unique: { 'lockedAt; DROP TABLE x': 1 } });
            await expect(bad).rejects.toBeInstanceOf(JobBackendError);
            await expect(bad).rejects.toMatchObject({
                reason: 'invalid-unique-key',
                code: 'REFILL_VALIDATION',
            });
        });
    });

    describe('saveJobState', () => {
        it('writes exactly the state fields, undefined as NULL', async () => {
            const saved = await save({ name: 'state', data: { keep: true } });
            const lockedAt = new Date();
            await repo.saveJobState(
                { ...saved, lockedAt, lastRunAt: lockedAt, progress: 42.5 },
                { lastModifiedBy: 'p' },
            );
            let row = (await repo.getJobById(saved._id!))!;
            expect(row).toMatchObject({ progress: 42.5, lastModifiedBy: 'p', data: { keep: true } });
            expect(row.lockedAt!.getTime()).toBe(lockedAt.getTime());
            await repo.saveJobState({ ...row, lockedAt: undefined, progress: undefined }, undefined);
            row = (await repo.getJobById(saved._id!))!;
            expect(row.lockedAt).toBeUndefined();
            expect(row.progress).toBeUndefined();
            expect(row.lastRunAt!.getTime()).toBe(lockedAt.getTime());
        });

        it('throws job-not-found for a removed job, even when nothing would change', async () => {
            const saved = await save({ name: 'removed' });
            await repo.saveJobState(saved, undefined);
            await repo.saveJobState(saved, undefined);
            await repo.removeJobs({ id: saved._id });
            await expect(repo.saveJobState(saved, undefined)).rejects.toMatchObject({
                reason: 'job-not-found',
            });
        });
    });

    describe('lockJob and unlock', () => {
        it('locks once, on the exact next run time, and never a disabled job', async () => {
            const saved = await save({ name: 'lock', nextRunAt: new Date('2026-01-01T10:00:00.123Z') });
            expect(
                await repo.lockJob(
                    { ...saved, nextRunAt: new Date(saved.nextRunAt!.getTime() + 1) },
                    undefined,
                ),
            ).toBeUndefined();
            const locked = await repo.lockJob(saved, { lastModifiedBy: 'locker' });
            expect(locked).toMatchObject({ _id: saved._id, lastModifiedBy: 'locker' });
            expect(locked!.lockedAt).toBeInstanceOf(Date);
            expect(await repo.lockJob(saved, undefined)).toBeUndefined();
            const off = await save({ name: 'lock', nextRunAt: ago(1000), disabled: true });
            expect(await repo.lockJob(off, undefined)).toBeUndefined();
        });

        it('unlockJob leaves running one-off jobs locked; unlockJobs unlocks all given', async () => {
            const a = (await repo.lockJob(await save({ name: 'ul', nextRunAt: ago(10) }), undefined))!;
            const b = (await repo.lockJob(await save({ name: 'ul', nextRunAt: ago(20) }), undefined))!;
            await repo.saveJobState({ ...b, nextRunAt: null }, undefined); // running one-off
            await repo.unlockJob(a);
            await repo.unlockJob(b);
            expect((await repo.getJobById(a._id!))!.lockedAt).toBeUndefined();
            expect((await repo.getJobById(b._id!))!.lockedAt).toBeInstanceOf(Date);
            await repo.unlockJobs([a._id!, b._id!]);
            expect((await repo.getJobById(b._id!))!.lockedAt).toBeUndefined();
            await repo.unlockJobs([]);
        });
    });

    describe('getNextJobToRun', () => {
        it('claims the earliest due job, then the highest priority, never disabled or future ones', async () => {
            const same = ago(60_000);
            await save({ name: 'q', priority: 5, nextRunAt: same, data: { p: 'low' } });
            await save({ name: 'q', priority: 10, nextRunAt: same, data: { p: 'high' } });
            await save({ name: 'q', priority: 99, nextRunAt: ago(10), data: { p: 'later' } });
            await save({ name: 'q', priority: 100, nextRunAt: ago(120_000), disabled: true });
            await save({ name: 'q', priority: 100, nextRunAt: ahead(60_000) });
            const now = new Date();
            const order = [];
            for (
                let job = await next('q', ago(600_000), now);
                job;
                job = await next('q', ago(600_000), now)
            ) {
                expect(job.lockedAt!.getTime()).toBe(now.getTime());
                expect(job.lastModifiedBy).toBe('w1');
                order.push((job.data as { p: string }).p);
            }
            expect(order).toEqual(['high', 'low', 'later']);
        });

        it('takes over a lock older than the lock deadline, not a fresh one', async () => {
            const job = await save({ name: 'stale', nextRunAt: ago(5000) });
            const claimed = (await next('stale'))!;
            expect(claimed._id).toBe(job._id);
            expect(await next('stale', ago(10_000))).toBeUndefined();
            // The lock is now older than the deadline: the worker died, another takes it.
            const takenOver = await next('stale', ahead(1));
            expect(takenOver!._id).toBe(job._id);
            expect(takenOver!.lockedAt!.getTime()).toBeGreaterThanOrEqual(claimed.lockedAt!.getTime());
        });

        it('takes over a stale running one-off job whose next run is cleared', async () => {
            await save({ name: 'oneoff', nextRunAt: ago(10) });
            const claimed = (await next('oneoff'))!;
            // The job started (its next run cleared) and its worker died a minute ago.
            const started = { ...claimed, nextRunAt: null, lockedAt: ago(60_000), lastRunAt: ago(60_000) };
            await repo.saveJobState(started, undefined);
            expect(await next('oneoff', ago(90_000))).toBeUndefined();
            expect((await next('oneoff', ago(30_000)))?._id).toBe(claimed._id);
        });
    });

    describe('removeJobs, disableJobs, enableJobs, purgeAllJobs', () => {
        beforeEach(async () => {
            await save({ name: 'a', data: { k: 1, tag: 'x' } });
            await save({ name: 'a', data: { k: 2, tag: 'y' } });
            await save({ name: 'b', data: { k: 1, tag: 'x' } });
            await save({ name: 'c', data: { k: 3 } });
        });

        it('does nothing without criteria', async () => {
            expect(await repo.removeJobs({})).toBe(0);
            expect(await repo.disableJobs({})).toBe(0);
            expect(await repo.enableJobs({})).toBe(0);
            expect(await repo.removeJobs({ ids: [] })).toBe(0);
            expect((await repo.queryJobs()).total).toBe(4);
        });

        it('ANDs id, ids, name, names, notNames and data criteria', async () => {
            const [first] = (await repo.queryJobs({ name: 'a', data: { k: 1 } })).jobs;
            expect(await repo.removeJobs({ id: first._id, name: 'b' })).toBe(0);
            expect(await repo.disableJobs({ names: ['a', 'b'], data: { tag: 'x' } })).toBe(2);
            expect((await repo.queryJobs({ includeDisabled: false })).total).toBe(2);
            expect(await repo.enableJobs({ data: { tag: 'x' } })).toBe(2);
            expect(await repo.removeJobs({ notNames: ['a'] })).toBe(2);
            expect(await repo.removeJobs({ ids: [first._id], name: 'a' })).toBe(1);
            expect(await repo.removeJobs({ name: 'nope' })).toBe(0);
            expect(await repo.getDistinctJobNames()).toEqual(['a']);
        });

        it('purges every job', async () => {
            expect(await repo.purgeAllJobs()).toBe(4);
            expect(await repo.purgeAllJobs()).toBe(0);
        });
    });
});
