import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerSearch1768262400000 } from '../../../migrations/1768262400000-customer-search.js';
import { createDataSourceFromUrl } from '../../../plugin/kernel/db/data-source.factory.js';
import { MigrationRunner } from '../../../plugin/kernel/db/migration-runner.js';
import { refillMigrations } from '../../../plugin/index.js';
import { nameSearchKey } from '../../../plugin/modules/customers/index.js';
import { refillEntities } from '../../../plugin/refill-entities.js';
import { createTestDatabase, engines, type TestDatabase } from '../../helpers/test-database.js';

const AT = '2026-01-01 00:00:00.000';
/** More customers than one batch of the migration's backfill. */
const COUNT = 2300;
const nameOf = (i: number): string | null =>
    i === 1 ? '  Иванова   Алёна ' : i === 2 ? 'PETROV Ivan' : i % 7 === 0 ? null : `Сидор ${i}`;

/**
 * The customer search migration on a database that already has customers:
 * every name gets its search key (in batches), a customer without a name
 * none, and a migrated database takes the migration down and up.
 */
describe.each(engines)('customer search migration on %s', (engine) => {
    let db: TestDatabase;
    let ds: DataSource;
    const before = refillMigrations.slice(0, refillMigrations.indexOf(CustomerSearch1768262400000));
    beforeAll(async () => {
        db = await createTestDatabase(engine, 'customer_search_migration');
        ds = createDataSourceFromUrl({ url: db.url, poolSize: 2, entities: refillEntities });
        await ds.initialize();
        await new MigrationRunner(ds, before).up();
        for (let from = 1; from <= COUNT; from += 500) {
            const ids = Array.from({ length: Math.min(500, COUNT - from + 1) }, (_, i) => from + i);
            await ds.query(
                `INSERT INTO refill_customers (id, card_number, name, enrolled_at, updated_at) VALUES ${ids.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
                ids.flatMap((id) => [id, `90${id}`, nameOf(id), AT, AT]),
            );
        }
        await new MigrationRunner(ds, refillMigrations).up();
    });
    afterAll(async () => {
        await ds?.destroy();
        await db?.drop();
    });

    it('gives every existing name its search key, and none to a customer without a name', async () => {
        const rows: Array<{ id: unknown; name: string | null; name_search: string | null }> = await ds.query(
            'SELECT id, name, name_search FROM refill_customers ORDER BY id',
        );
        expect(rows).toHaveLength(COUNT);
        expect(rows[0].name_search).toBe('иванова алена');
        expect(rows[1].name_search).toBe('petrov ivan');
        for (const r of rows) expect(r.name_search).toBe(r.name === null ? null : nameSearchKey(r.name));
    });

    it('goes down and up again', async () => {
        const runner = new MigrationRunner(ds, refillMigrations);
        const since = refillMigrations
            .slice(refillMigrations.indexOf(CustomerSearch1768262400000))
            .map((m) => m.name);
        expect(await runner.down(since.length)).toEqual([...since].reverse());
        const columns: Array<Record<string, unknown>> =
            engine === 'sqlite'
                ? await ds.query(
                      `SELECT name FROM pragma_table_info('refill_customers') WHERE name = 'name_search'`,
                  )
                : await ds.query(`SHOW COLUMNS FROM refill_customers LIKE 'name_search'`);
        expect(columns).toEqual([]);
        expect(await runner.up()).toEqual(since);
        const [row]: Array<{ name_search: string }> = await ds.query(
            'SELECT name_search FROM refill_customers WHERE id = 1',
        );
        expect(row.name_search).toBe('иванова алена');
    });
});
