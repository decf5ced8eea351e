import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurchaseResult } from '../../../plugin/index.js';
import { expectLedgerConsistent } from '../../helpers/ledger-invariants.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

type Op =
    | { kind: 'sale'; amounts: number[]; redeemShare: number; skuPick: number }
    | { kind: 'return'; pick: number; line: number; quantity: number }
    | { kind: 'days'; days: number }
    | { kind: 'adjust'; amount: number };

const skus = ['LOSARTAN-50', 'PROMO-1', 'REG-1', 'OTHER'];
const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
        kind: fc.constant('sale' as const),
        amounts: fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: 1, maxLength: 4 }),
        redeemShare: fc.double({ min: 0, max: 1, noNaN: true }),
        skuPick: fc.nat(),
    }),
    fc.record({
        kind: fc.constant('return' as const),
        pick: fc.nat(),
        line: fc.nat(),
        quantity: fc.integer({ min: 1, max: 3 }),
    }),
    fc.record({ kind: fc.constant('days' as const), days: fc.integer({ min: 0, max: 40 }) }),
    fc.record({ kind: fc.constant('adjust' as const), amount: fc.integer({ min: -5000, max: 5000 }) }),
);

describe.each(engines)('ledger invariants on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock();
    let run = 0;
    beforeAll(async () => {
        t = await startTestRefill(engine, 'ledger_props', {
            clock: clock.fn,
            accrual: { pendingDays: 2, lifetimeDays: 30, baseRateBp: 500 },
            redemption: { refundLifetimeDays: 20 },
        });
    });
    afterAll(async () => t?.close());

    it('keeps balance = ledger sum = remaining lots for any sequence of sales, returns and expiries', async () => {
        await fc.assert(
            fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 20 }), async (ops) => {
                const card = `P${engine}${++run}`;
                const receipts: Array<{ result: PurchaseResult; qty: number[] }> = [];
                let n = 0;
                for (const o of ops) {
                    if (o.kind === 'days') clock.advanceDays(o.days);
                    if (o.kind === 'sale') {
                        const preview = await t.refill.hooks.preview({
                            cardNumber: card,
                            lines: o.amounts.map((amount, i) => ({
                                sku: skus[(o.skuPick + i) % 4],
                                name: 'x',
                                quantity: 2,
                                amount,
                            })),
                        });
                        const redeem = Math.floor(preview.maxRedeemable * o.redeemShare);
                        const result = await t.refill.hooks.commitPurchase({
                            receiptId: `${card}-${++n}`,
                            cardNumber: card,
                            storeCode: 'S1',
                            purchasedAt: clock.fn(),
                            redeem,
                            lines: o.amounts.map((amount, i) => ({
                                sku: skus[(o.skuPick + i) % 4],
                                name: 'x',
                                quantity: 2,
                                amount,
                            })),
                        });
                        expect(result.redeemed).toBe(redeem);
                        receipts.push({ result, qty: o.amounts.map(() => 2) });
                    }
                    if (o.kind === 'return' && receipts.length) {
                        const r = receipts[o.pick % receipts.length];
                        const line = o.line % r.qty.length;
                        const quantity = Math.min(o.quantity, r.qty[line]);
                        if (quantity === 0) continue;
                        await t.refill.hooks.recordReturn(r.result.receiptId, {
                            storeCode: 'S1',
                            returnId: `${card}-ret-${++n}`,
                            lines: [{ sku: r.result.lines[line].sku, quantity }],
                        });
                        // The same SKU may sit on several lines; keep the model in step with the plan's order.
                        let left = quantity;
                        r.result.lines.forEach((l, i) => {
                            if (l.sku !== r.result.lines[line].sku || left === 0) return;
                            const take = Math.min(left, r.qty[i]);
                            r.qty[i] -= take;
                            left -= take;
                        });
                    }
                    if (o.kind === 'adjust' && o.amount !== 0 && receipts.length) {
                        const balance = await t.refill.hooks.balance(card);
                        const amount = o.amount < 0 ? -Math.min(-o.amount, balance.available) : o.amount;
                        if (amount !== 0)
                            await t.internals.services.adjustments.adjust({
                                cardNumber: card,
                                amount,
                                reason: 'test',
                                author: 'prop',
                            });
                    }
                    await expectLedgerConsistent(t.refill, card);
                }
            }),
            { numRuns: engine === 'sqlite' ? 60 : 15 },
        );
    });
});
