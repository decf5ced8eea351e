import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefillError } from '../../../plugin/index.js';
import { createApp } from '../../helpers/create-app.js';
import { expectLedgerConsistent } from '../../helpers/ledger-invariants.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

/*
 * Store desk actions racing the till on the same customer, round after round.
 * The desk takes the customer's row lock first, as every ledger write path
 * does: a sale either commits before a replacement or a block (and counts),
 * or is refused after it (and writes nothing); a debit and a spend never
 * overdraw. MariaDB is where the locks matter; SQLite serialises whole
 * transactions and must give the same answers.
 */

const ROUNDS = 12;
const SALES = 6;

const line = { sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: 40_000 };

describe.each(engines)('store desk actions racing the till on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-03-01T10:00:00.000Z'));
    beforeAll(async () => {
        t = await startTestRefill(engine, 'desk_races', { poolSize: 20, clock: clock.fn });
    });
    afterAll(async () => t?.close());

    const sale = (receiptId: string, card: string, redeem = 0) =>
        t.refill.hooks.commitPurchase({
            receiptId,
            cardNumber: card,
            storeCode: 'S1',
            purchasedAt: clock.fn(),
            redeem,
            lines: [line],
        });
    const credit = (card: string, amount: number) =>
        t.internals.services.adjustments.adjust({
            cardNumber: card,
            amount,
            reason: 'setup',
            author: 'test',
        });
    const customer = (card: string) =>
        t.internals.repositories.customers.findByCard(t.internals.database, card);
    const refusedAs = (r: PromiseSettledResult<unknown>, code: string) =>
        r.status === 'rejected' && r.reason instanceof RefillError && r.reason.code === code;
    /** What a sale that landed added to the balance (earned less spent). */
    const netOf = (r: PromiseSettledResult<unknown>) => {
        const v = (r as PromiseFulfilledResult<{ earned: number; redeemed: number }>).value;
        return v.earned - v.redeemed;
    };
    const purchasesOf = async (customerId: number) =>
        Number(
            (
                await t.internals.database.all<{ n: unknown }>(
                    'SELECT COUNT(*) AS n FROM refill_purchases WHERE customer_id = ?',
                    [customerId],
                )
            )[0].n,
        );

    it('replace × sales on the old card: every sale lands before the replacement or is refused; balance exact', async () => {
        for (let round = 0; round < ROUNDS; round++) {
            const [oldCard, newCard] = [`RP-${round}-A`, `RP-${round}-B`];
            await t.refill.hooks.upsertCustomer(oldCard, {});
            await credit(oldCard, 10_000);
            const id = (await customer(oldCard))!.id;
            const results = await Promise.allSettled([
                ...Array.from({ length: SALES }, (_, i) => sale(`RP-${round}-${i}`, oldCard, 500)),
                t.internals.services.cardReplacements.replace({
                    cardNumber: oldCard,
                    newCardNumber: newCard,
                    reason: 'card lost',
                    idempotencyKey: `race-key-${round}`,
                    actor: 'test',
                }),
            ]);
            const replaced = results.pop()!;
            expect(replaced.status).toBe('fulfilled');
            const landed = results.filter((r) => r.status === 'fulfilled');
            expect(landed.length + results.filter((r) => refusedAs(r, 'REFILL_CARD_REPLACED')).length).toBe(
                SALES,
            );
            // No sale after the replacement: none enrolled the old card again, every one that landed is the customer's.
            expect(await customer(oldCard)).toBeNull();
            const moved = (await customer(newCard))!;
            expect(moved.id).toBe(id);
            expect(await purchasesOf(id)).toBe(landed.length);
            const net = landed.reduce((s, r) => s + netOf(r), 0);
            expect(moved.balance + moved.pending).toBe(10_000 + net);
            await expectLedgerConsistent(t.refill, newCard);
        }
    });

    it('replace × replace with one key: one replacement, both answer the moved customer', async () => {
        for (let round = 0; round < 4; round++) {
            const [oldCard, newCard] = [`RR-${round}-A`, `RR-${round}-B`];
            await t.refill.hooks.upsertCustomer(oldCard, {});
            const request = {
                cardNumber: oldCard,
                newCardNumber: newCard,
                reason: 'card lost',
                idempotencyKey: `twice-key-${round}`,
                actor: 'test',
            };
            const both = await Promise.all([
                t.internals.services.cardReplacements.replace(request),
                t.internals.services.cardReplacements.replace(request),
            ]);
            expect(both.map((r) => r.customer.cardNumber)).toEqual([newCard, newCard]);
            expect(both.map((r) => r.replayed).sort()).toEqual([false, true]);
            const rows = await t.internals.database.all(
                'SELECT id FROM refill_card_replacements WHERE old_card_number = ?',
                [oldCard],
            );
            expect(rows).toHaveLength(1);
        }
    });

    it('block × sales: every sale lands before the block or is refused; balance exact', async () => {
        for (let round = 0; round < ROUNDS; round++) {
            const card = `BS-${round}`;
            await t.refill.hooks.upsertCustomer(card, {});
            await credit(card, 10_000);
            const results = await Promise.allSettled([
                ...Array.from({ length: SALES }, (_, i) => sale(`BS-${round}-${i}`, card, 500)),
                t.internals.services.customerDesk.block(card, 'fraud', 'test'),
            ]);
            expect(results.pop()!.status).toBe('fulfilled');
            const landed = results.filter((r) => r.status === 'fulfilled');
            expect(landed.length + results.filter((r) => refusedAs(r, 'REFILL_CARD_BLOCKED')).length).toBe(
                SALES,
            );
            const blocked = (await customer(card))!;
            expect(blocked.blockedAt).not.toBeNull();
            expect(await purchasesOf(blocked.id)).toBe(landed.length);
            const net = landed.reduce((s, r) => s + netOf(r), 0);
            expect(blocked.balance + blocked.pending).toBe(10_000 + net);
            await expectLedgerConsistent(t.refill, card);
        }
    });

    it('a desk debit through the admin API × a sale spending the same bonuses: never negative', async () => {
        const api = request(createApp(t.refill));
        const token = await t.internals.services.adminTokens.create('race-admin', 'admin', 'test');
        for (let round = 0; round < ROUNDS; round++) {
            const card = `DS-${round}`;
            await t.refill.hooks.upsertCustomer(card, {});
            await credit(card, 10_000);
            // Each wants 8,000 of the 10,000: exactly one of them gets it.
            const [debit, spend] = await Promise.allSettled([
                api
                    .post(`/admin/v1/customers/${card}/adjustments`)
                    .set({ Authorization: `Bearer ${token}` })
                    .send({ amount: -8_000, reason: 'correction', idempotencyKey: `debit-key-${round}` }),
                sale(`DS-${round}-W`, card, 8_000),
            ]);
            expect(debit.status).toBe('fulfilled');
            const debited = debit.status === 'fulfilled' && debit.value.status === 201;
            if (!debited && debit.status === 'fulfilled')
                expect(debit.value.body.error.code).toBe('REFILL_INSUFFICIENT_BALANCE');
            expect(debited).toBe(spend.status === 'rejected');
            if (spend.status === 'rejected')
                expect(refusedAs(spend, 'REFILL_REDEEM_EXCEEDS_LIMIT')).toBe(true);
            expect((await customer(card))!.balance).toBeGreaterThanOrEqual(2_000);
            await expectLedgerConsistent(t.refill, card);
        }
    });
});
