import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCategoryInputs, demoProductInputs } from '../../../plugin/demo/demo-catalog.js';
import { resolveDemoChain } from '../../../plugin/demo/demo-chain.js';
import { demoCustomerHistory } from '../../../plugin/demo/demo-history.js';
import { seedDemoChain, type DemoSeedSummary } from '../../../plugin/demo/demo-seed.js';
import { createRefill, type Refill } from '../../../plugin/index.js';
import { createTestDatabase, engines, type TestDatabase } from '../../helpers/test-database.js';
import { refillInternals } from '../../../plugin/testing.js';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const DAY = 86_400_000;
const OPTIONS = { customers: 300, seed: 11, now: NOW };

const TABLES = [
    'refill_stores',
    'refill_categories',
    'refill_category_rules',
    'refill_products',
    'refill_customers',
    'refill_customer_consents',
    'refill_consent_events',
    'refill_purchases',
    'refill_purchase_lines',
    'refill_bonus_lots',
    'refill_ledger_entries',
    'refill_customer_category_stats',
    'refill_audit_log',
];

describe.each(engines)('demo chain seeded on %s', (engine) => {
    let db: TestDatabase;
    let refill: Refill;
    let first: DemoSeedSummary;
    const chain = resolveDemoChain(OPTIONS);
    const histories = Array.from({ length: chain.customers }, (_, i) => demoCustomerHistory(chain, i));
    const receipts = histories.flatMap((h) => h.receipts);

    const count = async (table: string) =>
        Number((await refillInternals(refill).database.all(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    const counts = async () =>
        Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(t)])));

    beforeAll(async () => {
        db = await createTestDatabase(engine, 'demo-seed');
        refill = createRefill({ databaseUrl: db.url, logLevel: 'silent', clock: () => new Date(NOW) });
        await refill.start();
        const progress: number[] = [];
        first = await seedDemoChain(refill, { ...OPTIONS, onProgress: (done) => progress.push(done) });
        expect(progress.at(-1)).toBe(300);
    }, 120_000);
    afterAll(async () => {
        await refill?.stop();
        await db?.drop();
    });

    it('writes the stores, the catalogue, the customers and their history', async () => {
        const lines = receipts.reduce((s, r) => s + r.lines.length, 0);
        expect(first).toMatchObject({
            stores: 3,
            categories: demoCategoryInputs().length,
            products: demoProductInputs().length,
            customers: 300,
            receipts: receipts.length,
            lines,
            rejected: 0,
        });
        expect(await count('refill_stores')).toBe(3);
        expect(await count('refill_categories')).toBe(demoCategoryInputs().length);
        expect(await count('refill_products')).toBe(demoProductInputs().length);
        expect(await count('refill_customers')).toBe(300);
        expect(await count('refill_purchases')).toBe(receipts.length);
        expect(await count('refill_purchase_lines')).toBe(lines);
        const chronic = await refillInternals(refill).database.all(
            `SELECT code FROM refill_categories WHERE chronic = ? ORDER BY code`,
            [true],
        );
        expect(chronic.length).toBe(demoCategoryInputs().filter((c) => c.chronic).length);
    });

    it('keeps category statistics for chronic buyers; lapsed pairs show no purchase in the last 60 days', async () => {
        const rows = await refillInternals(refill).database.all<{
            card_number: string;
            code: string;
            last_at: unknown;
            purchase_count: unknown;
        }>(
            `SELECT c.card_number, k.code, s.last_at, s.purchase_count
               FROM refill_customer_category_stats s
               JOIN refill_customers c ON c.id = s.customer_id
               JOIN refill_categories k ON k.id = s.category_id`,
        );
        const stats = new Map(rows.map((r) => [`${r.card_number}/${r.code}`, r]));
        const pairs = histories.flatMap((h) =>
            h.plan.chronic
                .filter((p) =>
                    h.receipts.some((r) =>
                        r.lines.some((l) => p.group.products.some((x) => x.sku === l.sku)),
                    ),
                )
                .map((p) => ({
                    key: `${h.plan.cardNumber}/${p.group.code}`,
                    lapsed: p.stoppedDaysAgo !== null,
                })),
        );
        expect(pairs.length).toBeGreaterThan(50);
        for (const pair of pairs) expect(stats.has(pair.key), pair.key).toBe(true);
        const lapsed = pairs.filter((p) => p.lapsed);
        expect(lapsed.length).toBeGreaterThan(5);
        for (const pair of lapsed) {
            const row = stats.get(pair.key)!;
            expect(refillInternals(refill).database.time(row.last_at).getTime()).toBeLessThan(
                NOW.getTime() - 60 * DAY,
            );
            expect(Number(row.purchase_count)).toBeGreaterThanOrEqual(3);
        }
    });

    it('adds nothing when seeded a second time', async () => {
        const before = await counts();
        const again = await seedDemoChain(refill, OPTIONS);
        expect(again).toMatchObject({ receipts: 0, lines: 0, receiptsSkipped: receipts.length, rejected: 0 });
        expect(await counts()).toEqual(before);
    });
});
