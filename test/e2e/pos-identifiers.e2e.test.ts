import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../helpers/create-app.js';
import { expectLedgerConsistent } from '../helpers/ledger-invariants.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

/*
 * Identifiers mean the same on every engine (exact, case- and space-sensitive),
 * receipt and return ids are unique per store, and the largest receipt the API
 * documents commits, replays and returns on both engines.
 */

const now = () => new Date().toISOString();
const losartan = { sku: 'LOSARTAN-50', name: 'Losartan 50mg', quantity: 1, amount: 30_000 };

describe.each(engines)('POS identifiers on %s', (engine) => {
    let t: TestRefill;
    let app: Express;
    const as = (key: string) => ({ Authorization: `Bearer ${key}` });
    const commit = (key: string, body: Record<string, unknown>) =>
        request(app)
            .post('/pos/v1/receipts')
            .set(as(key))
            .send({ purchasedAt: now(), lines: [losartan], ...body });
    beforeAll(async () => {
        t = await startTestRefill(engine, 'pos_ids', { returns: { allowCrossStore: true } });
        app = createApp(t.refill);
    });
    afterAll(async () => t?.close());

    it('card numbers, receipt ids and return ids match exactly on every engine (CS-1 is not cs-1)', async () => {
        const upper = await commit(t.key, { receiptId: 'CS-1', cardNumber: 'CARD-AB', storeCode: 'S1' });
        expect(upper.status).toBe(201);
        // Another receipt id, another card: a new sale and a new customer, not a 409 or a replay.
        const lower = await commit(t.key, { receiptId: 'cs-1', cardNumber: 'card-ab', storeCode: 'S1' });
        expect(lower.status).toBe(201);
        expect(lower.body.enrolled).toBe(true);
        const customers = t.internals.repositories.customers;
        const a = await customers.findByCard(t.internals.database, 'CARD-AB');
        const b = await customers.findByCard(t.internals.database, 'card-ab');
        expect(a!.id).not.toBe(b!.id);
        expect(a!.purchaseCount).toBe(1);
        expect(await customers.findByCard(t.internals.database, 'Card-Ab')).toBeNull();
        // Below the API's validation too: a trailing space makes another identifier in the database.
        await customers.enrolIfMissing(t.internals.database, 'CARD-AB ', new Date(), null);
        expect((await customers.findByCard(t.internals.database, 'CARD-AB '))!.id).not.toBe(a!.id);

        const give = (receiptId: string, returnId: string) =>
            request(app)
                .post(`/pos/v1/receipts/${receiptId}/returns`)
                .set(as(t.key))
                .send({ returnId, lines: [{ sku: 'LOSARTAN-50', quantity: 1 }] });
        expect((await give('CS-1', 'RET-A')).status).toBe(201);
        expect((await give('cs-1', 'ret-a')).status).toBe(201);
        expect((await give('Cs-1', 'RET-B')).status).toBe(404);
        await expectLedgerConsistent(t.refill, 'CARD-AB');
        await expectLedgerConsistent(t.refill, 'card-ab');
    });

    it('receipt ids collide across stores no more: each store numbers its own receipts and returns', async () => {
        const b = await commit(t.otherKey, {
            receiptId: 'MSK-001-T3',
            cardNumber: 'CARD-ST',
            storeCode: 'S2',
        });
        expect(b.status).toBe(201);
        const a = await commit(t.key, { receiptId: 'MSK-001-T3', cardNumber: 'CARD-ST', storeCode: 'S1' });
        expect(a.status).toBe(201);
        // Retries replay within their own store.
        const replay = await commit(t.key, {
            receiptId: 'MSK-001-T3',
            cardNumber: 'CARD-ST',
            storeCode: 'S1',
            purchasedAt: a.body.purchasedAt,
        });
        expect(replay.status).toBe(200);
        expect(replay.headers['idempotent-replayed']).toBe('true');
        // The same return id in two stores: two returns, each of its own store's receipt.
        const body = { returnId: 'R-1', lines: [{ sku: 'LOSARTAN-50', quantity: 1 }] };
        const ra = await request(app).post('/pos/v1/receipts/MSK-001-T3/returns').set(as(t.key)).send(body);
        const rb = await request(app)
            .post('/pos/v1/receipts/MSK-001-T3/returns')
            .set(as(t.otherKey))
            .send(body);
        expect([ra.status, rb.status]).toEqual([201, 201]);
        const customer = await t.internals.repositories.customers.findByCard(t.internals.database, 'CARD-ST');
        expect(customer!.purchaseTotal).toBe(0);
        await expectLedgerConsistent(t.refill, 'CARD-ST');
    });

    it('a cross-store return names the store that sold the receipt', async () => {
        await commit(t.otherKey, { receiptId: 'XS-1', cardNumber: 'CARD-XS', storeCode: 'S2' });
        const give = (extra: Record<string, unknown>) =>
            request(app)
                .post('/pos/v1/receipts/XS-1/returns')
                .set(as(t.key))
                .send({ returnId: 'XS-R1', lines: [{ sku: 'LOSARTAN-50', quantity: 1 }], ...extra });
        expect((await give({})).status).toBe(404);
        const unknownStore = await give({ receiptStoreCode: 'NOPE' });
        expect(unknownStore.status).toBe(404);
        expect(unknownStore.body.error.code).toBe('REFILL_STORE_NOT_FOUND');
        const ok = await give({ receiptStoreCode: 'S2' });
        expect(ok.status).toBe(201);
        expect(ok.body.amount).toBe(30_000);
    });

    it('a 500-line receipt with long names commits, replays and returns on every engine', async () => {
        const name = 'Лозартан-Тева таблетки покрытые пленочной оболочкой 50 мг №30 '.repeat(5).slice(0, 255);
        const lines = Array.from({ length: 500 }, (_, i) => ({
            sku: `LONG-SKU-${String(i).padStart(4, '0')}-${'X'.repeat(40)}`,
            name,
            atc: 'C09CA01',
            quantity: 1.5,
            amount: 12_345 + i,
        }));
        const body = {
            receiptId: 'BIG-500',
            cardNumber: 'CARD-BIG',
            storeCode: 'S1',
            purchasedAt: now(),
            lines,
        };
        expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(250_000);
        const first = await request(app).post('/pos/v1/receipts').set(as(t.key)).send(body);
        expect(first.status).toBe(201);
        expect(first.body.lines).toHaveLength(500);
        // The stored response (far above 64 KB) replays whole.
        const again = await request(app).post('/pos/v1/receipts').set(as(t.key)).send(body);
        expect(again.status).toBe(200);
        expect(again.body).toEqual(first.body);
        const back = await request(app)
            .post('/pos/v1/receipts/BIG-500/returns')
            .set(as(t.key))
            .send({ returnId: 'BIG-R', lines: lines.map((l) => ({ sku: l.sku, quantity: 1.5 })) });
        expect(back.status).toBe(201);
        expect(back.body.lines).toHaveLength(500);
        const replayed = await request(app)
            .post('/pos/v1/receipts/BIG-500/returns')
            .set(as(t.key))
            .send({ returnId: 'BIG-R', lines: lines.map((l) => ({ sku: l.sku, quantity: 1.5 })) });
        expect(replayed.status).toBe(200);
        expect(replayed.body).toEqual(back.body);
        await expectLedgerConsistent(t.refill, 'CARD-BIG');
    });
});
