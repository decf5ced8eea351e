import { Writable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../../plugin/kernel/http/error-handler.js';
import { JobRunRecorder } from '../../../plugin/kernel/jobs/job-run-recorder.js';
import { createLogger } from '../../../plugin/kernel/logging/logger.js';
import { openJobsDatabase, type JobsTestDatabase } from '../../helpers/jobs-database.js';
import { engines } from '../../helpers/test-database.js';

/** Refill's own logger writing its JSON lines into an array the test reads. */
function capturedLogger() {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
            for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
                lines.push(JSON.parse(line) as Record<string, unknown>);
            done();
        },
    });
    return { logger: createLogger('info', sink), lines };
}

const CARD = '2000123456789';
const EMAIL = 'anna@example.com';
const PHONE = '+7 916 123-45-67';

/** Asserts a logged `err` carries the redacted message and a stack, and no personal data. */
function expectSafeErr(line: Record<string, unknown> | undefined, message: string | RegExp): void {
    expect(line).toBeDefined();
    const err = line!.err as { message: string; stack?: string; name: string };
    expect(err.message).not.toBe('[object Object]');
    expect(err.message).toMatch(message);
    expect(err.stack).toMatch(/^\s+at /);
    const text = JSON.stringify(line);
    for (const secret of [CARD, EMAIL, '916', '123-45-67']) expect(text).not.toContain(secret);
}

/*
 * Issue 10: Refill's code made errors safe (safeError) before logging, and its
 * logger's `err` serializer ran safeError again on that plain object, so every
 * such line read `"err":{"message":"[object Object]"}`.
 */
describe('error log lines', () => {
    it('a 500 log line carries the error message and stack, with personal data redacted', async () => {
        const { logger, lines } = capturedLogger();
        const app = express();
        app.get('/boom', () => {
            throw new Error(`customer ${CARD} (${EMAIL}, ${PHONE}) could not be loaded`);
        });
        app.use(errorHandler(logger));
        const res = await request(app).get('/boom');
        expect(res.status).toBe(500);
        expect(res.body.error.code).toBe('REFILL_INTERNAL');
        const line = lines.find((l) => l.msg === 'unexpected error');
        expectSafeErr(line, 'customer [number] ([email], [number]) could not be loaded');
    });

    it('a database-unavailable log line carries the driver error message and stack', async () => {
        const { logger, lines } = capturedLogger();
        const app = express();
        app.get('/db', () => {
            // A real driver error: SQLite cannot open a file in a directory that does not exist.
            const db = new BetterSqlite3(':memory:');
            try {
                db.exec(`ATTACH '/nonexistent-${CARD}/refill.sqlite' AS other`);
            } finally {
                db.close();
            }
        });
        app.use(errorHandler(logger));
        const res = await request(app).get('/db');
        expect(res.status).toBe(503);
        const line = lines.find((l) => l.msg === 'database unavailable');
        expectSafeErr(line, 'unable to open database: /nonexistent-[number]/refill.sqlite');
        expect((line!.err as { code?: string }).code).toBe('SQLITE_CANTOPEN');
    });
});

describe.each(engines)('job failure log lines on %s', (engine) => {
    let t: JobsTestDatabase;
    beforeAll(async () => {
        t = await openJobsDatabase(engine, 'error_log_lines');
    });
    afterAll(async () => t?.close());

    it('a job-failure log line carries the error message and stack, with personal data redacted', async () => {
        const { logger, lines } = capturedLogger();
        const recorder = new JobRunRecorder(logger, t.backend().logger);
        await expect(
            recorder.record('refill:test', 'job-1', async () => {
                throw new Error(`reminder to ${PHONE} for card ${CARD} failed`);
            }),
        ).rejects.toThrow('reminder to [number] for card [number] failed');
        expectSafeErr(
            lines.find((l) => l.msg === 'job failed'),
            'reminder to [number] for card [number] failed',
        );
        const [stored] = await recorder.lastRuns('refill:test', 1);
        expect(stored).toMatchObject({
            event: 'fail',
            error: 'reminder to [number] for card [number] failed',
        });
    });

    it('a job that rejects with a plain object logs its message, not "[object Object]"', async () => {
        const { logger, lines } = capturedLogger();
        const recorder = new JobRunRecorder(logger, t.backend().logger);
        await expect(
            recorder.record('refill:test', 'job-2', () =>
                Promise.reject({ message: `gateway refused ${CARD}`, code: 'E_GATEWAY' }),
            ),
        ).rejects.toThrow('gateway refused [number]');
        const err = lines.find((l) => l.msg === 'job failed')!.err as Record<string, unknown>;
        expect(err).toMatchObject({ message: 'gateway refused [number]', code: 'E_GATEWAY' });
    });
});
