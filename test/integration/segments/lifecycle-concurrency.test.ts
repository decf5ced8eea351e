import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MS_PER_HOUR } from '../../../plugin/kernel/units/time.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

/*
 * The write-path pair of the lifecycle job: the daily classification (which
 * locks each page's customers) while tills commit sales for customers of
 * those pages. Neither fails or waits forever, every customer is classified
 * once, and the sales land in full (the next day sees them).
 */
describe.each(engines)('lifecycle classification beside sales on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-06-10T12:00:00.000Z'));
    const CUSTOMERS = 240;
    const cards = Array.from({ length: CUSTOMERS }, (_, i) => `LCC-${1000 + i}`);

    beforeAll(async () => {
        t = await startTestRefill(engine, 'lifecycle_conc', { clock: clock.fn });
        const { database, repositories } = t.internals;
        for (const card of cards)
            await repositories.customers.enrolIfMissing(database, card, clock.now, null);
    });
    afterAll(async () => t?.close());

    it('classifies every customer once while sales for the same customers commit', async () => {
        let receipt = 0;
        const sales = cards
            .filter((_, i) => i % 6 === 0)
            .map((card) =>
                t.refill.hooks.commitPurchase({
                    receiptId: `LCC-R-${++receipt}`,
                    cardNumber: card,
                    storeCode: 'S1',
                    purchasedAt: new Date(clock.now.getTime() - MS_PER_HOUR),
                    lines: [{ sku: 'X', name: 'x', quantity: 1, amount: 5_000 }],
                }),
            );
        const job = t.internals.services.lifecycleClassification.run({ pageSize: 16 });
        const [run] = await Promise.all([job, ...sales]);
        expect(run.customers).toBe(CUSTOMERS);
        const db = t.internals.database;
        const [rows] = await db.all<{ n: unknown; c: unknown }>(
            `SELECT COUNT(*) AS n, COUNT(DISTINCT customer_id) AS c FROM refill_lifecycle_transitions WHERE day = '2026-06-10'`,
        );
        expect([Number(rows.n), Number(rows.c)]).toEqual([CUSTOMERS, CUSTOMERS]);
        const [bought] = await db.all<{ n: unknown }>(
            `SELECT COUNT(*) AS n FROM refill_customers WHERE purchase_count = 1`,
        );
        expect(Number(bought.n)).toBe(sales.length);

        clock.advanceDays(1);
        await t.internals.services.lifecycleClassification.run({ pageSize: 16 });
        const overview = await t.internals.services.lifecycleReports.overview();
        const size = (s: string) => overview.segments.find((x) => x.segment === s)?.size;
        expect(size('new')).toBe(sales.length);
        expect(size('enrolled')).toBe(CUSTOMERS - sales.length);
    });
});
