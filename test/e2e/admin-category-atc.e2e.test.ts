import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRecord, ReceiptImportRecord } from '../../plugin/modules/import/history-import.types.js';
import { MS_PER_DAY } from '../../plugin/kernel/units/time.js';
import { adminAgent, type AdminAgent } from '../helpers/admin-agent.js';
import { createApp } from '../helpers/create-app.js';
import { C10, statinHistory } from '../helpers/statin-history.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

/*
 * The category editor's HTTP side: the ATC autocomplete (prefixes with their
 * products and 12-month buyers, counted in SQL), the category list's reach,
 * and what the routes refuse (bad input with its field path, the analyst's
 * writes).
 */

const receipts = (records: readonly ImportRecord[]) =>
    records.filter((r): r is ReceiptImportRecord => r.type === 'receipt');

/** Distinct cards with a line whose ATC code starts with `prefix` on or after `since` (from the records). */
function buyersOf(records: readonly ImportRecord[], prefix: string, since: Date): number {
    const cards = receipts(records)
        .filter((r) => r.purchasedAt >= since && r.lines.some((l) => l.atc?.startsWith(prefix)))
        .map((r) => r.cardNumber);
    return new Set(cards).size;
}

/** Net revenue of the lines whose ATC code starts with `prefix` (from the records). */
function revenueOf(records: readonly ImportRecord[], prefix: string): number {
    return receipts(records)
        .flatMap((r) => r.lines)
        .filter((l) => l.atc?.startsWith(prefix))
        .reduce((sum, l) => sum + l.amount, 0);
}

const product = (sku: string, atc: string) => ({
    sku,
    name: sku,
    atc,
    accrualRateBp: null,
    excludedFromAccrual: false,
    excludedFromRedemption: false,
    prescriptionOnly: true,
});

describe.each(engines)('the category editor’s API on %s', (engine) => {
    const clock = new TestClock(new Date('2026-06-15T09:00:00.000Z'));
    const since = new Date(clock.now.getTime() - 365 * MS_PER_DAY);
    let t: TestRefill;
    let app: Express;
    let marketer: AdminAgent;
    let analyst: AdminAgent;
    let records: ImportRecord[];

    beforeAll(async () => {
        t = await startTestRefill(engine, 'category_atc_api', { clock: clock.fn });
        app = createApp(t.refill);
        marketer = await adminAgent(t, app, 'mark', 'marketer');
        analyst = await adminAgent(t, app, 'alex', 'analyst');
        const { catalog, history } = t.internals.services;
        await catalog.upsertCategories([C10]);
        await catalog.upsertProducts([
            product('ATOR-20', 'C10AA05'),
            product('ATOR-40', 'C10AA05'),
            product('ROSU-10', 'C10AA07'),
            product('EZE-10', 'C10AX09'),
            product('FENO-145', 'C10AB05'),
        ]);
        // A fenofibrate buyer from 400 days ago: the product counts, the buyer is older than 12 months.
        records = [
            ...statinHistory(clock.fn()),
            { type: 'customer', cardNumber: '3900001' },
            {
                type: 'receipt',
                receiptId: 'OLD-1',
                cardNumber: '3900001',
                storeCode: 'S1',
                purchasedAt: new Date(clock.now.getTime() - 400 * MS_PER_DAY),
                lines: [
                    { sku: 'FENO-145', name: 'Fenofibrate', atc: 'C10AB05', quantity: 1, amount: 41_000 },
                ],
            },
        ];
        await history.importRecords(records);
    });
    afterAll(async () => t?.close());

    it('answers the catalogue’s prefixes starting with the typed text, shorter levels first, with products and 12-month buyers', async () => {
        const res = await analyst.agent.get('/admin/v1/catalog/atc').query({ prefix: 'c10', limit: 6 });
        expect(res.status).toBe(200);
        expect(res.body.suggestions).toEqual([
            { prefix: 'C10', level: 2, products: 5, buyers: buyersOf(records, 'C10', since) },
            { prefix: 'C10A', level: 3, products: 5, buyers: buyersOf(records, 'C10A', since) },
            { prefix: 'C10AA', level: 4, products: 3, buyers: buyersOf(records, 'C10AA', since) },
            { prefix: 'C10AB', level: 4, products: 1, buyers: 0 },
            { prefix: 'C10AX', level: 4, products: 1, buyers: buyersOf(records, 'C10AX', since) },
            { prefix: 'C10AA05', level: 5, products: 2, buyers: buyersOf(records, 'C10AA05', since) },
        ]);
        expect(buyersOf(records, 'C10', since)).toBe(30);
        expect(buyersOf(records, 'C10AX', since)).toBeGreaterThan(0);
        expect(buyersOf(records, 'C10AX', since)).toBeLessThan(30);

        const deeper = await marketer.agent.get('/admin/v1/catalog/atc').query({ prefix: 'C10AX' });
        expect(deeper.body.suggestions.map((s: { prefix: string }) => s.prefix)).toEqual([
            'C10AX',
            'C10AX09',
        ]);
        const other = await marketer.agent.get('/admin/v1/catalog/atc').query({ prefix: 'C09' });
        expect(other.body.suggestions[0]).toEqual({
            prefix: 'C09',
            level: 2,
            products: 1,
            buyers: buyersOf(records, 'C09', since),
        });
        const none = await marketer.agent.get('/admin/v1/catalog/atc').query({ prefix: 'N06' });
        expect(none.body.suggestions).toEqual([]);
    });

    it('refuses a prefix that is not the start of an ATC code, or a bad limit, with the field’s path', async () => {
        for (const query of [
            { prefix: 'C1%' },
            { prefix: '_' },
            { prefix: 'C10AA05X' },
            { prefix: '' },
            {},
        ]) {
            const res = await marketer.agent.get('/admin/v1/catalog/atc').query(query);
            expect(res.status, JSON.stringify(query)).toBe(400);
            expect(res.body.error.code).toBe('REFILL_VALIDATION');
            expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['prefix']);
        }
        const limit = await marketer.agent.get('/admin/v1/catalog/atc').query({ prefix: 'C', limit: 0 });
        expect(limit.status).toBe(400);
        expect(limit.body.error.details.map((d: { path: string }) => d.path)).toEqual(['limit']);
        expect((await request(app).get('/admin/v1/catalog/atc').query({ prefix: 'C' })).status).toBe(401);
    });

    it('lists each category’s reach: 12-month buyers, net revenue in minor units, lapsed today', async () => {
        const res = await analyst.agent.get('/admin/v1/categories');
        expect(res.status).toBe(200);
        const c10 = res.body.categories.find((c: { code: string }) => c.code === 'C10');
        expect(c10.reach).toEqual({
            buyers: buyersOf(records, 'C10', since),
            revenue: revenueOf(records, 'C10') - 41_000,
            lapsedBuyers: 17,
        });
        const bare = await analyst.agent.get('/admin/v1/categories').query({ reach: 'false' });
        expect(bare.body.categories.every((c: { reach: unknown }) => c.reach === null)).toBe(true);
        const bad = await analyst.agent.get('/admin/v1/categories').query({ reach: 'maybe' });
        expect(bad.status).toBe(400);
        expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['reach']);
    });

    it('refuses a bad category with each field’s path, and the analyst’s writes', async () => {
        const bad = await marketer.write('put', '/admin/v1/categories/N06A').send({
            name: 'Antidepressants',
            atcPrefixes: ['N0%'],
            refillIntervalDays: 0,
            seasonalMonths: [13],
        });
        expect(bad.status).toBe(400);
        expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
            'atcPrefixes[0]',
            'refillIntervalDays',
            'seasonalMonths[0]',
        ]);
        const body = { name: 'Antidepressants', atcPrefixes: ['N06A'], refillIntervalDays: 30 };
        const put = await analyst.write('put', '/admin/v1/categories/N06A').send(body);
        expect(put.status).toBe(403);
        expect(put.body.error.code).toBe('REFILL_FORBIDDEN');
        expect((await analyst.write('post', '/admin/v1/categories/C10/rebuild')).status).toBe(403);
        expect((await analyst.agent.get('/admin/v1/categories/N06A')).status).toBe(404);
        const taken = await marketer
            .write('put', '/admin/v1/categories/LIPIDS')
            .send({ name: 'Lipids', atcPrefixes: ['N06A', 'C10'] });
        expect(taken.status).toBe(409);
        expect(taken.body.error.details).toEqual([
            expect.objectContaining({ path: 'atcPrefixes[1]', category: 'C10' }),
        ]);
    });
});
