import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoLifecycle } from '../../../plugin/demo/demo-lifecycle.js';
import { seedDemoChain } from '../../../plugin/demo/demo-seed.js';
import { createRefill, type Refill } from '../../../plugin/index.js';
import { refillInternals } from '../../../plugin/testing.js';
import { createTestDatabase, engines, type TestDatabase } from '../../helpers/test-database.js';

/*
 * The demo's lifecycle history: weekly past days classified from the stored
 * receipts, then today from the customers' kept facts. Past-day facts
 * counted from the receipts agree with the facts the ledger keeps.
 */
describe.each(engines)('demo lifecycle on %s', (engine) => {
    const NOW = new Date('2026-03-01T10:00:00.000Z');
    let db: TestDatabase;
    let refill: Refill;
    const t = {
        get refill() {
            return refill;
        },
    };
    const clock = { now: NOW };

    beforeAll(async () => {
        db = await createTestDatabase(engine, 'lifecycle_demo');
        refill = createRefill({
            databaseUrl: db.url,
            logLevel: 'silent',
            clock: () => new Date(NOW),
            jobs: { process: false },
        });
        await refill.start();
        await seedDemoChain(refill, { customers: 80, seed: 5, now: NOW, historyDays: 150 });
    });
    afterAll(async () => {
        await refill?.stop();
        await db?.drop();
    });

    it('counts the same facts from the receipts as the customers keep', async () => {
        const { database, repositories } = refillInternals(t.refill);
        const asOf = await database.transaction((tx) =>
            repositories.lifecycle.lockPageAsOf(tx, 0, 1000, new Date(clock.now.getTime() + 1)),
        );
        const kept = await database.transaction((tx) => repositories.lifecycle.lockPage(tx, 0, 1000));
        expect(asOf.length).toBe(80);
        expect(asOf).toEqual(kept);
    });

    it('leaves sizes for every classified day and flows between segments', async () => {
        expect(await seedDemoLifecycle(t.refill, { weeks: 6 })).toBe(7);
        const { lifecycleReports } = refillInternals(t.refill).services;
        const sizes = await lifecycleReports.sizesByDay();
        expect(sizes.days).toHaveLength(7);
        const last = sizes.days[6].sizes;
        expect(Object.values(last).reduce((a, b) => a + b, 0)).toBe(80);
        const flows = await lifecycleReports.flows('2026-02');
        expect(flows.flows.some((f) => f.from !== null)).toBe(true);
        // A second run finds every day classified.
        await seedDemoLifecycle(t.refill, { weeks: 6 });
        expect((await lifecycleReports.sizesByDay()).days).toEqual(sizes.days);
    });
});
