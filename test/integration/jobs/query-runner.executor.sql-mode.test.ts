import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { QueryRunnerExecutor } from '../../../plugin/jobs/sql-backend/query-runner.executor.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

/*
 * The job backend's claim transaction runs on a QueryRunner of whatever
 * DataSource it is given: a host's pool formats values with mysql2's
 * backslash escapes, which NO_BACKSLASH_ESCAPES (the suite's session mode on
 * MariaDB) reads differently. Job names, data and failReasons must still
 * arrive exactly as written.
 */
describe.runIf(process.env.TEST_MYSQL_URL)("the job backend's QueryRunner executor on a host pool", () => {
    let db: TestDatabase;
    let host: DataSource;
    beforeAll(async () => {
        db = await createTestDatabase('mysql', 'qr_sql_mode');
        // A host's own DataSource: mysql2's default formatter, none of Refill's settings.
        host = new DataSource({ type: 'mariadb', url: db.url.replace(/^mariadb:/, 'mysql:'), timezone: 'Z' });
        await host.initialize();
    });
    afterAll(async () => {
        await host?.destroy();
        await db?.drop();
    });

    it("values with quotes and backslashes reach MariaDB exactly under the session's NO_BACKSLASH_ESCAPES (job data on a host pool)", async () => {
        const [{ mode }] = await host.query('SELECT @@SESSION.sql_mode AS mode');
        expect(String(mode)).toContain('NO_BACKSLASH_ESCAPES');
        const qr = host.createQueryRunner();
        try {
            const exec = new QueryRunnerExecutor(qr, 'mysql');
            for (const value of ["x\\'; SELECT 1; -- ", 'a\\b\\\\c', "it's", '\\', "\\'", '?']) {
                const [row] = await exec.all<{ v: string; n: unknown }>('SELECT ? AS v, ? AS n', [value, 7]);
                expect(row.v).toBe(value);
                expect(Number(row.n)).toBe(7);
            }
        } finally {
            await qr.release();
        }
    });
});
