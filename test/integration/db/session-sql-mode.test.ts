import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_SQL_MODE, sessionSqlModeFor } from '../../helpers/sql-mode-hook.mjs';
import { startTestRefill, type TestRefill } from '../../helpers/test-refill.js';

describe.runIf(process.env.TEST_MYSQL_URL)('the suite runs MariaDB in a hostile sql_mode', () => {
    let t: TestRefill;
    beforeAll(async () => {
        t = await startTestRefill('mysql', 'sql-mode');
    });
    afterAll(async () => t?.close());

    it("every connection of Refill's pool, through Refill and through TypeORM, has the suite's sql_mode", async () => {
        const wanted = sessionSqlModeFor(undefined).split(',').filter(Boolean);
        if (process.env.TEST_MYSQL_SQL_MODE === undefined)
            expect(wanted).toEqual(HOSTILE_SQL_MODE.split(','));
        // Several at once, so that more than one pooled connection answers.
        const viaRefill = await Promise.all(
            Array.from({ length: 6 }, () =>
                t.internals.database.all<{ mode: string }>(
                    'SELECT @@SESSION.sql_mode AS mode, SLEEP(0.05) AS s',
                ),
            ),
        );
        const viaTypeorm = await t.internals.dataSource.query('SELECT @@SESSION.sql_mode AS mode');
        for (const [row] of [...viaRefill, viaTypeorm])
            for (const mode of wanted) expect(row.mode.split(',')).toContain(mode);
    });
});
