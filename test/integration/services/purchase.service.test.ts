import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

describe.each(engines)('purchases on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock();
    beforeAll(async () => {
        t = await startTestRefill(engine, 'purchase', { clock: clock.fn });
    });
    afterAll(async () => t?.close());

    it('commits a sale, earns per line and replays a retry', async () => {
        const input = {
            receiptId: 'R-1',
            cardNumber: '1000001',
            storeCode: 'S1',
            purchasedAt: clock.fn().toISOString(),
            lines: [
                { sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: 45000 },
                { sku: 'UNKNOWN', name: 'Vitamin C', atc: 'A11GA01', quantity: 2, amount: 20000 },
                { sku: 'REG-1', name: 'Regulated', quantity: 1, amount: 10000 },
            ],
        };
        const first = await t.refill.hooks.commitPurchase(input as never);
        expect(first.replayed).toBe(false);
        expect(first.enrolled).toBe(true);
        expect(first.lines.map((l) => l.earned)).toEqual([1350, 1000, 0]);
        expect(first.lines.map((l) => l.category)).toEqual(['C09', 'VIT', 'RX-REG']);
        expect(first.balance.available).toBe(2350);
        const again = await t.refill.hooks.commitPurchase(input as never);
        expect(again.replayed).toBe(true);
        expect(again.balance.available).toBe(2350);
        const balance = await t.refill.hooks.balance('1000001');
        expect(balance.available).toBe(2350);
    });
});
