import mysql from 'mysql2/promise';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRefill } from '../../../plugin/index.js';
import { cloneTestDatabase, mysqlDatabase, sqliteFile } from '../../helpers/clone-database.js';
import { createTestDatabase, engines, type Engine, type TestDatabase } from '../../helpers/test-database.js';

/** Each table's definition (AUTO_INCREMENT counters left out) and its rows, in a stable order. */
async function snapshot(
    engine: Engine,
    url: string,
): Promise<Record<string, { ddl: string; rows: unknown[] }>> {
    const out: Record<string, { ddl: string; rows: unknown[] }> = {};
    if (engine === 'sqlite') {
        const db = new Database(sqliteFile(url), { readonly: true });
        try {
            const tables = db
                .prepare("SELECT name, sql FROM sqlite_master WHERE type IN ('table','index') ORDER BY name")
                .all() as { name: string; sql: string | null }[];
            for (const t of tables)
                out[t.name] = {
                    ddl: t.sql ?? '',
                    rows: t.sql?.startsWith('CREATE TABLE')
                        ? db.prepare(`SELECT * FROM "${t.name}" ORDER BY 1`).all()
                        : [],
                };
        } finally {
            db.close();
        }
        return out;
    }
    const name = mysqlDatabase(url);
    const conn = await mysql.createConnection(process.env.TEST_MYSQL_URL!);
    try {
        const [tables] = await conn.query<mysql.RowDataPacket[]>(
            'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME',
            [name],
        );
        for (const { name: table } of tables) {
            const [[created]] = await conn.query<mysql.RowDataPacket[]>(
                `SHOW CREATE TABLE \`${name}\`.\`${table}\``,
            );
            const [rows] = await conn.query(`SELECT * FROM \`${name}\`.\`${table}\` ORDER BY 1`);
            out[String(table)] = {
                ddl: String(created['Create Table']).replace(/ AUTO_INCREMENT=\d+/, ''),
                rows: rows as unknown[],
            };
        }
    } finally {
        await conn.end();
    }
    return out;
}

for (const engine of engines) {
    describe(`cloneTestDatabase (${engine})`, () => {
        let source: TestDatabase;
        let copy: TestDatabase;

        beforeAll(async () => {
            source = await createTestDatabase(engine, 'clone_source');
            const refill = createRefill({
                databaseUrl: source.url,
                logLevel: 'silent',
                jobs: { process: false },
            });
            await refill.start();
            // Rows in tables tied by foreign keys, and auto-increment counters past them.
            const { services } = (await import('../../../plugin/testing.js')).refillInternals(refill);
            await services.stores.upsert('S1', 'Pharmacy 1', null, 'test');
            await services.stores.upsert('S2', 'Pharmacy 2', 'Asia/Yekaterinburg', 'test');
            await services.posKeys.create('S1', 'till 1', 'test');
            await refill.stop();
            copy = await cloneTestDatabase(engine, source.url, 'clone_copy');
        }, 60_000);
        afterAll(async () => {
            await copy?.drop();
            await source?.drop();
        });

        it('copies every table, index, foreign key and row of a migrated database', async () => {
            const [original, cloned] = await Promise.all([
                snapshot(engine, source.url),
                snapshot(engine, copy.url),
            ]);
            expect(Object.keys(original).length).toBeGreaterThan(20);
            expect(original.refill_stores.rows).toHaveLength(2);
            expect(cloned).toEqual(original);
        });

        it('gives the copy its own data and counters, and starts Refill on it with nothing to migrate', async () => {
            const refill = createRefill({
                databaseUrl: copy.url,
                logLevel: 'silent',
                jobs: { process: false },
            });
            try {
                expect(await refill.migrate()).toEqual([]);
                const { services } = (await import('../../../plugin/testing.js')).refillInternals(refill);
                await services.stores.upsert('S3', 'Pharmacy 3', null, 'test');
                const stores = await services.stores.list();
                expect(stores.map((s) => s.code).sort()).toEqual(['S1', 'S2', 'S3']);
                // The new row's id follows the copied ones, and a foreign key still refuses an orphan.
                expect(stores.find((s) => s.code === 'S3')!.id).toBeGreaterThan(
                    Math.max(...stores.filter((s) => s.code !== 'S3').map((s) => s.id)),
                );
                const { database } = (await import('../../../plugin/testing.js')).refillInternals(refill);
                await expect(
                    database.run(
                        "INSERT INTO refill_pos_keys (store_id, key_hash, key_hint, created_at) VALUES (999999, 'x', 'x', '2026-01-01 00:00:00.000')",
                    ),
                ).rejects.toThrow(/foreign key/i);
            } finally {
                await refill.stop();
            }
            expect((await snapshot(engine, source.url)).refill_stores.rows).toHaveLength(2);
        });
    });
}
