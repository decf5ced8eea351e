import { Agenda, type JobLogEntry } from 'agenda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlJobLogger } from '../../../plugin/kernel/jobs/sql-backend/index.js';
import { openJobsDatabase, type JobsTestDatabase } from '../../helpers/jobs-database.js';
import { waitFor } from '../../helpers/jobs-fixtures.js';
import { engines } from '../../helpers/test-database.js';

/* Agenda's JobLogger contract on refill_job_logs: writes, every filter, paging, sorting, clearing. */
describe.each(engines)('SQL job logger on %s', (engine) => {
    let t: JobsTestDatabase;
    let logger: SqlJobLogger;
    const base = new Date('2026-03-02T10:00:00.000Z');
    const at = (s: number) => new Date(base.getTime() + s * 1000);
    const entry = (over: Partial<JobLogEntry>): Omit<JobLogEntry, '_id'> => ({
        timestamp: base,
        level: 'info',
        event: 'start',
        jobName: 'job-a',
        message: 'm',
        ...over,
    });

    beforeAll(async () => {
        t = await openJobsDatabase(engine, 'jobs_logger');
        logger = t.backend().logger;
    });
    afterAll(async () => t?.close());
    beforeEach(async () => t.clear());

    it('stores an entry with every optional field', async () => {
        await logger.log(
            entry({
                timestamp: new Date('2026-03-02T10:00:00.123Z'),
                level: 'error',
                event: 'fail',
                jobId: 'job-123',
                duration: 1500,
                error: 'Something went wrong',
                failCount: 3,
                retryDelay: 5000,
                retryAttempt: 2,
                agendaName: 'worker-1',
                meta: { customKey: 'customValue', n: [1] },
            }),
        );
        await logger.log(entry({}));
        const { entries, total } = await logger.getLogs({ level: 'error' });
        expect(total).toBe(1);
        expect(entries[0]).toMatchObject({
            level: 'error',
            event: 'fail',
            jobId: 'job-123',
            jobName: 'job-a',
            duration: 1500,
            error: 'Something went wrong',
            failCount: 3,
            retryDelay: 5000,
            retryAttempt: 2,
            agendaName: 'worker-1',
            meta: { customKey: 'customValue', n: [1] },
        });
        expect(entries[0]._id).toEqual(expect.any(String));
        expect(entries[0].timestamp.toISOString()).toBe('2026-03-02T10:00:00.123Z');
        const plain = (await logger.getLogs({ level: 'info' })).entries[0];
        expect(plain.jobId).toBeUndefined();
        expect(plain.meta).toBeUndefined();
    });

    describe('with five entries', () => {
        beforeEach(async () => {
            await logger.log(entry({ timestamp: at(1), event: 'start', jobId: 'id-1', message: 'one' }));
            await logger.log(entry({ timestamp: at(2), event: 'success', jobId: 'id-1', message: 'two' }));
            await logger.log(
                entry({
                    timestamp: at(3),
                    event: 'start',
                    jobId: 'id-2',
                    jobName: 'job-b',
                    message: 'three',
                }),
            );
            await logger.log(
                entry({
                    timestamp: at(4),
                    level: 'error',
                    event: 'fail',
                    jobId: 'id-2',
                    jobName: 'job-b',
                    message: 'four',
                }),
            );
            await logger.log(
                entry({
                    timestamp: at(5),
                    level: 'warn',
                    event: 'retry',
                    jobId: 'id-2',
                    jobName: 'job-c',
                    message: 'five',
                }),
            );
        });
        const count = async (q: Parameters<SqlJobLogger['getLogs']>[0]) => (await logger.getLogs(q)).total;

        it('filters by job, name, level, event and time range (inclusive)', async () => {
            expect(await count({})).toBe(5);
            expect(await count({ jobName: 'job-a' })).toBe(2);
            expect(await count({ jobId: 'id-2' })).toBe(3);
            expect(await count({ level: 'error' })).toBe(1);
            expect(await count({ level: ['error', 'warn'] })).toBe(2);
            expect(await count({ event: 'start' })).toBe(2);
            expect(await count({ event: ['fail', 'retry'] })).toBe(2);
            expect(await count({ from: at(4) })).toBe(2);
            expect(await count({ to: at(2) })).toBe(2);
            expect(await count({ from: at(2), to: at(4) })).toBe(3);
            expect(await count({ jobName: 'nope' })).toBe(0);
        });

        it('pages with limit and offset, newest first unless asked', async () => {
            const page1 = await logger.getLogs({ limit: 2 });
            const page2 = await logger.getLogs({ limit: 2, offset: 2 });
            expect(page1.total).toBe(5);
            expect(page1.entries.map((e) => e.message)).toEqual(['five', 'four']);
            expect(page2.entries.map((e) => e.message)).toEqual(['three', 'two']);
            const asc = await logger.getLogs({ sort: 'asc' });
            expect(asc.entries.map((e) => e.message)).toEqual(['one', 'two', 'three', 'four', 'five']);
        });

        it('clears matching entries, or all', async () => {
            expect(await logger.clearLogs({ jobName: 'nope' })).toBe(0);
            expect(await logger.clearLogs({ jobId: 'id-1' })).toBe(2);
            expect(await count({})).toBe(3);
            expect(await logger.clearLogs()).toBe(3);
            expect(await count({})).toBe(0);
        });
    });

    it('receives Agenda’s lifecycle events with logging: true', async () => {
        const agenda = new Agenda({ backend: t.backend(), processEvery: 50, logging: true });
        agenda.define('logged', async () => undefined);
        await agenda.start();
        try {
            const job = await agenda.now('logged');
            await waitFor(
                async () =>
                    (await logger.getLogs({ jobId: String(job.attrs._id), event: 'complete' })).total === 1,
            );
            const events = (await logger.getLogs({ jobName: 'logged', sort: 'asc' })).entries.map(
                (e) => e.event,
            );
            expect(events).toEqual(expect.arrayContaining(['start', 'success', 'complete']));
        } finally {
            await agenda.stop();
        }
        expect(t.dataSource.isInitialized).toBe(true);
    });
});
