import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoChains, type DemoChainsSummary } from '../../../plugin/demo/demo-chains.js';
import { seedDemoChain } from '../../../plugin/demo/demo-seed.js';
import {
    ChainAdminService,
    ChainReportQuery,
    ChainReportService,
    ChainRepository,
} from '../../../plugin/modules/chains/index.js';
import { createRefill, type Refill } from '../../../plugin/index.js';
import { refillInternals } from '../../../plugin/testing.js';
import { createTestDatabase, engines, type TestDatabase } from '../../helpers/test-database.js';

const NOW = new Date('2026-03-01T10:00:00.000Z');

/*
 * The demo's trigger chains on the demo chain as the browser tests seed it
 * (300 customers): two shipped chains switched on and played on a backdated
 * clock through the real engine. Everything asserted is what the chain
 * report computes from the runs, step log and purchases written.
 */
describe.each(engines)('demo trigger chains seeded on %s', (engine) => {
    let db: TestDatabase;
    let refill: Refill;
    let seeded: DemoChainsSummary;
    let seedMs: number;

    beforeAll(async () => {
        db = await createTestDatabase(engine, 'demo-chains');
        refill = createRefill({ databaseUrl: db.url, logLevel: 'silent', clock: () => new Date(NOW) });
        await refill.start();
        await seedDemoChain(refill, { customers: 300, seed: 1, now: NOW });
        const started = Date.now();
        seeded = await seedDemoChains(refill, { seed: 1 });
        seedMs = Date.now() - started;
    }, 180_000);
    afterAll(async () => {
        await refill?.stop();
        await db?.drop();
    });

    it('switches second-purchase and sleeping-winback on and enters customers into both', async () => {
        expect(Object.keys(seeded.chainIds).sort()).toEqual(['second-purchase', 'sleeping-winback']);
        expect(seeded.entered).toBeGreaterThan(120);
        const statuses = await refillInternals(refill).database.all<{ chain_key: string; status: string }>(
            "SELECT chain_key, status FROM refill_chains WHERE status = 'active' ORDER BY chain_key",
        );
        expect(statuses.map((s) => s.chain_key)).toEqual(['second-purchase', 'sleeping-winback']);
        console.info(`[demo chains] seeded on ${engine} in ${seedMs} ms (${seeded.entered} runs)`);
    });

    it('gives the second-purchase chain a report with both groups, a walked funnel, offers and bonuses', async () => {
        const { database, repositories, services } = refillInternals(refill);
        const clock = () => new Date(NOW);
        const query = new ChainReportQuery(database);
        const admin = new ChainAdminService(
            database,
            { audit: repositories.audit, chains: new ChainRepository(database), figures: query },
            services.catalog,
            clock,
        );
        const report = await new ChainReportService(admin, query, clock).report(
            seeded.chainIds['second-purchase'] as number,
            { from: null, to: null, marginPct: 30 },
        );
        expect(report.sample.test).toBeGreaterThan(50);
        expect(report.sample.holdout).toBeGreaterThan(2);
        expect(report.funnel[0].passed).toBeGreaterThan(0);
        expect(report.results.conversion?.test.mean).toBeGreaterThan(0.2);
        expect(report.money?.messages).toBeGreaterThan(0);
        expect(report.money?.bonusCost).toBeGreaterThan(0);
        expect(report.health.srm.flagged).toBe(false);
    });
});
