import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLedgerConsistent } from '../../helpers/ledger-invariants.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

describe.each(engines)('expiry and activation on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-01-01T09:00:00Z'));
    const cards = Array.from({ length: 12 }, (_, i) => `MNT-${1000 + i}`);
    const sale = (card: string, n: number) =>
        t.refill.hooks.commitPurchase({
            receiptId: `${card}-${n}`,
            cardNumber: card,
            storeCode: 'S1',
            purchasedAt: clock.fn(),
            lines: [{ sku: 'X', name: 'x', quantity: 1, amount: 10_000 }],
        });

    beforeAll(async () => {
        t = await startTestRefill(engine, 'maintenance', {
            clock: clock.fn,
            accrual: { lifetimeDays: 30, pendingDays: 3 },
        });
    });
    afterAll(async () => t?.close());

    it('activates matured lots and burns expired ones in batches, once', async () => {
        for (const card of cards) await sale(card, 1);
        clock.advanceDays(10);
        for (const card of cards.slice(0, 6)) await sale(card, 2);
        clock.advanceDays(1);

        const activated = await t.internals.services.maintenance.activateDue({ batchSize: 5 });
        // The first lots matured on day 3; the six customers who bought again on day 10 had theirs
        // activated by that sale, and their new lots stay pending until day 13.
        expect(activated).toMatchObject({
            customers: 6,
            lotsActivated: 6,
            bonusesActivated: 6 * 300,
            lotsExpired: 0,
        });
        expect((await t.internals.services.maintenance.activateDue()).customers).toBe(0);
        clock.advanceDays(3);
        expect((await t.internals.services.maintenance.activateDue()).lotsActivated).toBe(6);

        clock.advanceDays(17); // day 31: the first lots expired, the second ones (day 10 + 30) not yet
        const expired = await t.internals.services.maintenance.expireDue({ batchSize: 5 });
        expect(expired).toMatchObject({
            batches: 3,
            customers: 12,
            lotsExpired: 12,
            bonusesExpired: 12 * 300,
        });
        expect((await t.internals.services.maintenance.expireDue()).customers).toBe(0);
        for (const card of cards) await expectLedgerConsistent(t.refill, card);
        expect((await t.refill.hooks.balance(cards[0])).available).toBe(300);
        expect((await t.refill.hooks.balance(cards[11])).available).toBe(0);
    });

    it('resumes after a crash halfway without losing or doubling anything', async () => {
        clock.advanceDays(1);
        for (const card of cards) await sale(card, 3);
        clock.advanceDays(40);
        let batches = 0;
        await expect(
            t.internals.services.maintenance.expireDue({
                batchSize: 4,
                onBatch: () => {
                    if (++batches === 2) throw new Error('worker died');
                },
            }),
        ).rejects.toThrow('worker died');
        const rest = await t.internals.services.maintenance.expireDue({ batchSize: 4 });
        expect(rest.customers).toBe(4);
        const entries = await t.internals.database.all<{ n: unknown; s: unknown }>(
            `SELECT COUNT(*) AS n, SUM(amount) AS s FROM refill_ledger_entries WHERE kind = 'expiry'`,
        );
        // 12 first lots + 6 second lots + 12 third lots, each 300 bonuses, each burned exactly once.
        expect(Number(entries[0].n)).toBe(30);
        expect(Number(entries[0].s)).toBe(-30 * 300);
        for (const card of cards) await expectLedgerConsistent(t.refill, card);
    });
});
