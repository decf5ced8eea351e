import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../plugin/cli/main.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../../helpers/test-refill.js';

const DAY = 86_400_000;

describe.each(engines)('category reach on %s', (engine) => {
    let t: TestRefill;
    let dir: string;
    const reachOf = async (code: string) =>
        (await t.internals.services.categories.list()).find((c) => c.code === code)?.reach;

    beforeAll(async () => {
        t = await startTestRefill(engine, 'category_reach');
        dir = mkdtempSync(join(tmpdir(), 'refill-reach-'));
    });
    afterAll(async () => {
        await t?.close();
        rmSync(dir, { recursive: true, force: true });
    });

    it('category reach counts a history import at once, not after its ten-minute cache', async () => {
        expect(await reachOf('C09')).toEqual({ buyers: 0, revenue: 0, lapsedBuyers: 0 });
        // An operator imports history with the CLI (its own Refill) while this instance runs.
        const day = (n: number) => new Date(Date.now() - n * DAY).toISOString();
        const file = join(dir, 'receipts.csv');
        writeFileSync(
            file,
            [
                'receipt_id,card_number,store_code,purchased_at,sku,name,atc,quantity,amount',
                `R-1,5000001,S1,${day(100)},LOSARTAN-50,Losartan,,1,45000`,
                `R-2,5000001,S1,${day(70)},LOSARTAN-50,Losartan,,1,45000`,
                `R-3,5000002,S1,${day(20)},LOSARTAN-50,Losartan,,1,40000`,
            ].join('\n'),
        );
        const err: string[] = [];
        const code = await runCli(['--database-url', t.db.url, 'import', 'history', file, '--no-progress'], {
            out: () => undefined,
            err: (line) => err.push(line),
        });
        expect({ code, err }).toEqual({ code: 0, err: [] });
        expect(await reachOf('C09')).toEqual({ buyers: 2, revenue: 130_000, lapsedBuyers: 0 });

        // An import through this instance's own service too.
        await t.internals.services.history.importRecords([
            {
                type: 'receipt',
                receiptId: 'R-4',
                cardNumber: '5000003',
                storeCode: 'S1',
                purchasedAt: new Date(Date.now() - 5 * DAY),
                lines: [{ sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: 45_000 }],
            },
        ]);
        expect((await reachOf('C09'))?.buyers).toBe(3);
    });
});
