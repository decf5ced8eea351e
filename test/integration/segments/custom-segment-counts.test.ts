import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SegmentRule } from '../../../plugin/modules/segments/index.js';
import { seedSegmentCustomers } from '../../helpers/custom-segment-fixtures.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

/*
 * Counts of rules against a small hand-made population, on both engines
 * (MariaDB with NO_BACKSLASH_ESCAPES added to its sql_mode, as the whole
 * suite runs it): each expectation is worked out by hand from the seed.
 */

const SKU = "O'Hara\\%_"; // a quote, a backslash and both LIKE wildcards

describe.each(engines)('custom segment counts on %s', (engine) => {
    let t: TestRefill;
    let ids: Record<string, number>;
    let s1: number;
    let s2: number;
    const clock = new TestClock(new Date('2026-06-01T12:00:00.000Z'));

    /** The cards (c1…c6) the rule selects, in id order. */
    async function members(rule: SegmentRule): Promise<string[]> {
        const { count } = await t.internals.services.customSegments.preview(rule);
        const created = await t.internals.services.customSegments.create(
            { name: `probe ${Math.random()}`, rule },
            'test',
        );
        const found: number[] = [];
        for (let after = 0; ;) {
            const page = await t.internals.services.segmentMembers.membersOf(
                { segmentId: created.id },
                after,
                2,
            );
            found.push(...page);
            if (page.length < 2) break;
            after = page[page.length - 1];
        }
        await t.internals.services.customSegments.archive(created.id, 'test');
        const byId = Object.fromEntries(Object.entries(ids).map(([card, id]) => [id, card]));
        expect(found.length).toBe(count);
        return found.map((id) => byId[id]);
    }

    beforeAll(async () => {
        t = await startTestRefill(engine, 'custom_segment_counts', { clock: clock.fn });
        const { stores } = t.internals.services;
        s1 = (
            await stores.put('S1', { name: 'Pharmacy 1', location: { lat: 55.7558, lon: 37.6173 } }, 'test')
        ).store.id;
        s2 = (
            await stores.put('S2', { name: 'Pharmacy 2', location: { lat: 55.7658, lon: 37.6173 } }, 'test')
        ).store.id;
        const [c09] = await t.internals.database.all<{ id: number }>(
            `SELECT id FROM refill_categories WHERE code = ?`,
            ['C09'],
        );
        const odd = { sku: SKU, amount: 500 };
        ids = await seedSegmentCustomers(t.internals.database, clock.now, [
            {
                card: 'c1',
                phone: '+79990000001',
                balance: 1000,
                purchases: [
                    { daysAgo: 1, storeId: s1, total: 500, lines: [odd] },
                    { daysAgo: 2, storeId: s1, total: 500, lines: [odd] },
                    { daysAgo: 3, storeId: s1, total: 500, lines: [odd] },
                    { daysAgo: 200, storeId: s2, total: 100 },
                ],
                consents: [{ purpose: 'marketing', channel: 'sms', granted: true }],
            },
            {
                card: 'c2',
                email: 'c2@example.com',
                balance: 50,
                purchases: [
                    {
                        daysAgo: 10,
                        storeId: s2,
                        total: 3000,
                        lines: [
                            { sku: 'LOSARTAN-50', atc: 'C09CA01', categoryId: Number(c09.id), amount: 3000 },
                        ],
                    },
                ],
                lots: [{ remaining: 300, expiresInDays: 5 }],
                consents: [
                    { purpose: 'marketing', channel: 'email', granted: true },
                    { purpose: 'service', channel: 'email', granted: false },
                ],
            },
            {
                card: 'c3',
                phone: '+79990000003',
                cardForm: 'virtual',
                consents: [{ purpose: 'marketing', channel: 'sms', granted: false }],
            },
            {
                card: 'c4',
                blocked: true,
                balance: 5000,
                phone: '+79990000004',
                purchases: [1, 2, 3, 4, 5].map((d) => ({
                    daysAgo: d,
                    storeId: s1,
                    total: 900,
                    lines: [odd],
                })),
                consents: [{ purpose: 'marketing', channel: 'sms', granted: true }],
            },
            {
                card: 'c5',
                purchases: [
                    { daysAgo: 400, storeId: s1, total: 100 },
                    { daysAgo: 401, storeId: s1, total: 100 },
                    { daysAgo: 100, storeId: s2, total: 100 },
                ],
            },
            {
                card: 'c6',
                purchases: [
                    { daysAgo: 20, storeId: s1, total: 100 },
                    { daysAgo: 5, storeId: s2, total: 100 },
                ],
            },
        ]);
        const refreshed = await t.internals.services.homeStores.refresh();
        expect(refreshed.homeStores).toBe(5);
        // Idempotent: a second run writes the same rows.
        await t.internals.services.homeStores.refresh();
    });
    afterAll(async () => t?.close());

    it('computes home stores: most receipts in 12 months, ties to the latest', async () => {
        const rows = await t.internals.database.all<{
            customer_id: number;
            store_id: number;
            purchases: number;
        }>(`SELECT customer_id, store_id, purchases FROM refill_customer_home_stores ORDER BY customer_id`);
        expect(rows.map((r) => [Number(r.customer_id), Number(r.store_id), Number(r.purchases)])).toEqual([
            [ids.c1, s1, 3],
            [ids.c2, s2, 1],
            [ids.c4, s1, 5],
            [ids.c5, s2, 1],
            [ids.c6, s2, 1],
        ]);
    });

    it('matches SKUs exactly, quotes, backslashes and wildcards included; never blocked cards', async () => {
        expect(await members({ type: 'purchases', skus: [SKU] })).toEqual(['c1']);
        expect(await members({ type: 'purchases', skus: ["O'Hara%"] })).toEqual([]);
        expect(await members({ type: 'purchases', skus: ['O_Hara\\%_'] })).toEqual([]);
        expect(await members({ type: 'purchases', atcPrefixes: ['C09'] })).toEqual(['c2']);
        expect(await members({ type: 'purchases', atcPrefixes: ['C0'] })).toEqual(['c2']);
        expect(await members({ type: 'purchases', categoryIds: [999] })).toEqual([]);
    });

    it('counts and sums receipts within a span, from zero for upper bounds', async () => {
        expect(await members({ type: 'purchases', countMax: 1 })).toEqual(['c2', 'c3']);
        expect(await members({ type: 'purchases', withinDays: 30, countMin: 2 })).toEqual(['c1', 'c6']);
        expect(await members({ type: 'purchases', withinDays: 30, amountMin: 1500 })).toEqual(['c1', 'c2']);
        expect(await members({ type: 'purchases', skus: [SKU], amountMin: 1500, amountMax: 1500 })).toEqual([
            'c1',
        ]);
        expect(await members({ type: 'recency', maxDays: 7 })).toEqual(['c1', 'c6']);
        expect(await members({ type: 'recency', minDays: 8 })).toEqual(['c2', 'c5']);
        expect(await members({ type: 'purchaseCount', min: 3 })).toEqual(['c1', 'c5']);
    });

    it('reads balances, burning bonuses, consents, reachability and card forms', async () => {
        expect(await members({ type: 'balance', min: 100 })).toEqual(['c1']);
        expect(await members({ type: 'burning', amountMin: 300, withinDays: 7 })).toEqual(['c2']);
        expect(await members({ type: 'burning', amountMin: 300, withinDays: 3 })).toEqual([]);
        expect(
            await members({ type: 'consent', purpose: 'marketing', channel: 'sms', granted: true }),
        ).toEqual(['c1']);
        expect(
            await members({ type: 'consent', purpose: 'marketing', channel: 'sms', granted: false }),
        ).toEqual(['c2', 'c3', 'c5', 'c6']);
        // Service consent follows marketing until the two part.
        expect(await members({ type: 'consent', purpose: 'service', channel: 'sms', granted: true })).toEqual(
            ['c1'],
        );
        expect(
            await members({ type: 'consent', purpose: 'service', channel: 'email', granted: true }),
        ).toEqual([]);
        expect(
            await members({ type: 'reachable', purpose: 'marketing', channels: ['sms', 'email'] }),
        ).toEqual(['c1', 'c2']);
        expect(await members({ type: 'cardForm', forms: ['virtual'] })).toEqual(['c3']);
    });

    it('selects by home store and by distance from a store, and combines with all/any/not', async () => {
        expect(await members({ type: 'homeStore', storeIds: [s2] })).toEqual(['c2', 'c5', 'c6']);
        expect(await members({ type: 'homeStoreNear', storeId: s1, km: 1.5 })).toEqual([
            'c1',
            'c2',
            'c5',
            'c6',
        ]);
        expect(await members({ type: 'homeStoreNear', storeId: s1, km: 0.5 })).toEqual(['c1']);
        expect(await members({ not: { type: 'homeStore', storeIds: [s1] } })).toEqual([
            'c2',
            'c3',
            'c5',
            'c6',
        ]);
        expect(
            await members({
                all: [
                    { type: 'homeStoreNear', storeId: s1, km: 1.5 },
                    {
                        any: [
                            { type: 'balance', min: 100 },
                            { type: 'recency', maxDays: 7 },
                        ],
                    },
                ],
            }),
        ).toEqual(['c1', 'c6']);
    });

    it('reads lifecycle segments from the daily classification, and gives the sizes of saved segments', async () => {
        const reader = t.internals.services.segmentMembers;
        const day = '2026-03-01';
        await t.internals.database.run(
            'INSERT INTO refill_customer_lifecycle (customer_id, segment, since_day, classified_day, updated_at) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)',
            [ids.c1, 'regular', ids.c3, 'enrolled', ids.c4, 'regular'].flatMap((v, i) =>
                i % 2 === 1 ? [v, day, day, '2026-03-01 00:00:00.000'] : [v],
            ),
        );
        expect(await reader.membersOf({ lifecycle: 'regular' }, 0, 10)).toEqual([ids.c1]);
        expect([...(await reader.whichAreIn({ lifecycle: 'enrolled' }, [ids.c1, ids.c3]))]).toEqual([ids.c3]);
        const saved = await t.internals.services.customSegments.create(
            { name: 'Near S1', rule: { type: 'homeStoreNear', storeId: s1, km: 1.5 } },
            'test',
        );
        expect(await reader.sizes()).toContainEqual({ key: `custom:${saved.id}`, size: 4 });
        await t.internals.database.run('DELETE FROM refill_customer_lifecycle');
    });

    it('lets one of two concurrent saves of the same name win; the other is a 409 and writes nothing', async () => {
        const { customSegments } = t.internals.services;
        const input = { name: 'Race', rule: { type: 'balance', min: 1 } as SegmentRule };
        const results = await Promise.allSettled([
            customSegments.create(input, 'a'),
            customSegments.create(input, 'b'),
            customSegments.create(input, 'c'),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results.filter((r) => r.status === 'rejected'))
            expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'REFILL_CONFLICT' });
        const rows = await t.internals.database.all(`SELECT id FROM refill_segments WHERE name = ?`, [
            'Race',
        ]);
        expect(rows).toHaveLength(1);
    });
});
