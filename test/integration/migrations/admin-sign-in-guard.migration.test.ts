import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSourceFromUrl } from '../../../plugin/kernel/db/data-source.factory.js';
import { refillEntities } from '../../../plugin/refill-entities.js';
import { MigrationRunner } from '../../../plugin/kernel/db/migration-runner.js';
import { refillMigrations } from '../../../plugin/index.js';
import { AdminSignInGuard1767830400000 } from '../../../migrations/1767830400000-admin-sign-in-guard.js';
import { createTestDatabase, engines, type TestDatabase } from '../../helpers/test-database.js';

const AT = '2026-01-01 00:00:00.000';

/**
 * The admin sign-in guard migration on a database that already has users and
 * tokens: usernames become their normalised spelling, tokens get the person
 * who created them, and a migrated database takes the migration down and up.
 */
describe.each(engines)('admin sign-in guard migration on %s', (engine) => {
    let db: TestDatabase;
    let ds: DataSource;
    const before = refillMigrations.slice(0, refillMigrations.indexOf(AdminSignInGuard1767830400000));
    beforeAll(async () => {
        db = await createTestDatabase(engine, 'sign_in_migration');
        ds = createDataSourceFromUrl({ url: db.url, poolSize: 2, entities: refillEntities });
        await ds.initialize();
        await new MigrationRunner(ds, before).up();
        const users = engine === 'sqlite' ? ['Olga', 'olga', 'PETR', 'ivan'] : ['Olga', 'PETR', 'ivan'];
        for (const name of users)
            await ds.query(
                `INSERT INTO refill_admin_users (username, password_hash, role, created_at) VALUES (?, 'scrypt$x', 'admin', ?)`,
                [name, AT],
            );
        for (const [name, createdBy] of [
            ['crm', 'PETR'],
            ['ops', 'deploy-bot'],
        ])
            await ds.query(
                `INSERT INTO refill_admin_tokens (name, token_hash, role, created_by, created_at) VALUES (?, ?, 'admin', ?, ?)`,
                [name, `hash-${name}`, createdBy, AT],
            );
        await new MigrationRunner(ds, refillMigrations).up();
    });
    afterAll(async () => {
        await ds?.destroy();
        await db?.drop();
    });

    it('existing usernames take their normalised spelling; a second spelling of a name is disabled', async () => {
        const rows: Array<{ username: string; disabled_at: unknown }> = await ds.query(
            'SELECT username, disabled_at FROM refill_admin_users ORDER BY id',
        );
        const active = rows.filter((r) => r.disabled_at === null).map((r) => r.username);
        expect(active.sort()).toEqual(['ivan', 'olga', 'petr']);
        if (engine === 'sqlite')
            expect(rows.filter((r) => r.disabled_at !== null).map((r) => r.username)).toEqual(['Olga']);
    });

    it('binds existing tokens to the user who created them, when that is a user', async () => {
        const rows: Array<{ name: string; username: string | null }> = await ds.query(
            `SELECT t.name, u.username FROM refill_admin_tokens t LEFT JOIN refill_admin_users u ON u.id = t.user_id ORDER BY t.name`,
        );
        expect(rows).toEqual([
            { name: 'crm', username: 'petr' },
            { name: 'ops', username: null },
        ]);
    });

    it('goes down and up again', async () => {
        const runner = new MigrationRunner(ds, refillMigrations);
        // With the migrations that came after it.
        const since = refillMigrations
            .slice(refillMigrations.indexOf(AdminSignInGuard1767830400000))
            .map((m) => m.name);
        expect(since[0]).toBe('AdminSignInGuard1767830400000');
        expect(await runner.down(since.length)).toEqual([...since].reverse());
        expect(await runner.up()).toEqual(since);
    });
});
