import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, tableCounts } from '../helpers/create-app.js';
import { expectLedgerConsistent } from '../helpers/ledger-invariants.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

const now = () => new Date().toISOString();
const basket = [
    { sku: 'LOSARTAN-50', name: 'Losartan 50mg', quantity: 2, amount: 90_000 },
    { sku: 'VIT-C', name: 'Vitamin C', atc: 'A11GA01', quantity: 1, amount: 20_000 },
    { sku: 'REG-1', name: 'Regulated', quantity: 1, amount: 10_000 },
];

describe.each(engines)('POS API on %s', (engine) => {
    let t: TestRefill;
    let app: Express;
    const auth = () => ({ Authorization: `Bearer ${t.key}` });
    beforeAll(async () => {
        t = await startTestRefill(engine, 'pos_api');
        app = createApp(t.refill);
    });
    afterAll(async () => t?.close());

    describe('customers', () => {
        it('enrols with a normalised phone and consents, then updates', async () => {
            const res = await request(app)
                .put('/pos/v1/customers/2000001')
                .set(auth())
                .send({
                    phone: '8 (916) 123-45-67',
                    email: 'Anna@Example.com',
                    name: 'Anna',
                    timezone: 'Asia/Yekaterinburg',
                    consents: {
                        sms: { granted: true, at: '2026-01-10T09:00:00Z' },
                        email: { granted: false },
                    },
                });
            expect(res.status).toBe(201);
            // Stored normalised; shown to the till masked (pos.exposeContacts is off).
            const [stored] = await t.internals.database.all<{ phone: string; email: string }>(
                `SELECT phone, email FROM refill_customers WHERE card_number = '2000001'`,
            );
            expect(stored).toEqual({ phone: '+79161234567', email: 'anna@example.com' });
            expect(res.body).toMatchObject({
                cardNumber: '2000001',
                phone: '+7 916 ***-**-67',
                email: 'a***@example.com',
                timezone: 'Asia/Yekaterinburg',
                consents: {
                    sms: { granted: true, changedAt: '2026-01-10T09:00:00.000Z' },
                    email: { granted: false },
                },
            });
            const update = await request(app)
                .put('/pos/v1/customers/2000001')
                .set(auth())
                .send({ name: 'Anna K.', consents: { sms: { granted: false, at: '2025-12-01T00:00:00Z' } } });
            expect(update.status).toBe(200);
            expect(update.body.name).toBe('Anna K.');
            // A withdrawal always takes effect, even one dated before the stored grant.
            expect(update.body.consents.sms.granted).toBe(false);
            const regrant = await request(app)
                .put('/pos/v1/customers/2000001')
                .set(auth())
                .send({ consents: { sms: { granted: true, at: '2025-11-01T00:00:00Z' } } });
            // A grant older than the current state is not the latest act: ignored.
            expect(regrant.body.consents.sms.granted).toBe(false);
        });

        it('refuses bad fields with their paths', async () => {
            const res = await request(app)
                .put('/pos/v1/customers/2000002')
                .set(auth())
                .send({
                    email: 'not-an-email',
                    timezone: 'Mars/Olympus',
                    consents: { fax: { granted: true }, sms: { granted: 'yes' } },
                });
            expect(res.status).toBe(400);
            expect(res.body.error.code).toBe('REFILL_VALIDATION');
            expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
                'consents.fax',
                'consents.sms.granted',
                'email',
                'timezone',
            ]);
            const phone = await request(app)
                .put('/pos/v1/customers/2000002')
                .set(auth())
                .send({ phone: '12' });
            expect(phone.status).toBe(400);
            expect(phone.body.error.details[0].path).toBe('phone');
            const card = await request(app).put('/pos/v1/customers/x').set(auth()).send({});
            expect(card.status).toBe(400);
            expect(card.body.error.details[0].path).toBe('cardNumber');
            expect((await request(app).get('/pos/v1/customers/2000002/balance').set(auth())).status).toBe(
                404,
            );
        });
    });

    describe('receipts', () => {
        it('previews without writing anything', async () => {
            const before = await tableCounts(t.refill);
            const res = await request(app)
                .post('/pos/v1/receipts/preview')
                .set(auth())
                .send({ cardNumber: '2000001', lines: basket, redeem: 0 });
            expect(res.status).toBe(200);
            expect(res.body).toMatchObject({
                known: true,
                total: 120_000,
                eligibleForRedemption: 110_000,
                available: 0,
                maxRedeemable: 0,
                earned: 2700 + 1000,
            });
            expect(res.body.lines[2].reason).toMatchObject({ kind: 'excluded' });
            expect(await tableCounts(t.refill)).toEqual(before);
        });

        it('commits, replays a retry, refuses a changed body, and spends within limits', async () => {
            const body = {
                receiptId: 'E2E-1',
                cardNumber: '2000001',
                storeCode: 'S1',
                purchasedAt: now(),
                lines: basket,
            };
            const first = await request(app).post('/pos/v1/receipts').set(auth()).send(body);
            expect(first.status).toBe(201);
            expect(first.headers['idempotent-replayed']).toBe('false');
            expect(first.body).toMatchObject({
                total: 120_000,
                earned: 3700,
                redeemed: 0,
                balance: { available: 3700 },
            });
            const before = await tableCounts(t.refill);
            const retry = await request(app).post('/pos/v1/receipts').set(auth()).send(body);
            expect(retry.status).toBe(200);
            expect(retry.headers['idempotent-replayed']).toBe('true');
            expect(retry.body).toEqual(first.body);
            const changed = await request(app)
                .post('/pos/v1/receipts')
                .set(auth())
                .send({ ...body, lines: basket.slice(0, 1) });
            expect(changed.status).toBe(409);
            expect(changed.body.error.code).toBe('REFILL_RECEIPT_CONFLICT');
            expect(await tableCounts(t.refill)).toEqual(before);

            const tooMuch = await request(app)
                .post('/pos/v1/receipts')
                .set(auth())
                .send({ ...body, receiptId: 'E2E-2', redeem: 3701 });
            expect(tooMuch.status).toBe(422);
            expect(tooMuch.body.error).toMatchObject({
                code: 'REFILL_REDEEM_EXCEEDS_LIMIT',
                details: { maxRedeemable: 3700 },
            });
            expect(await tableCounts(t.refill)).toEqual(before);

            const spend = await request(app)
                .post('/pos/v1/receipts')
                .set(auth())
                .send({ ...body, receiptId: 'E2E-2', redeem: 3700 });
            expect(spend.status).toBe(201);
            expect(spend.body.redeemed).toBe(3700);
            expect(spend.body.lines.map((l: { redeemed: number }) => l.redeemed)).toEqual([3027, 673, 0]);
            await expectLedgerConsistent(t.refill, '2000001');
        });

        it('enrols an unknown card without consents', async () => {
            const res = await request(app)
                .post('/pos/v1/receipts')
                .set(auth())
                .send({
                    receiptId: 'E2E-NEW',
                    cardNumber: '2999999',
                    storeCode: 'S1',
                    purchasedAt: now(),
                    lines: basket.slice(0, 1),
                });
            expect(res.status).toBe(201);
            expect(res.body.enrolled).toBe(true);
            const customer = await request(app).get('/pos/v1/customers/2999999').set(auth());
            expect(customer.body.consents).toEqual({});
        });

        it('forbids committing for another store', async () => {
            const res = await request(app).post('/pos/v1/receipts').set(auth()).send({
                receiptId: 'E2E-S2',
                cardNumber: '2000001',
                storeCode: 'S2',
                purchasedAt: now(),
                lines: basket,
            });
            expect(res.status).toBe(403);
            expect(res.body.error.code).toBe('REFILL_FORBIDDEN');
        });

        it('shows balance, expiries and offers', async () => {
            await t.internals.services.offers.grant({
                cardNumber: '2000001',
                categoryCode: 'C09',
                kind: 'multiplier',
                multiplier: 5,
                validDays: 30,
                bonusLifetimeDays: 14,
            });
            const res = await request(app).get('/pos/v1/customers/2000001/balance').set(auth());
            expect(res.status).toBe(200);
            expect(res.body.offers).toHaveLength(1);
            expect(res.body.offers[0]).toMatchObject({ kind: 'multiplier', category: 'C09', multiplier: 5 });
            expect(res.body.expiries[0].amount).toBe(res.body.available);
            const preview = await request(app)
                .post('/pos/v1/receipts/preview')
                .set(auth())
                .send({ cardNumber: '2000001', lines: basket.slice(0, 1) });
            expect(preview.body.offers[0]).toMatchObject({
                kind: 'multiplier',
                category: 'C09',
                earned: 2700 * 4,
            });
            const sale = await request(app)
                .post('/pos/v1/receipts')
                .set(auth())
                .send({
                    receiptId: 'E2E-OFFER',
                    cardNumber: '2000001',
                    storeCode: 'S1',
                    purchasedAt: now(),
                    lines: basket.slice(0, 1),
                });
            expect(sale.body.earned).toBe(2700 * 5);
            expect(sale.body.offers).toHaveLength(1);
            const after = await request(app).get('/pos/v1/customers/2000001/balance').set(auth());
            expect(after.body.offers).toHaveLength(0);
            await expectLedgerConsistent(t.refill, '2000001');
        });
    });

    describe('returns', () => {
        it('reverses and refunds proportionally, replays, refuses too much', async () => {
            const res = await request(app)
                .post('/pos/v1/receipts/E2E-2/returns')
                .set(auth())
                .send({ returnId: 'RET-1', lines: [{ sku: 'LOSARTAN-50', quantity: 1 }] });
            expect(res.status).toBe(201);
            // Line 0 of E2E-2: 90,000 paid 3,027 with bonuses, earned 3% of 86,973 = 2,609.
            expect(res.body).toMatchObject({ amount: 45_000, reversed: 1304, refunded: 1513, shortfall: 0 });
            const retry = await request(app)
                .post('/pos/v1/receipts/E2E-2/returns')
                .set(auth())
                .send({ returnId: 'RET-1', lines: [{ sku: 'LOSARTAN-50', quantity: 1 }] });
            expect(retry.status).toBe(200);
            expect(retry.body).toEqual(res.body);
            const conflict = await request(app)
                .post('/pos/v1/receipts/E2E-2/returns')
                .set(auth())
                .send({ returnId: 'RET-1', lines: [{ sku: 'VIT-C', quantity: 1 }] });
            expect(conflict.status).toBe(409);
            const before = await tableCounts(t.refill);
            const tooMuch = await request(app)
                .post('/pos/v1/receipts/E2E-2/returns')
                .set(auth())
                .send({ returnId: 'RET-2', lines: [{ sku: 'LOSARTAN-50', quantity: 1.5 }] });
            expect(tooMuch.status).toBe(422);
            expect(tooMuch.body.error.code).toBe('REFILL_RETURN_EXCEEDS_PURCHASE');
            expect(await tableCounts(t.refill)).toEqual(before);
            const rest = await request(app)
                .post('/pos/v1/receipts/E2E-2/returns')
                .set(auth())
                .send({ returnId: 'RET-2', lines: [{ sku: 'LOSARTAN-50', quantity: 1 }] });
            expect(rest.body).toMatchObject({ reversed: 2609 - 1304, refunded: 3027 - 1513 });
            await expectLedgerConsistent(t.refill, '2000001');
        });

        it("404 for an unknown receipt, 403 for another store's receipt", async () => {
            const unknown = await request(app)
                .post('/pos/v1/receipts/NOPE/returns')
                .set(auth())
                .send({ returnId: 'RET-X', lines: [{ sku: 'A', quantity: 1 }] });
            expect(unknown.status).toBe(404);
            expect(unknown.body.error.code).toBe('REFILL_RECEIPT_NOT_FOUND');
            // Receipt ids are per store: another store's key does not see S1's receipt…
            const elsewhere = await request(app)
                .post('/pos/v1/receipts/E2E-1/returns')
                .set({ Authorization: `Bearer ${t.otherKey}` })
                .send({ returnId: 'RET-Y', lines: [{ sku: 'VIT-C', quantity: 1 }] });
            expect(elsewhere.status).toBe(404);
            // …and may not return it by naming the store, unless cross-store returns are allowed.
            const other = await request(app)
                .post('/pos/v1/receipts/E2E-1/returns')
                .set({ Authorization: `Bearer ${t.otherKey}` })
                .send({ returnId: 'RET-Y', receiptStoreCode: 'S1', lines: [{ sku: 'VIT-C', quantity: 1 }] });
            expect(other.status).toBe(403);
            expect(other.body.error.code).toBe('REFILL_FORBIDDEN');
        });
    });

    describe('bad requests change nothing', () => {
        it('401 without a valid key', async () => {
            expect((await request(app).get('/pos/v1/customers/2000001/balance')).status).toBe(401);
            const bad = await request(app)
                .get('/pos/v1/customers/2000001/balance')
                .set({ Authorization: 'Bearer rfk_nope' });
            expect(bad.status).toBe(401);
            expect(bad.body.error.code).toBe('REFILL_UNAUTHORIZED');
        });

        it('rejects malformed, mistyped, huge and oversized input with coded 4xx', async () => {
            const before = await tableCounts(t.refill);
            const post = (body: unknown) =>
                request(app)
                    .post('/pos/v1/receipts')
                    .set(auth())
                    .send(body as object);
            const malformed = await request(app)
                .post('/pos/v1/receipts')
                .set(auth())
                .set('Content-Type', 'application/json')
                .send('{"receiptId": ');
            expect(malformed.status).toBe(400);
            expect(malformed.body.error.code).toBe('REFILL_MALFORMED_JSON');

            const typed = await post({
                receiptId: 7,
                cardNumber: '2000001',
                storeCode: 'S1',
                purchasedAt: 'yesterday',
                lines: [{ sku: 'A', name: 'a', quantity: '1', amount: -5 }],
                redeem: 1.5,
            });
            expect(typed.status).toBe(400);
            expect(typed.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
                'lines[0].amount',
                'lines[0].quantity',
                'purchasedAt',
                'receiptId',
                'redeem',
            ]);
            const huge = await post({
                receiptId: 'HUGE',
                cardNumber: '2000001',
                storeCode: 'S1',
                purchasedAt: now(),
                lines: [{ sku: 'A', name: 'a', quantity: 1, amount: 1e15 }],
            });
            expect(huge.status).toBe(400);
            expect(huge.body.error.details[0].path).toBe('lines[0].amount');
            const total = await post({
                receiptId: 'TOTAL',
                cardNumber: '2000001',
                storeCode: 'S1',
                purchasedAt: now(),
                lines: Array.from({ length: 3 }, () => ({
                    sku: 'A',
                    name: 'a',
                    quantity: 1,
                    amount: 900_000_000,
                })),
            });
            expect(total.status).toBe(400);
            expect(total.body.error.details[0].path).toBe('lines');
            const future = await post({
                receiptId: 'FUTURE',
                cardNumber: '2000001',
                storeCode: 'S1',
                purchasedAt: new Date(Date.now() + 86_400_000).toISOString(),
                lines: basket,
            });
            expect(future.status).toBe(400);
            expect(future.body.error.details[0].path).toBe('purchasedAt');
            const empty = await post({
                receiptId: 'E',
                cardNumber: '2000001',
                storeCode: 'S1',
                purchasedAt: now(),
                lines: [],
            });
            expect(empty.status).toBe(400);
            const extra = await post({
                receiptId: 'E',
                cardNumber: '2000001',
                storeCode: 'S1',
                purchasedAt: now(),
                lines: basket,
                x: 1,
            });
            expect(extra.status).toBe(400);
            expect(extra.body.error.details[0].path).toBe('x');
            const big = await request(app)
                .post('/pos/v1/receipts')
                .set(auth())
                .set('Content-Type', 'application/json')
                .send(`{"receiptId":"${'x'.repeat(10 * 1024 * 1024)}"}`);
            expect(big.status).toBe(413);
            expect(big.body.error.code).toBe('REFILL_PAYLOAD_TOO_LARGE');
            const text = await request(app)
                .post('/pos/v1/receipts')
                .set(auth())
                .set('Content-Type', 'text/plain')
                .send('hello');
            expect(text.status).toBe(415);
            const route = await request(app).get('/pos/v1/nothing-here').set(auth());
            expect(route.status).toBe(404);
            expect(route.body.error.code).toBe('REFILL_ROUTE_NOT_FOUND');
            expect(await tableCounts(t.refill)).toEqual(before);
        });
    });
});

describe('POS API with unknown cards rejected', () => {
    it('answers 404 instead of enrolling', async () => {
        const t = await startTestRefill('sqlite', 'reject', { pos: { unknownCard: 'reject' } });
        try {
            const res = await request(createApp(t.refill))
                .post('/pos/v1/receipts')
                .set({ Authorization: `Bearer ${t.key}` })
                .send({
                    receiptId: 'R',
                    cardNumber: '3000001',
                    storeCode: 'S1',
                    purchasedAt: now(),
                    lines: basket,
                });
            expect(res.status).toBe(404);
            expect(res.body.error.code).toBe('REFILL_CUSTOMER_NOT_FOUND');
            expect((await tableCounts(t.refill)).refill_customers).toBe(0);
        } finally {
            await t.close();
        }
    });
});
