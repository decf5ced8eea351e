import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLapsedBuyers, testDesign } from '../../helpers/campaign-fixtures.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

/** Waits until `check` is true (polling), or fails after `ms`. */
async function until(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    while (!(await check())) {
        if (Date.now() > end) throw new Error('timed out');
        await new Promise((ok) => setTimeout(ok, 50));
    }
}

describe.each(engines)('campaign jobs on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-01-01T08:00:00.000Z'));

    beforeAll(async () => {
        t = await startTestRefill(engine, 'campaign_jobs', {
            clock: clock.fn,
            campaigns: { partitionSize: 10, concurrency: 2 },
            jobs: { process: true, processEvery: 100 },
        });
        await seedLapsedBuyers(t, clock);
    });
    afterAll(async () => t?.close());

    it('the daily job starts one selection per campaign and day, split into range jobs, under the daily cap', async () => {
        const { campaigns, jobs } = t.internals.services;
        const c = await campaigns.create(testDesign({ dailyCap: 25 }), 'marketer');
        await campaigns.launch(c.id, 'marketer');
        const runs = () =>
            t.internals.database.all<{ part: unknown; parts: unknown; status: string }>(
                'SELECT part, parts, status FROM refill_campaign_runs WHERE campaign_id = ? ORDER BY part',
                [c.id],
            );
        await jobs.run('campaigns-daily', 'test', true);
        await until(async () => {
            const r = await runs();
            return r.length > 1 && r.every((x) => x.status === 'done');
        });
        const parts = await runs();
        expect(parts.length).toBe(Number(parts[0].parts));
        expect(parts.length).toBeGreaterThan(3);
        const members = await t.internals.database.all<{ n: unknown }>(
            'SELECT COUNT(*) AS n FROM refill_campaign_members WHERE campaign_id = ?',
            [c.id],
        );
        // The cap is split across the parts; no part exceeds its share.
        expect(Number(members[0].n)).toBeLessThanOrEqual(25);
        expect(Number(members[0].n)).toBeGreaterThan(15);

        // A second tick the same day enqueues nothing new.
        const again = await jobs.run('campaigns-daily', 'test', true);
        expect(again).toMatchObject({ active: 1, enqueued: 0 });
        // The next day the remaining lapsed customers join, still once each.
        clock.advanceDays(1);
        await jobs.run('campaigns-daily', 'test', true);
        await until(
            async () => (await runs()).filter((r) => r.status === 'done').length === 2 * parts.length,
        );
        const total = await t.internals.database.all<{ n: unknown; d: unknown }>(
            'SELECT COUNT(*) AS n, COUNT(DISTINCT customer_id) AS d FROM refill_campaign_members WHERE campaign_id = ?',
            [c.id],
        );
        expect(Number(total[0].n)).toBe(40);
        expect(Number(total[0].d)).toBe(40);
    });
});
