import { Agenda } from 'agenda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSourceFromUrl } from '../../../plugin/kernel/db/data-source.factory.js';
import { refillEntities } from '../../../plugin/refill-entities.js';
import { MigrationRunner } from '../../../plugin/kernel/db/migration-runner.js';
import { createRefill, refillMigrations, type Refill } from '../../../plugin/index.js';
import { SqlJobBackend } from '../../../plugin/kernel/jobs/sql-backend/index.js';
import { createTestDatabase, engines, type TestDatabase } from '../../helpers/test-database.js';
import { refillInternals } from '../../../plugin/testing.js';

describe.each(engines)("a host's own Agenda on %s", (engine) => {
    let db: TestDatabase;
    let refill: Refill;
    let agenda: Agenda;
    beforeAll(async () => {
        db = await createTestDatabase(engine, 'host_agenda');
        // The host's DataSource (shared with Refill), migrated, and the host's Agenda on it.
        const dataSource = createDataSourceFromUrl({ url: db.url, poolSize: 5, entities: refillEntities });
        await dataSource.initialize();
        await new MigrationRunner(dataSource, refillMigrations).up();
        agenda = new Agenda({ backend: new SqlJobBackend({ dataSource }), processEvery: 100 });
        agenda.define('host:send-newsletter', async () => undefined);
        refill = createRefill({ dataSource, logLevel: 'silent', jobs: { agenda } });
    });
    afterAll(async () => {
        await agenda?.stop();
        if (refill)
            await refillInternals(refill)
                .dataSource.destroy()
                .catch(() => undefined);
        await db?.drop();
    });

    it('defines and schedules Refill jobs on it, and leaves starting and stopping it to the host', async () => {
        await refill.start();
        const { jobs } = await agenda.queryJobs({});
        expect(jobs.map((j) => j.name).sort()).toEqual([
            'refill:activate-pending-bonuses',
            'refill:campaigns-daily',
            'refill:chain-steps',
            'refill:chain-triggers',
            'refill:daily-figures',
            'refill:expire-bonuses',
            'refill:message-reminders',
            'refill:messages-dispatch',
            'refill:segments-daily',
            'refill:segments-home-stores',
        ]);
        expect(jobs.every((j) => j.repeatTimezone === 'Europe/Moscow')).toBe(true);

        await agenda.start();
        const counts = await refillInternals(refill).services.jobs.run('expire-bonuses', 'host', true);
        expect(counts).toMatchObject({ batches: 0, lotsExpired: 0 });

        await refill.stop();
        expect(refillInternals(refill).dataSource.isInitialized).toBe(true);
        // The host's Agenda still runs jobs after Refill stopped.
        const done = new Promise<void>((ok) => agenda.once('success:host:send-newsletter', () => ok()));
        await agenda.now('host:send-newsletter');
        await done;
    });
});
