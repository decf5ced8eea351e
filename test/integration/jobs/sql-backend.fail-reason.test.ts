import { fileURLToPath } from 'node:url';
import { Agenda, type JobParameters } from 'agenda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlJobRepository } from '../../../plugin/kernel/jobs/sql-backend/index.js';
import { openJobsDatabase, type JobsTestDatabase } from '../../helpers/jobs-database.js';
import { AgendaPool, jobParams, sleep, waitFor } from '../../helpers/jobs-fixtures.js';
import { engines } from '../../helpers/test-database.js';
import { defineForkJobs, PLAIN_REJECTION, REJECTS_WITH_OBJECT } from './fixtures/fork-definitions.js';

const FORK_HELPER = fileURLToPath(new URL('./fixtures/fork-helper.ts', import.meta.url));
/** Lock lifetime of the in-process runs (the 500 ms). */
const LOCK_LIFETIME_MS = 500;
/**
 * A forked child (tsx) takes about a second to start, several on a loaded CI
 * machine (the browser tests run beside it): its lock must outlive the run,
 * or the job is taken again and the test sees a second run.
 */
const FORK_LOCK_LIFETIME_MS = 8000;
const AS_TEXT = JSON.stringify(PLAIN_REJECTION);

/*
 * Issue 10: a job whose handler rejects with a plain object (Agenda's fork
 * mode turns every failure into one) must be saved with a text failReason.
 * Before, SQLite refused to bind the object, Agenda swallowed the error, the
 * row stayed locked and the job ran again after every lock lifetime;
 * MariaDB stored "[object Object]".
 */
describe.each(engines)('job fields Agenda hands over as non-primitives, on %s', (engine) => {
    let t: JobsTestDatabase;
    let repo: SqlJobRepository;
    const pool = new AgendaPool();
    /** A job as Agenda may hand it over, whatever its declared types say. */
    const loose = (overrides: Record<string, unknown> & { name: string }) =>
        jobParams(overrides as Partial<JobParameters> & { name: string });

    beforeAll(async () => {
        t = await openJobsDatabase(engine, 'jobs_fail_reason');
        const backend = t.backend();
        await backend.connect();
        repo = backend.repository;
    });
    afterAll(async () => t?.close());
    beforeEach(async () => t.clear());
    afterEach(async () => pool.stopAll());

    it('a failReason that is a plain object is stored as text on every save and insert path', async () => {
        const reason = PLAIN_REJECTION as unknown as string;
        const inserted = await repo.saveJob(loose({ name: 'plain', failReason: reason }), undefined);
        const single = await repo.saveJob(
            loose({ name: 'single', type: 'single', failReason: reason }),
            undefined,
        );
        const unique = await repo.saveJob(
            loose({ name: 'unique', unique: { 'data.k': 1 }, data: { k: 1 }, failReason: reason }),
            undefined,
        );
        const debounced = await repo.saveJob(
            loose({
                name: 'debounced',
                unique: { 'data.k': 2 },
                uniqueOpts: { debounce: { delay: 1000 } },
                data: { k: 2 },
                failReason: reason,
            }),
            undefined,
        );
        const stateOnly = await repo.saveJob(jobParams({ name: 'state' }), undefined);
        await repo.saveJobState({ ...stateOnly, failReason: reason, failCount: 1 }, undefined);

        for (const job of [inserted, single, unique, debounced, stateOnly]) {
            expect((await repo.getJobById(String(job._id)))!.failReason).toBe(AS_TEXT);
        }
        expect(inserted.failReason).toBe(AS_TEXT);
    });

    it('a failReason that is an Error-like object keeps its message, and a boolean or number becomes text', async () => {
        const job = await repo.saveJob(jobParams({ name: 'state' }), undefined);
        const reasons: Array<[unknown, string]> = [
            [{ message: 'gateway down', code: 'E502' }, 'gateway down'],
            [new TypeError('bad input'), 'bad input'],
            [true, 'true'],
            [42, '42'],
            ['plain text', 'plain text'],
        ];
        for (const [reason, stored] of reasons) {
            await repo.saveJobState({ ...job, failReason: reason as string }, undefined);
            expect((await repo.getJobById(String(job._id)))!.failReason).toBe(stored);
        }
    });

    it('a progress or time that is no number or Date does not break the state save that unlocks a job', async () => {
        const job = await repo.saveJob(jobParams({ name: 'state' }), undefined);
        await repo.saveJobState(
            {
                ...job,
                lockedAt: undefined,
                progress: { done: 3 } as unknown as number,
                lastRunAt: '2030-01-02T03:04:05.678Z' as unknown as Date,
                lastFinishedAt: 'not a time' as unknown as Date,
                failReason: { nested: { deep: [1, 2] } } as unknown as string,
            },
            undefined,
        );
        const loaded = (await repo.getJobById(String(job._id)))!;
        expect(loaded.lockedAt).toBeUndefined();
        expect(loaded.progress).toBeUndefined();
        expect(loaded.lastRunAt).toEqual(new Date('2030-01-02T03:04:05.678Z'));
        expect(loaded.lastFinishedAt).toBeUndefined();
        expect(loaded.failReason).toBe('{"nested":{"deep":[1,2]}}');
        await repo.saveJobState({ ...job, progress: '75' as unknown as number }, undefined);
        expect((await repo.getJobById(String(job._id)))!.progress).toBe(75);
    });

    /**
     * Runs the rejecting job once on `agenda` (in a forked child when `fork`)
     * and counts its runs until two lock lifetimes after it completed: a row
     * left locked would be taken over and run again within that time.
     */
    async function runsOfRejectingJob(
        agenda: Agenda,
        fork: boolean,
        lockLifetime: number,
    ): Promise<{ runs: number; id: string }> {
        let runs = 0;
        let completed = 0;
        agenda.on(`start:${REJECTS_WITH_OBJECT}`, () => runs++);
        agenda.on(`complete:${REJECTS_WITH_OBJECT}`, () => completed++);
        await agenda.start();
        const job = agenda.create(REJECTS_WITH_OBJECT, {});
        job.forkMode(fork);
        await job.save();
        await waitFor(() => completed > 0, 30_000);
        await sleep(2 * lockLifetime);
        return { runs, id: String(job.attrs._id) };
    }

    it.each([
        ['in process', false],
        ['fork mode', true],
    ])(
        'a job whose handler rejects with a plain object is saved with a text failReason and runs once (%s)',
        { timeout: 60_000 },
        async (_mode, fork) => {
            const lockLifetime = fork ? FORK_LOCK_LIFETIME_MS : LOCK_LIFETIME_MS;
            const forkHelper = {
                path: FORK_HELPER,
                options: {
                    execArgv: ['--import', 'tsx'],
                    env: {
                        ...process.env,
                        REFILL_FORK_DB_URL: t.url,
                        REFILL_FORK_LOCK_LIFETIME: String(lockLifetime),
                    },
                },
            };
            const agenda = pool.track(new Agenda({ backend: t.backend(), processEvery: 100, forkHelper }));
            defineForkJobs(agenda, lockLifetime);
            const { runs, id } = await runsOfRejectingJob(agenda, fork, lockLifetime);
            expect(runs).toBe(1);
            const row = (await repo.getJobById(id))!;
            expect(row.failReason).toBe(AS_TEXT);
            expect(row.failCount).toBe(1);
            expect(row.lockedAt).toBeUndefined();
        },
    );
});
