import { Agenda } from 'agenda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSourceFromUrl } from '../../../plugin/kernel/db/data-source.factory.js';
import { refillEntities } from '../../../plugin/refill-entities.js';
import { RefillConfigError } from '../../../plugin/kernel/errors/refill-error.js';
import {
    claimStatements,
    JobBackendError,
    SqlJobBackend,
} from '../../../plugin/kernel/jobs/sql-backend/index.js';
import { assertClaimCapableServer } from '../../../plugin/kernel/jobs/sql-backend/server-version.check.js';
import { openJobsDatabase, type JobsTestDatabase } from '../../helpers/jobs-database.js';
import { engines } from '../../helpers/test-database.js';

/*
 * The claim's query plans (index order, no sort), the server versions the
 * backend accepts, and its connection lifecycle: idempotent connect, a
 * DataSource it does not own left open, one it owns closed and reopened.
 */
describe('server versions', () => {
    it('accepts MySQL ≥ 8.0.1 and MariaDB ≥ 10.6, refuses older ones with a config error', () => {
        for (const ok of [
            '8.0.1',
            '8.4.3',
            '9.1.0',
            '10.6.0-MariaDB',
            '10.11.19-MariaDB-0+deb12u1',
            '11.4.2-MariaDB',
        ])
            expect(() => assertClaimCapableServer(ok), ok).not.toThrow();
        for (const old of ['8.0.0', '5.7.44-log', '10.5.27-MariaDB', '5.5.5-10.4.1-MariaDB', 'weird'])
            expect(() => assertClaimCapableServer(old), old).toThrow(RefillConfigError);
    });
});

describe.each(engines)('SQL job backend schema and lifecycle on %s', (engine) => {
    let t: JobsTestDatabase;
    beforeAll(async () => {
        t = await openJobsDatabase(engine, 'jobs_schema');
        // Enough rows that the planner has a real choice to make.
        const values: unknown[] = [];
        const now = Date.now();
        for (let i = 0; i < 600; i++)
            values.push(
                `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
                `n${i % 3}`,
                i % 7,
                new Date(now - i * 1000),
            );
        await t.database.run(
            `INSERT INTO refill_jobs (id, name, priority, next_run_at) VALUES ${Array(600).fill('(?, ?, ?, ?)').join(', ')}`,
            values,
        );
        // Finished one-off jobs: next run and lock NULL, so they sort first in the claim index.
        const done: unknown[] = [];
        for (let i = 0; i < 400; i++)
            done.push(`00000000-0000-4000-9000-${String(i).padStart(12, '0')}`, 'n1');
        await t.database.run(
            `INSERT INTO refill_jobs (id, name, next_run_at, last_finished_at) VALUES ${Array(400).fill("(?, ?, NULL, '2026-01-01 00:00:00.000')").join(', ')}`,
            done,
        );
        if (engine === 'mysql') await t.database.run('ANALYZE TABLE refill_jobs');
        else await t.database.run('ANALYZE');
    });
    afterAll(async () => t?.close());

    it('claims through the claim index in ORDER BY order, without sorting', async () => {
        const sql = claimStatements('refill_jobs');
        const when = new Date();
        if (engine === 'mysql') {
            for (const [query, params] of [
                [sql.ready, ['n1', when]],
                [sql.stale, ['n1', when]],
            ] as const) {
                const plan = await t.database.all<Record<string, unknown>>(`EXPLAIN ${query}`, [...params]);
                expect(plan).toHaveLength(1);
                expect(plan[0].key).toBe('IDX_refill_jobs_claim');
                // A range on (name, disabled, locked_at[, next_run_at]): never a ref walking finished jobs.
                expect(plan[0].type).toBe('range');
                expect(String(plan[0].Extra ?? '')).not.toMatch(/filesort|temporary/i);
            }
        } else {
            const plan = await t.database.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql.sqlite}`, [
                when,
                'w',
                'n1',
                when,
                'n1',
                when,
            ]);
            const details = plan.map((p) => p.detail).join('\n');
            expect(details.match(/USING (COVERING )?INDEX IDX_refill_jobs_claim/g)).toHaveLength(2);
            expect(details).not.toMatch(/TEMP B-TREE/);
        }
    });

    it.runIf(engine === 'mysql')(
        'reads one index entry per claim however many jobs have finished',
        async () => {
            const sql = claimStatements('refill_jobs');
            const qr = t.dataSource.createQueryRunner();
            const reads = async () => {
                const rows: Array<{ Variable_name: string; Value: string }> = await qr.query(
                    "SHOW SESSION STATUS WHERE Variable_name IN ('Handler_read_next', 'Handler_icp_attempts', 'Handler_read_key')",
                );
                return rows.reduce((sum, r) => sum + Number(r.Value), 0);
            };
            try {
                await qr.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
                await qr.query('START TRANSACTION');
                const before = await reads();
                const [row] = await qr.query(sql.ready, [
                    'n1',
                    new Date().toISOString().replace('T', ' ').slice(0, 23),
                ]);
                const after = await reads();
                await qr.query('ROLLBACK');
                expect(row.id).toMatch(/^00000000-0000-4000-8000-/);
                expect(after - before).toBeLessThanOrEqual(2);
            } finally {
                await qr.release();
            }
        },
    );

    it('connects idempotently and never closes a DataSource it does not own', async () => {
        const backend = t.backend();
        await Promise.all([backend.connect(), backend.connect(), backend.connect()]);
        await backend.connect();
        const agenda = new Agenda({ backend, processEvery: 50 });
        await agenda.start();
        await agenda.stop();
        await backend.disconnect();
        expect(t.dataSource.isInitialized).toBe(true);
        await backend.connect();
        expect(backend.ownsConnection).toBe(false);
    });

    it('refuses an uninitialised DataSource it does not own, and missing tables', async () => {
        const idle = createDataSourceFromUrl({ url: t.url, poolSize: 1, entities: refillEntities });
        await expect(new SqlJobBackend({ dataSource: idle }).connect()).rejects.toMatchObject({
            reason: 'not-connected',
        });
        await expect(new SqlJobBackend({ dataSource: idle }).connect()).rejects.toBeInstanceOf(
            JobBackendError,
        );
        const missing = t.backend({ jobsTable: 'refill_no_such_jobs' });
        await expect(missing.connect()).rejects.toBeInstanceOf(RefillConfigError);
        expect(() => t.backend({ jobsTable: 'jobs; DROP TABLE x' })).toThrow(RefillConfigError);
    });

    it('opens, closes and reopens a DataSource it owns', async () => {
        const own = createDataSourceFromUrl({ url: t.url, poolSize: 2, entities: refillEntities });
        const backend = new SqlJobBackend({ dataSource: own, ownsConnection: true });
        const agenda = new Agenda({ backend, processEvery: 50 });
        await agenda.ready;
        expect(own.isInitialized).toBe(true);
        await agenda.start();
        await agenda.stop();
        expect(own.isInitialized).toBe(false);
        await backend.connect();
        expect(own.isInitialized).toBe(true);
        expect(await backend.repository.getQueueSize()).toBeGreaterThan(0);
        await backend.disconnect();
        expect(own.isInitialized).toBe(false);
    });
});
