import fc from 'fast-check';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMysql } from '../../../plugin/kernel/db/mysql-format.js';
import { HOSTILE_SQL_MODE } from '../../helpers/sql-mode-hook.mjs';
import { hostileString } from '../../helpers/hostile-strings.js';

/** The server's own sql_mode, and the same with the suite's hostile modes added. */
const modes = [
    { label: 'the server default sql_mode', sql: '@@GLOBAL.sql_mode' },
    { label: HOSTILE_SQL_MODE, sql: `CONCAT(@@GLOBAL.sql_mode, ',${HOSTILE_SQL_MODE}')` },
];

describe.runIf(process.env.TEST_MYSQL_URL).each(modes)("Refill's MySQL formatter under $label", (mode) => {
    let conn: mysql.Connection;
    beforeAll(async () => {
        conn = await mysql.createConnection({
            uri: process.env.TEST_MYSQL_URL,
            charset: 'utf8mb4_unicode_ci',
            multipleStatements: true,
        });
        await conn.query(`SET SESSION sql_mode = ${mode.sql}`);
    });
    afterAll(async () => conn?.end());

    it('arbitrary strings with quotes, backslashes and NUL round-trip exactly, one statement stays one (SQL injection when the session has NO_BACKSLASH_ESCAPES)', async () => {
        const [[session]] = (await conn.query('SELECT @@SESSION.sql_mode AS m')) as unknown as [
            [{ m: string }],
        ];
        const hostile = mode.sql !== '@@GLOBAL.sql_mode';
        for (const name of HOSTILE_SQL_MODE.split(','))
            expect(session.m.split(',').includes(name)).toBe(hostile);
        await fc.assert(
            fc.asyncProperty(hostileString, hostileString, async (a, b) => {
                const [results] = (await conn.query(
                    formatMysql('SELECT ? AS a, ? AS b, CONCAT(?, ?) AS ab, COALESCE(?, _utf8mb4 ?) AS c', [
                        a,
                        b,
                        a,
                        b,
                        a,
                        'x',
                    ]),
                )) as unknown as [Array<Record<string, string>>];
                // A single result set: nothing a value held ran as a statement of its own.
                expect(results).toHaveLength(1);
                expect(results[0]).toEqual({ a, b, ab: a + b, c: a });
            }),
            { numRuns: 300 },
        );
    });
});
