import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { Database } from '../../../plugin/kernel/db/database.js';
import { JobSqlContext } from '../../../plugin/kernel/jobs/sql-backend/job-sql.context.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

/*
 * The job backend's claim transaction (READ COMMITTED) used to run on a
 * TypeORM QueryRunner of whatever DataSource it was given: a host's pool
 * formats values with mysql2's backslash escapes, which NO_BACKSLASH_ESCAPES
 * (the suite's session mode on MariaDB) reads differently, and nothing bounded
 * its statements' time. It now runs on Refill's guarded connections.
 */
describe.runIf(process.env.TEST_MYSQL_URL)("the job backend's claim transaction on a host pool", () => {
    let db: TestDatabase;
    let host: DataSource;
    let ctx: JobSqlContext;
    beforeAll(async () => {
        db = await createTestDatabase('mysql', 'jobs_sql_mode');
        // A host's own DataSource: mysql2's default formatter, none of Refill's settings.
        host = new DataSource({ type: 'mariadb', url: db.url.replace(/^mariadb:/, 'mysql:'), timezone: 'Z' });
        await host.initialize();
        ctx = new JobSqlContext({
            database: new Database(host, { queryTimeoutMs: 2_000 }),
            jobsTable: 'refill_jobs',
            logsTable: 'refill_job_logs',
            now: () => new Date(),
            lastModifiedBy: 'test',
        });
    });
    afterAll(async () => {
        ctx?.db.close();
        await host?.destroy();
        await db?.drop();
    });

    it("values with quotes and backslashes reach MariaDB exactly under the session's NO_BACKSLASH_ESCAPES (job data on a host pool)", async () => {
        const [{ mode }] = await host.query('SELECT @@SESSION.sql_mode AS mode');
        expect(String(mode)).toContain('NO_BACKSLASH_ESCAPES');
        for (const value of ["x\\'; SELECT 1; -- ", 'a\\b\\\\c', "it's", '\\', "\\'", '?']) {
            const [row] = await ctx.readCommitted((tx) =>
                tx.all<{ v: string; n: unknown }>('SELECT ? AS v, ? AS n', [value, 7]),
            );
            expect(row.v).toBe(value);
            expect(Number(row.n)).toBe(7);
        }
    });

    it('runs READ COMMITTED, with a time limit on every statement', async () => {
        await host.query('CREATE TABLE rc_probe (x INT NOT NULL) ENGINE=InnoDB');
        await host.query('INSERT INTO rc_probe VALUES (1)');
        const seen = await ctx.readCommitted(async (tx) => {
            const [first] = await tx.all<{ x: number }>('SELECT x FROM rc_probe');
            await host.query('UPDATE rc_probe SET x = 2'); // another connection commits meanwhile
            const [second] = await tx.all<{ x: number }>('SELECT x FROM rc_probe');
            return [first.x, second.x];
        });
        // REPEATABLE READ would read 1 twice.
        expect(seen).toEqual([1, 2]);
        const started = Date.now();
        await expect(ctx.readCommitted((tx) => tx.all('SELECT SLEEP(5)'), 0)).rejects.toThrow();
        expect(Date.now() - started).toBeLessThan(4_000);
    });
});
