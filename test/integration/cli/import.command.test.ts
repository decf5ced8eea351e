import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../plugin/cli/main.js';
import { historySourceKey } from '../../../plugin/modules/import/history-file.js';
import { createRefill, type Refill } from '../../../plugin/index.js';
import { refillInternals, type RefillInternals } from '../../../plugin/testing.js';

describe('refill import (CLI)', () => {
    let dir: string;
    let url: string;
    const file = (name: string, lines: string[]) => {
        const path = join(dir, name);
        writeFileSync(path, `${lines.join('\n')}\n`, 'utf8');
        return path;
    };
    async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(['--database-url', url, ...args], {
            out: (l) => out.push(l),
            err: (l) => err.push(l),
        });
        return { code, out, err };
    }
    async function withRefill<T>(fn: (refill: Refill, internals: RefillInternals) => Promise<T>): Promise<T> {
        const refill = createRefill({ databaseUrl: url, logLevel: 'silent' });
        await refill.start();
        try {
            return await fn(refill, refillInternals(refill));
        } finally {
            await refill.stop();
        }
    }
    const count = (refill: Refill, table: string) =>
        refillInternals(refill)
            .database.all<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`)
            .then((r) => Number(r[0].n));

    beforeAll(async () => {
        dir = mkdtempSync(join(tmpdir(), 'refill-cli-import-'));
        url = `sqlite:${join(dir, 'refill.sqlite')}`;
        expect((await cli('store', 'add', 'S1', '--name', 'Pharmacy 1')).code).toBe(0);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('imports the catalogue: categories with their rules, then products', async () => {
        const categories = file('categories.csv', [
            'code,name,atc_prefixes,skus,accrual_rate_bp,excluded_from_accrual,excluded_from_redemption,chronic,seasonal,refill_interval_days,lapse_after_days,min_purchases',
            'C09,Antihypertensives,C09,,,,,1,0,30,60,3',
            'VIT,Vitamins,A11,,500,,,,,,,',
        ]);
        const products = file('products.csv', [
            'sku,name,atc,accrual_rate_bp,excluded_from_accrual,excluded_from_redemption,prescription_only',
            'LOS-50,Losartan 50 mg,C09CA01,,0,0,1',
            'VIT-C,Vitamin C,A11GA01,,0,0,0',
            'BAD,,,,,,',
        ]);
        const run = await cli('import', 'catalog', products, '--categories', categories);
        expect(run.code).toBe(0);
        expect(run.out.at(-1)).toMatch(/^catalogue imported: 2 categories, 2 products, 1 rows rejected/);
        expect(run.err).toEqual(['products line 4: name is not allowed to be empty']);
        await withRefill(async (refill, internals) => {
            expect(await count(refill, 'refill_products')).toBe(2);
            expect((await internals.services.catalog.categoryByCode('C09'))?.chronic).toBe(true);
        });
    });

    it('imports customers and receipt lines from CSV, then skips them on a second run', async () => {
        const customers = file('customers.csv', [
            'card_number,phone,email,name,timezone,home_store,enrolled_at,consent_sms,consent_email,consent_push,consent_telegram,consent_viber,consent_whatsapp,opening_balance',
            '1000001,+79161234567,anna@example.com,Anna,Europe/Moscow,S1,2024-05-01,1,0,,,,,1500',
            '1000002,not-a-phone,,,,,,,,,,,,',
        ]);
        const receipts = file('receipts.csv', [
            'receipt_id,card_number,store_code,purchased_at,sku,name,atc,quantity,amount',
            'R-1,1000001,S1,2025-06-01T10:00:00Z,LOS-50,Losartan,,1,45000',
            'R-1,1000001,S1,2025-06-01T10:00:00Z,VIT-C,Vitamin C,,2,20000',
            'R-2,1000001,S1,2025-07-01T10:00:00Z,LOS-50,Losartan,,1,45000',
            'R-3,1000003,S1,2025-07-02T10:00:00Z,LOS-50,Losartan,,1,45000',
        ]);
        const first = await cli('import', 'history', customers, '--no-progress');
        expect(first.code).toBe(0);
        expect(first.out.at(-1)).toMatch(/1 customers, 0 receipts .* 1 rejected/);
        expect(first.err).toEqual(['line 3: phone is not a valid phone number']);

        const lines = await cli('import', 'history', receipts, '--no-progress', '--batch', '2');
        expect(lines.code).toBe(0);
        expect(lines.out.at(-1)).toMatch(
            /^history imported from receipts\.csv: 3 records read, 0 customers, 3 receipts \(4 lines\), 0 receipts already present, 0 rejected/,
        );
        const again = await cli('import', 'history', receipts, '--no-progress');
        expect(again.out.at(-1)).toMatch(
            /3 records read, 0 customers, 0 receipts \(0 lines\), 3 receipts already present/,
        );

        await withRefill(async (refill, internals) => {
            expect(await count(refill, 'refill_purchases')).toBe(3);
            expect(await count(refill, 'refill_purchase_lines')).toBe(4);
            expect(await count(refill, 'refill_customer_category_stats')).toBe(3);
            const anna = await refill.hooks.balance('1000001');
            expect(anna.available).toBe(1500);
            const annaRow = await internals.repositories.customers.findByCard(internals.database, '1000001');
            expect(annaRow).toMatchObject({ purchaseCount: 2, purchaseTotal: 110_000 });
            const [checkpoint] = await internals.database.all<{ lines_done: unknown; completed_at: unknown }>(
                `SELECT lines_done, completed_at FROM refill_import_checkpoints WHERE source_key = ?`,
                [await historySourceKey(receipts)],
            );
            expect(Number(checkpoint.lines_done)).toBe(3);
            expect(checkpoint.completed_at).not.toBeNull();
        });
    });

    it('resumes an NDJSON file from its checkpoint', async () => {
        const records = [1, 2, 3, 4].map((n) =>
            JSON.stringify({
                type: 'receipt',
                receiptId: `N-${n}`,
                cardNumber: '1000004',
                storeCode: 'S1',
                purchasedAt: `2025-08-0${n}T10:00:00Z`,
                lines: [{ sku: 'VIT-C', name: 'Vitamin C', quantity: 1, amount: 10000 }],
            }),
        );
        const path = file('history.ndjson', records);
        // As if an earlier run had committed the first two records and then died.
        await withRefill(async (refill, internals) => {
            await internals.database.run(
                `INSERT INTO refill_import_checkpoints (source_key, file_name, lines_done, receipts_imported, customers_imported, updated_at) VALUES (?, ?, 2, 2, 0, ?)`,
                [await historySourceKey(path), 'history.ndjson', '2026-01-01 00:00:00.000'],
            );
        });
        const run = await cli('import', 'history', path, '--no-progress');
        expect(run.code).toBe(0);
        expect(run.out[0]).toBe('resumed: the first 2 records were imported by an earlier run');
        expect(run.out.at(-1)).toMatch(/4 records read, 0 customers, 2 receipts/);
        await withRefill(async (refill, internals) => {
            expect(
                await internals.repositories.purchases.findByReceiptId(
                    internals.database,
                    (await internals.services.stores.identity('S1')).storeId,
                    'N-1',
                ),
            ).toBeNull();
            expect(
                await internals.repositories.purchases.findByReceiptId(
                    internals.database,
                    (await internals.services.stores.identity('S1')).storeId,
                    'N-4',
                ),
            ).not.toBeNull();
        });
    });

    it('refuses a file it cannot read with a coded error', async () => {
        const missing = await cli('import', 'history', join(dir, 'nope.ndjson'), '--no-progress');
        expect(missing.code).toBe(1);
        expect(missing.err.at(-1)).toMatch(/^error REFILL_NOT_FOUND/);
        const unknown = await cli('import', 'history', file('history.txt', ['x']), '--no-progress');
        expect(unknown.code).toBe(1);
        expect(unknown.err.at(-1)).toMatch(/^error REFILL_VALIDATION: Cannot tell the history format/);
        const forced = await cli(
            'import',
            'history',
            join(dir, 'history.txt'),
            '--format',
            'ndjson',
            '--no-progress',
        );
        expect(forced.code).toBe(0);
        expect(forced.out.at(-1)).toMatch(/1 records read.* 1 rejected/);
        expect(forced.err).toEqual(['line 1: is not valid JSON']);
    });
});
