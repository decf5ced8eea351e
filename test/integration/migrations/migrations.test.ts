import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSourceFromUrl } from '../../../plugin/kernel/db/data-source.factory.js';
import { refillEntities } from '../../../plugin/refill-entities.js';
import { MigrationRunner } from '../../../plugin/kernel/db/migration-runner.js';
import { refillMigrations } from '../../../plugin/index.js';
import { createTestDatabase, engines, type TestDatabase } from '../../helpers/test-database.js';
import type { DataSource, MigrationInterface } from 'typeorm';

async function refillTables(ds: DataSource): Promise<string[]> {
    const rows: Array<{ name: string }> =
        ds.options.type === 'better-sqlite3'
            ? await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'refill_%'`)
            : await ds.query(
                  `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'refill_%'`,
              );
    return rows.map((r) => r.name).sort();
}

const all = refillMigrations.map((m) => m.name).sort((a, b) => a.slice(-13).localeCompare(b.slice(-13)));

describe.each(engines)('migrations on %s', (engine) => {
    let db: TestDatabase;
    let ds: DataSource;
    beforeAll(async () => {
        db = await createTestDatabase(engine, 'migrations');
        ds = createDataSourceFromUrl({ url: db.url, poolSize: 2, entities: refillEntities });
        await ds.initialize();
    });
    afterAll(async () => {
        await ds?.destroy();
        await db?.drop();
    });

    it('runs up on an empty database, down, and up again', async () => {
        const runner = new MigrationRunner(ds, refillMigrations);
        expect(await runner.up()).toEqual(all);
        const tables = await refillTables(ds);
        expect(tables).toContain('refill_customers');
        expect(tables).toContain('refill_ledger_entries');
        expect(await runner.up()).toEqual([]);

        expect(await runner.down(Infinity)).toEqual([...all].reverse());
        expect(await refillTables(ds)).toEqual(['refill_migrations']);

        expect(await runner.up()).toEqual(all);
        expect(await refillTables(ds)).toEqual(tables);
        expect((await runner.status()).every((m) => m.applied)).toBe(true);
        // Every migration twice up and once down is ~30 s of DDL on MariaDB under a loaded machine.
    }, 120_000);

    it('applies a migration once when several instances start together', async () => {
        const runners = [1, 2, 3].map(() => new MigrationRunner(ds, refillMigrations));
        await runners[0].down(Infinity);
        const applied = await Promise.all(runners.map((r) => r.up()));
        expect(applied.flat().sort()).toEqual([...all].sort());
    });

    it.runIf(engine === 'mysql')(
        'a migration running in another database on the same server holds nothing back here',
        async () => {
            // Another install mid-migration: its runner holds its lock inside a migration we keep open.
            const other = await createTestDatabase(engine, 'migrations-other');
            const otherDs = createDataSourceFromUrl({
                url: other.url,
                poolSize: 2,
                entities: refillEntities,
            });
            await otherDs.initialize();
            let finish!: () => void;
            let started!: () => void;
            const running = new Promise<void>((resolve) => (started = resolve));
            class SlowOther1999999999999 implements MigrationInterface {
                up = () => new Promise<void>((resolve) => ((finish = resolve), started()));
                down = async () => undefined;
            }
            const otherUp = new MigrationRunner(otherDs, [SlowOther1999999999999]).up();
            try {
                await running;
                const runner = new MigrationRunner(ds, refillMigrations);
                await runner.up();
                await runner.down(1);
                // A server-wide lock would wait 60 s here and fail; a per-database one goes at once.
                expect(await runner.up()).toHaveLength(1);
            } finally {
                finish?.();
                await otherUp.catch(() => undefined);
                await otherDs.destroy();
                await other.drop();
            }
        },
        45_000,
    );

    // That the migrations create exactly the schema the exported entities describe, on both
    // engines: entity-schema.test.ts.
});
