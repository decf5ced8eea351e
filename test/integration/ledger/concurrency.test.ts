import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefillError } from '../../../plugin/index.js';
import { expectLedgerConsistent } from '../../helpers/ledger-invariants.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../../helpers/test-refill.js';

const sale = (receiptId: string, cardNumber: string, redeem: number) => ({
    receiptId,
    cardNumber,
    storeCode: 'S1',
    purchasedAt: new Date(),
    redeem,
    lines: [{ sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: 10_000 }],
});

describe.each(engines)('concurrency on %s', (engine) => {
    let t: TestRefill;
    beforeAll(async () => {
        t = await startTestRefill(engine, 'concurrency', { poolSize: 20 });
    });
    afterAll(async () => t?.close());

    it('50 concurrent sales spending from one card never overdraw it', async () => {
        const card = 'CONC-1';
        await t.refill.hooks.upsertCustomer(card, {});
        await t.internals.services.adjustments.adjust({
            cardNumber: card,
            amount: 100_000,
            reason: 'setup',
            author: 'test',
        });
        // Each sale spends 3,000 and earns 3% of the other 7,000 (210): 50 × 2,790 > 100,000 available.
        const results = await Promise.allSettled(
            Array.from({ length: 50 }, (_, i) =>
                t.refill.hooks.commitPurchase(sale(`CONC-1-${i}`, card, 3_000)),
            ),
        );
        const accepted = results.filter((r) => r.status === 'fulfilled');
        const refused = results.filter((r) => r.status === 'rejected');
        for (const r of refused) {
            expect((r as PromiseRejectedResult).reason).toBeInstanceOf(RefillError);
            expect(((r as PromiseRejectedResult).reason as RefillError).code).toBe(
                'REFILL_REDEEM_EXCEEDS_LIMIT',
            );
        }
        expect(accepted.length).toBe(Math.floor((100_000 - 3_000) / 2_790) + 1);
        expect(refused.length).toBe(50 - accepted.length);
        const customer = await t.internals.repositories.customers.findByCard(t.internals.database, card);
        const entries = await t.internals.repositories.entries.findForCustomer(
            t.internals.database,
            customer!.id,
            1000,
        );
        const spent = -entries.filter((e) => e.kind === 'redemption').reduce((s, e) => s + e.amount, 0);
        expect(spent).toBe(accepted.length * 3_000);
        const earned = entries.filter((e) => e.kind === 'accrual').reduce((s, e) => s + e.amount, 0);
        expect(customer!.balance).toBe(100_000 - spent + earned);
        expect(customer!.balance).toBeGreaterThanOrEqual(0);
        expect(customer!.balance).toBeLessThan(3_000);
        await expectLedgerConsistent(t.refill, card);
    });

    it('the same receipt sent by two tills at once accrues exactly once', async () => {
        const card = 'CONC-2';
        for (let round = 0; round < 5; round++) {
            const input = sale(`CONC-2-${round}`, card, 0);
            const [a, b] = await Promise.all([
                t.refill.hooks.commitPurchase(input),
                t.refill.hooks.commitPurchase(input),
            ]);
            expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
            expect(a.earned).toBe(b.earned);
        }
        const customer = await t.internals.repositories.customers.findByCard(t.internals.database, card);
        const entries = await t.internals.repositories.entries.findForCustomer(
            t.internals.database,
            customer!.id,
            100,
        );
        expect(entries.filter((e) => e.kind === 'accrual')).toHaveLength(5);
        expect(customer!.purchaseCount).toBe(5);
        await expectLedgerConsistent(t.refill, card);
    });

    it('concurrent first sales of a new card enrol it once', async () => {
        const results = await Promise.all(
            Array.from({ length: 10 }, (_, i) =>
                t.refill.hooks.commitPurchase(sale(`CONC-3-${i}`, 'CONC-3', 0)),
            ),
        );
        expect(results.filter((r) => r.enrolled).length).toBeGreaterThanOrEqual(1);
        const customer = await t.internals.repositories.customers.findByCard(t.internals.database, 'CONC-3');
        expect(customer!.purchaseCount).toBe(10);
        await expectLedgerConsistent(t.refill, 'CONC-3');
    });
});
