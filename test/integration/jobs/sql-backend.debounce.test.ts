import { Agenda, type JobParameters } from 'agenda';
import type { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlJobBackend, SqlJobRepository } from '../../../plugin/kernel/jobs/sql-backend/index.js';
import { SqlJobBackend as Backend } from '../../../plugin/kernel/jobs/sql-backend/index.js';
import { openJobsDatabase, type JobsTestDatabase } from '../../helpers/jobs-database.js';
import { AgendaPool, jobParams, ManualClock, waitFor } from '../../helpers/jobs-fixtures.js';
import { engines } from '../../helpers/test-database.js';

/*
 * Debounced unique saves (trailing, leading, maxWait) on a hand-moved clock,
 * and the one-row guarantees of single and unique jobs under concurrent saves
 * from several Agenda instances and DataSources.
 */
describe.each(engines)('SQL job repository: debounce and concurrent saves on %s', (engine) => {
    let t: JobsTestDatabase;
    let other: DataSource;
    let clock: ManualClock;
    let repo: SqlJobRepository;
    const pool = new AgendaPool();
    const debounced = (
        data: Record<string, unknown>,
        delay: number,
        opts: { maxWait?: number; strategy?: 'trailing' | 'leading' } = {},
    ) =>
        repo.saveJob(
            jobParams({
                name: 'deb',
                nextRunAt: clock.now(),
                data,
                unique: { 'data.key': data.key },
                uniqueOpts: { debounce: { delay, ...opts } },
            }),
            undefined,
        );

    beforeAll(async () => {
        t = await openJobsDatabase(engine, 'jobs_debounce', 20);
        if (engine === 'mysql') other = await t.openAnother();
    });
    afterAll(async () => t?.close());
    beforeEach(async () => {
        await t.clear();
        clock = new ManualClock();
        repo = t.backend({ now: clock.now }).repository;
    });
    afterEach(async () => pool.stopAll());

    it('trailing: runs delay after the last save, one row, latest data', async () => {
        const first = await debounced({ key: 'a', v: 1 }, 1000);
        expect(first.nextRunAt!.getTime()).toBe(clock.now().getTime() + 1000);
        expect(first.debounceStartedAt!.getTime()).toBe(clock.now().getTime());
        clock.advance(600);
        const second = await debounced({ key: 'a', v: 2 }, 1000);
        expect(second._id).toBe(first._id);
        expect(second.nextRunAt!.getTime()).toBe(clock.now().getTime() + 1000);
        expect(second.debounceStartedAt!.getTime()).toBe(first.debounceStartedAt!.getTime());
        expect(second.data).toEqual({ key: 'a', v: 2 });
        const other = await debounced({ key: 'b' }, 1000);
        expect(other._id).not.toBe(first._id);
        expect((await repo.queryJobs({ name: 'deb' })).total).toBe(2);
    });

    it('trailing with maxWait: forces a run once maxWait has passed, then starts a new window', async () => {
        const first = await debounced({ key: 'm' }, 2000, { maxWait: 500 });
        clock.advance(300);
        expect((await debounced({ key: 'm' }, 2000, { maxWait: 500 })).nextRunAt!.getTime()).toBe(
            clock.now().getTime() + 2000,
        );
        clock.advance(300);
        const forced = await debounced({ key: 'm' }, 2000, { maxWait: 500 });
        expect(forced._id).toBe(first._id);
        expect(forced.nextRunAt!.getTime()).toBe(clock.now().getTime());
        expect(forced.debounceStartedAt).toBeUndefined();
    });

    it('leading: runs at once, later saves keep the run time and update data', async () => {
        const first = await debounced({ key: 'l', v: 1 }, 5000, { strategy: 'leading' });
        expect(first.nextRunAt!.getTime()).toBe(clock.now().getTime());
        clock.advance(1000);
        const second = await debounced({ key: 'l', v: 2 }, 5000, { strategy: 'leading' });
        expect(second.nextRunAt!.getTime()).toBe(first.nextRunAt!.getTime());
        expect(second.data).toEqual({ key: 'l', v: 2 });
    });

    it('starts a new window once the job has run: leading after the delay, trailing at once', async () => {
        const lead = await debounced({ key: 'l2' }, 5000, { strategy: 'leading' });
        const trail = await debounced({ key: 't2' }, 1000);
        for (const job of [lead, trail])
            await repo.saveJobState({ ...job, nextRunAt: null, lastRunAt: clock.now() }, undefined);
        clock.advance(2000);
        expect((await debounced({ key: 'l2' }, 5000, { strategy: 'leading' })).nextRunAt).toBeNull();
        const again = await debounced({ key: 't2' }, 1000);
        expect(again.nextRunAt!.getTime()).toBe(clock.now().getTime() + 1000);
        expect(again.debounceStartedAt!.getTime()).toBe(clock.now().getTime());
        clock.advance(4000);
        expect((await debounced({ key: 'l2' }, 5000, { strategy: 'leading' })).nextRunAt!.getTime()).toBe(
            clock.now().getTime(),
        );
    });

    it('runs a debounced job once, with the last data, through Agenda', async () => {
        const agenda = pool.track(new Agenda({ backend: t.backend(), processEvery: 50 }));
        const seen: unknown[] = [];
        agenda.define('notify', async (job) => {
            seen.push(job.attrs.data);
        });
        await agenda.start();
        for (let i = 1; i <= 5; i++)
            await agenda.nowDebounced('notify', { key: 'k', i }, { 'data.key': 'k' }, 250);
        await waitFor(() => seen.length > 0, 3000);
        await new Promise((r) => setTimeout(r, 300));
        expect(seen).toEqual([{ key: 'k', i: 5 }]);
    });

    describe('concurrent saves keep one row per key', () => {
        // Two DataSources on one SQLite file in one process would block each other's
        // thread in the busy handler; across processes the race test covers SQLite.
        const backends = (): SqlJobBackend[] =>
            engine === 'sqlite'
                ? [t.backend(), t.backend(), t.backend(), t.backend()]
                : [
                      t.backend(),
                      t.backend(),
                      new Backend({ dataSource: other }),
                      new Backend({ dataSource: other }),
                  ];
        const race = async (make: (b: SqlJobBackend, i: number) => Promise<unknown>) => {
            const all = backends();
            await Promise.all(Array.from({ length: 24 }, (_, i) => make(all[i % all.length], i)));
        };
        const single = (i: number): JobParameters =>
            jobParams({ name: 'every-race', type: 'single', repeatInterval: '1 minute', data: { i } });

        it('every(): 24 concurrent single saves from 4 backends', async () => {
            await race((b, i) => b.repository.saveJob(single(i), undefined));
            expect((await repo.queryJobs({ name: 'every-race' })).total).toBe(1);
        });

        it('every() from several Agenda instances at once', async () => {
            const agendas = backends().map((backend) =>
                pool.track(new Agenda({ backend, processEvery: 10_000 })),
            );
            await Promise.all(agendas.map((a) => a.every('5 minutes', 'every-agenda')));
            expect((await repo.queryJobs({ name: 'every-agenda' })).total).toBe(1);
        });

        it('unique, insert-only and debounced saves', async () => {
            const unique = { 'data.customer': 42 };
            await race((b, i) =>
                b.repository.saveJob(jobParams({ name: 'uq', data: { customer: 42, i }, unique }), undefined),
            );
            await race((b, i) =>
                b.repository.saveJob(
                    jobParams({ name: 'uq-insert', data: { i }, unique, uniqueOpts: { insertOnly: true } }),
                    undefined,
                ),
            );
            await race((b, i) =>
                b.repository.saveJob(
                    jobParams({
                        name: 'uq-deb',
                        data: { i },
                        unique,
                        uniqueOpts: { debounce: { delay: 5000 } },
                    }),
                    undefined,
                ),
            );
            for (const name of ['uq', 'uq-insert', 'uq-deb'])
                expect((await repo.queryJobs({ name })).total, name).toBe(1);
        });
    });
});
