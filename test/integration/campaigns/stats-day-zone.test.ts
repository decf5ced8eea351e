import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CategoryRebuilds1767916800000 } from '../../../migrations/1767916800000-category-rebuilds.js';
import {
    formatRecentDays,
    statFromPurchases,
} from '../../../plugin/modules/catalog/rules/category-stats.rules.js';
import { createRefill } from '../../../plugin/index.js';
import { C10, statinHistory, statsByCard } from '../../helpers/statin-history.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';
import { refillInternals } from '../../../plugin/testing.js';

/** Waits until `check` is true (polling), or fails after `ms`. */
async function until(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    while (!(await check())) {
        if (Date.now() > end) throw new Error('timed out');
        await new Promise((ok) => setTimeout(ok, 50));
    }
}

describe.each(engines)('purchase days of the statistics on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-03-01T07:00:00.000Z'));

    beforeAll(async () => {
        t = await startTestRefill(engine, 'stats_day_zone', { clock: clock.fn, pos: { cacheTtlMs: 0 } });
        await t.internals.services.categories.upsert(C10, 'test');
        await t.internals.services.history.importRecords(statinHistory(clock.fn()));
    });
    afterAll(async () => t?.close());

    it("statistics kept in UTC days before this version are rebuilt in the chain's days by the first instance that runs jobs", async () => {
        const db = t.internals.database;
        const expected = await statsByCard(t, 'C10');
        // As an older version kept them: the same rows with UTC days.
        const rows = await db.all(
            `SELECT s.customer_id, s.category_id, p.purchased_at, l.amount FROM refill_customer_category_stats s
             JOIN refill_purchases p ON p.customer_id = s.customer_id
             JOIN refill_purchase_lines l ON l.purchase_id = p.id AND l.category_id = s.category_id`,
        );
        const byRow = new Map<string, Array<{ at: Date; amount: number }>>();
        for (const r of rows) {
            const key = `${String(r.customer_id)}:${String(r.category_id)}`;
            byRow.set(key, [
                ...(byRow.get(key) ?? []),
                { at: db.time(r.purchased_at), amount: Number(r.amount) },
            ]);
        }
        for (const [key, purchases] of byRow) {
            const [customerId, categoryId] = key.split(':').map(Number);
            const utc = statFromPurchases(purchases, 'UTC')!;
            await db.run(
                `UPDATE refill_customer_category_stats SET recent_days = ? WHERE customer_id = ? AND category_id = ?`,
                [formatRecentDays(utc.recentDays), customerId, categoryId],
            );
        }
        const legacy = await statsByCard(t, 'C10');
        expect(legacy).not.toEqual(expected);

        // The migration marks such rows as UTC days.
        const migration = new CategoryRebuilds1767916800000();
        const runner = t.internals.dataSource.createQueryRunner();
        try {
            await migration.down(runner);
            await migration.up(runner);
        } finally {
            await runner.release();
        }
        expect(await t.internals.repositories.settings.get('stats.day-zone')).toBe('UTC');

        // An instance that runs jobs starts: every category with statistics is rebuilt in chain days.
        const worker = createRefill({
            databaseUrl: t.db.url,
            logLevel: 'silent',
            clock: clock.fn,
            pos: { cacheTtlMs: 0 },
            jobs: { process: true, processEvery: 100 },
        });
        await worker.start();
        try {
            await until(async () => {
                const progress = await refillInternals(worker).services.categoryRebuilds.progressById();
                return progress.size >= 2 && [...progress.values()].every((p) => p.state === 'done');
            });
        } finally {
            await worker.stop();
        }
        expect(await statsByCard(t, 'C10')).toEqual(expected);
        expect(await t.internals.repositories.settings.get('stats.day-zone')).toBe('Europe/Moscow');
    });
});
