import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../helpers/create-app.js';
import { HOSTILE_SQL_MODE } from '../helpers/sql-mode-hook.mjs';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

/** SQLite, and MariaDB under its own sql_mode and under NO_BACKSLASH_ESCAPES,ANSI_QUOTES. */
const setups = [
    { label: 'SQLite', engine: 'sqlite' as const, sqlMode: undefined },
    ...(process.env.TEST_MYSQL_URL
        ? [
              { label: "MariaDB's default sql_mode", engine: 'mysql' as const, sqlMode: '' },
              { label: HOSTILE_SQL_MODE, engine: 'mysql' as const, sqlMode: HOSTILE_SQL_MODE },
          ]
        : []),
];

/** Names that end a string early under one reading of backslashes or the other. */
const NAMES = [
    "x'; CREATE TABLE t (x int); -- ",
    "x\\'; CREATE TABLE t2 (x int); -- ",
    "x\\\\'; CREATE TABLE t3 (x int); -- ",
    'O\'Brien "the \\"quoted\\"" `back` \\% \\_ \\0 \\n ; # -- ?',
    'ends with a backslash \\',
    '\\',
    "''\\''",
    'Мария \\ Иванова 💊',
];

describe.each(setups)('POS values on $label', ({ engine, sqlMode }) => {
    let t: TestRefill;
    beforeAll(async () => {
        t = await startTestRefill(engine, 'injection', {}, { sqlMode });
    });
    afterAll(async () => t?.close());

    const tables = async () =>
        (
            await t.internals.database.all<{ name: string }>(
                engine === 'mysql'
                    ? 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()'
                    : "SELECT name FROM sqlite_master WHERE type = 'table'",
            )
        )
            .map((r) => r.name)
            .sort();

    it('a name that closes a backslash-escaped string creates no table and is stored exactly as sent (SQL injection when the session has NO_BACKSLASH_ESCAPES)', async () => {
        if (engine === 'mysql') {
            const [{ mode }] = await t.internals.database.all<{ mode: string }>(
                'SELECT @@SESSION.sql_mode AS mode',
            );
            for (const name of HOSTILE_SQL_MODE.split(','))
                expect(mode.split(',').includes(name)).toBe(sqlMode === HOSTILE_SQL_MODE);
        }
        const before = await tables();
        const app = createApp(t.refill);
        const auth = { Authorization: `Bearer ${t.key}` };
        for (const [i, name] of NAMES.entries()) {
            const card = `77000${String(i).padStart(2, '0')}`;
            const put = await request(app).put(`/pos/v1/customers/${card}`).set(auth).send({ name });
            expect(put.status).toBe(201);
            expect(put.body.name).toBe(name);
            const again = await request(app).put(`/pos/v1/customers/${card}`).set(auth).send({ name });
            expect(again.status).toBe(200);
            const [row] = await t.internals.database.all<{ name: string }>(
                'SELECT name FROM refill_customers WHERE card_number = ?',
                [card],
            );
            expect(row.name).toBe(name);
            const got = await request(app).get(`/pos/v1/customers/${card}`).set(auth);
            expect(got.body.name).toBe(name);
        }
        expect(await tables()).toEqual(before);
    });

    it.runIf(engine === 'mysql')(
        'never combines client-side formatting with multi-statement execution: a second statement in one query is refused',
        async () => {
            const before = await tables();
            await expect(t.internals.database.run('SELECT 1; CREATE TABLE t9 (x int)')).rejects.toThrow();
            expect(await tables()).toEqual(before);
        },
    );
});
