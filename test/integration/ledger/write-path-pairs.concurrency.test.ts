import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefillError } from '../../../plugin/index.js';
import { expectLedgerConsistent } from '../../helpers/ledger-invariants.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

/*
 * Every pair of ledger write paths, run against each other on the same
 * customer, round after round. On MariaDB this is where a plain read before
 * the customer's row lock fixes a stale REPEATABLE READ snapshot (SQLite
 * serialises whole transactions and cannot show it). After every round:
 * balance = sum of open lots = ledger sum, and no return exceeds what was bought.
 */

const ROUNDS = 24;

const line = (sku: string, quantity: number, amount: number) => ({ sku, name: sku, quantity, amount });

describe.each(engines)('ledger write paths racing each other on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-03-01T10:00:00.000Z'));
    beforeAll(async () => {
        t = await startTestRefill(engine, 'write_pairs', { poolSize: 20, clock: clock.fn });
    });
    afterAll(async () => t?.close());

    const sale = (receiptId: string, card: string, lines: ReturnType<typeof line>[], redeem = 0) =>
        t.refill.hooks.commitPurchase({
            receiptId,
            cardNumber: card,
            storeCode: 'S1',
            purchasedAt: clock.fn(),
            redeem,
            lines,
        });
    const giveBack = (receiptId: string, returnId: string, sku: string, quantity: number) =>
        t.refill.hooks.recordReturn(receiptId, {
            returnId,
            storeCode: 'S1',
            lines: [{ sku, quantity }],
        });
    const balance = async (card: string) =>
        (await t.internals.repositories.customers.findByCard(t.internals.database, card))!.balance;

    /** Each line's returned quantity and the receipt's returned amount stay within what was bought. */
    async function expectReturnsWithinPurchase(receiptId: string): Promise<void> {
        const store = await t.internals.services.stores.identity('S1');
        const purchase = await t.internals.repositories.purchases.findByReceiptId(
            t.internals.database,
            store.storeId,
            receiptId,
        );
        const lines = await t.internals.repositories.purchases.findLines(t.internals.database, purchase!.id);
        for (const l of lines) {
            expect(l.returnedQuantityMilli).toBeLessThanOrEqual(l.quantityMilli);
            expect(l.returnedAmount).toBeLessThanOrEqual(l.amount);
            expect(l.reversedEarned).toBeLessThanOrEqual(l.earned);
            expect(l.refundedRedeemed).toBeLessThanOrEqual(l.redeemed);
        }
        const [row] = await t.internals.database.all<{ n: unknown; amount: unknown }>(
            'SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0) AS amount FROM refill_returns WHERE purchase_id = ?',
            [purchase!.id],
        );
        expect(Number(row.amount)).toBeLessThanOrEqual(purchase!.totalAmount);
    }

    const refusedAs = (r: PromiseSettledResult<unknown>, code: string) =>
        r.status === 'rejected' && r.reason instanceof RefillError && r.reason.code === code;

    it('return × return: two returns of the same spent-on line refund it once (30,000 not doubled)', async () => {
        for (let round = 0; round < ROUNDS; round++) {
            const card = `RR-${round}`;
            await sale(`RR-${round}-W1`, card, [line('PROMO-1', 1, 1_000_000)]);
            // W1 earned 10% (PROMO-1's own rate): 100,000. W2 spends 30,000 of it on a 60,000 line.
            await sale(`RR-${round}-W2`, card, [line('LOSARTAN-50', 1, 60_000)], 30_000);
            const before = await balance(card);
            const results = await Promise.allSettled([
                giveBack(`RR-${round}-W2`, `RR-${round}-A`, 'LOSARTAN-50', 1),
                giveBack(`RR-${round}-W2`, `RR-${round}-B`, 'LOSARTAN-50', 1),
            ]);
            expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
            expect(results.filter((r) => refusedAs(r, 'REFILL_RETURN_EXCEEDS_PURCHASE'))).toHaveLength(1);
            // The return gives back the 30,000 spent and takes back W2's own 900 earned (3% of 30,000 paid).
            expect(await balance(card)).toBe(before + 30_000 - 900);
            await expectReturnsWithinPurchase(`RR-${round}-W2`);
            await expectLedgerConsistent(t.refill, card);
        }
    });

    it('return × return: eight racing returns of a 4-pack receipt accept exactly four', async () => {
        for (let round = 0; round < 3; round++) {
            const card = `R8-${round}`;
            await sale(`R8-${round}-W`, card, [line('LOSARTAN-50', 4, 40_000)]);
            const results = await Promise.allSettled(
                Array.from({ length: 8 }, (_, i) =>
                    giveBack(`R8-${round}-W`, `R8-${round}-${i}`, 'LOSARTAN-50', 1),
                ),
            );
            expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
            expect(results.filter((r) => refusedAs(r, 'REFILL_RETURN_EXCEEDS_PURCHASE'))).toHaveLength(4);
            await expectReturnsWithinPurchase(`R8-${round}-W`);
            await expectLedgerConsistent(t.refill, card);
            expect(await balance(card)).toBe(0);
        }
    });

    it('return × sale: a return racing a sale of the same customer leaves balance = lots = ledger', async () => {
        for (let round = 0; round < ROUNDS; round++) {
            const card = `RS-${round}`;
            await sale(`RS-${round}-W1`, card, [line('PROMO-1', 1, 500_000)]);
            await sale(`RS-${round}-W2`, card, [line('LOSARTAN-50', 2, 60_000)], 20_000);
            const [ret, next] = await Promise.all([
                giveBack(`RS-${round}-W2`, `RS-${round}-R`, 'LOSARTAN-50', 1),
                sale(`RS-${round}-W3`, card, [line('LOSARTAN-50', 1, 40_000)], 10_000),
            ]);
            // What the slips print is what the ledger holds once both have committed.
            const final = await balance(card);
            expect([ret.balance.available, next.balance.available]).toContain(final);
            await expectReturnsWithinPurchase(`RS-${round}-W2`);
            await expectLedgerConsistent(t.refill, card);
        }
    });

    it('return × expiry: a return racing the expiry job never revives or double-burns a lot', async () => {
        for (let round = 0; round < ROUNDS; round++) {
            const card = `RE-${round}`;
            await sale(`RE-${round}-W1`, card, [line('PROMO-1', 1, 200_000)]);
            await t.internals.services.adjustments.adjust({
                cardNumber: card,
                amount: 5_000,
                reason: 'goodwill',
                author: 'test',
                lifetimeDays: 1,
            });
            await sale(`RE-${round}-W2`, card, [line('LOSARTAN-50', 1, 50_000)], 25_000);
            clock.advanceDays(2); // the goodwill lot (if anything is left of it) is now due to burn
            const [ret] = await Promise.all([
                giveBack(`RE-${round}-W2`, `RE-${round}-R`, 'LOSARTAN-50', 1),
                t.internals.services.maintenance.expireDue({ batchSize: 50 }),
            ]);
            expect(ret.refunded).toBe(25_000);
            await expectReturnsWithinPurchase(`RE-${round}-W2`);
            await expectLedgerConsistent(t.refill, card);
            const lots = await t.internals.repositories.lots.findAll(
                t.internals.database,
                (await t.internals.repositories.customers.findByCard(t.internals.database, card))!.id,
            );
            for (const lot of lots.filter((l) => l.expiresAt <= clock.now))
                expect(['expired', 'spent']).toContain(lot.state);
        }
    });

    it('sale × adjustment: a sale and a manual debit racing for the same bonuses never overdraw', async () => {
        for (let round = 0; round < ROUNDS; round++) {
            const card = `SA-${round}`;
            await t.refill.hooks.upsertCustomer(card, {});
            await t.internals.services.adjustments.adjust({
                cardNumber: card,
                amount: 10_000,
                reason: 'setup',
                author: 'test',
            });
            // Each wants 8,000 of the 10,000: exactly one of them gets it.
            const results = await Promise.allSettled([
                sale(`SA-${round}-W`, card, [line('LOSARTAN-50', 1, 40_000)], 8_000),
                t.internals.services.adjustments.adjust({
                    cardNumber: card,
                    amount: -8_000,
                    reason: 'correction',
                    author: 'test',
                }),
            ]);
            expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
            expect(
                results.filter(
                    (r) =>
                        refusedAs(r, 'REFILL_REDEEM_EXCEEDS_LIMIT') ||
                        refusedAs(r, 'REFILL_INSUFFICIENT_BALANCE'),
                ),
            ).toHaveLength(1);
            expect(await balance(card)).toBeGreaterThanOrEqual(2_000);
            await expectLedgerConsistent(t.refill, card);
        }
    });
});
