import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../helpers/create-app.js';
import { expectLedgerConsistent } from '../helpers/ledger-invariants.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

const now = () => new Date().toISOString();
const basket = [{ sku: 'LOSARTAN-50', name: 'Losartan 50mg', quantity: 2, amount: 90_000 }];

describe.each(engines)('store desk actions on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let admin: string;
    let manager: string;
    let marketer: string;
    const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
    const pos = () => ({ Authorization: `Bearer ${t.key}` });
    const desk = (path: string) => `/loyalty/admin/v1/customers/${path}`;
    const sale = (card: string, receiptId: string, redeem = 0) =>
        api.post('/loyalty/pos/v1/receipts').set(pos()).send({
            receiptId,
            cardNumber: card,
            storeCode: 'S1',
            purchasedAt: now(),
            redeem,
            lines: basket,
        });
    const audit = (action: string) =>
        t.internals.database.all<{ actor: string; entity_id: string; details: string }>(
            'SELECT actor, entity_id, details FROM refill_audit_log WHERE action = ? ORDER BY id',
            [action],
        );
    /** No contact and no full card number ever reaches the audit log. */
    const expectMasked = (rows: Array<{ details: string }>, ...secrets: string[]) => {
        for (const row of rows) for (const secret of secrets) expect(row.details).not.toContain(secret);
    };
    const customerId = async (card: string) =>
        (await t.internals.repositories.customers.findByCard(t.internals.database, card))?.id;

    beforeAll(async () => {
        t = await startTestRefill(engine, 'store_desk');
        api = request(createApp(t.refill, '/loyalty'));
        const tokens = t.internals.services.adminTokens;
        admin = await tokens.create('ops', 'admin', 'test');
        manager = await tokens.create('desk-mgr', 'manager', 'test');
        marketer = await tokens.create('crm', 'marketer', 'test');
    });
    afterAll(async () => t?.close());

    describe('adjustments', () => {
        const CARD = '7100000001';
        beforeAll(async () => {
            expect((await sale(CARD, 'ADJ-0')).status).toBe(201);
        });

        it('validates with field paths and lets only admins and managers in', async () => {
            for (const [body, path] of [
                [{ amount: 0, reason: 'goodwill', idempotencyKey: 'adj-key-0001' }, 'amount'],
                [{ amount: '5', reason: 'goodwill', idempotencyKey: 'adj-key-0001' }, 'amount'],
                [{ amount: 5, idempotencyKey: 'adj-key-0001' }, 'reason'],
                [{ amount: 5, reason: 'goodwill', idempotencyKey: 'short' }, 'idempotencyKey'],
            ] as const) {
                const bad = await api
                    .post(desk(`${CARD}/adjustments`))
                    .set(bearer(admin))
                    .send(body);
                expect(bad.status).toBe(400);
                expect(bad.body.error.details[0].path).toBe(path);
            }
            const refused = await api
                .post(desk(`${CARD}/adjustments`))
                .set(bearer(marketer))
                .send({ amount: 5, reason: 'goodwill', idempotencyKey: 'adj-key-0001' });
            expect(refused.status).toBe(403);
            expect(refused.body.error.code).toBe('REFILL_FORBIDDEN');
        });

        it('limits managers to admin.managerAdjustmentLimit either way; admins are unlimited', async () => {
            for (const amount of [100_001, -100_001]) {
                const over = await api
                    .post(desk(`${CARD}/adjustments`))
                    .set(bearer(manager))
                    .send({ amount, reason: 'goodwill', idempotencyKey: `over-${amount}-key` });
                expect(over.status).toBe(403);
                expect(over.body.error).toMatchObject({
                    code: 'REFILL_ADJUSTMENT_LIMIT',
                    details: { limit: 100_000 },
                });
            }
            const big = await api
                .post(desk(`${CARD}/adjustments`))
                .set(bearer(admin))
                .send({ amount: 500_000, reason: 'complaint settled', idempotencyKey: 'adj-admin-0001' });
            expect(big.status).toBe(201);
            expect(big.body.replayed).toBe(false);
        });

        it('a retry with the same key replays the first answer and writes nothing more; audited, masked', async () => {
            const body = { amount: 1000, reason: 'goodwill', idempotencyKey: 'adj-mgr-0001' };
            const first = await api
                .post(desk(`${CARD}/adjustments`))
                .set(bearer(manager))
                .send(body);
            expect(first.status).toBe(201);
            expect(first.body).toMatchObject({ replayed: false, entryId: expect.any(Number) });
            const retry = await api
                .post(desk(`${CARD}/adjustments`))
                .set(bearer(manager))
                .send(body);
            expect(retry.status).toBe(201);
            expect(retry.body).toEqual({ ...first.body, replayed: true });
            const rows = (await audit('ledger.adjust')).filter((r) => r.actor === 'token:desk-mgr');
            expect(rows).toHaveLength(1);
            expect(JSON.parse(rows[0].details)).toMatchObject({ amount: 1000, reason: 'goodwill' });
            expectMasked(rows, CARD);
            await expectLedgerConsistent(t.refill, CARD);
        });

        it('refuses a debit beyond the balance (422) and an unknown card (404)', async () => {
            const over = await api
                .post(desk(`${CARD}/adjustments`))
                .set(bearer(admin))
                .send({ amount: -1_000_000, reason: 'correction', idempotencyKey: 'adj-debit-0001' });
            expect(over.status).toBe(422);
            expect(over.body.error.code).toBe('REFILL_INSUFFICIENT_BALANCE');
            const unknown = await api
                .post(desk('7199999999/adjustments'))
                .set(bearer(admin))
                .send({ amount: 5, reason: 'goodwill', idempotencyKey: 'adj-unknown-01' });
            expect(unknown.status).toBe(404);
        });
    });

    describe('contacts and consents', () => {
        const CARD = '7200000001';
        beforeAll(async () => {
            expect((await api.put(`/loyalty/pos/v1/customers/${CARD}`).set(pos()).send({})).status).toBe(201);
        });

        it('normalises the phone as the till does, refuses a bad one with its path; audited without values', async () => {
            const bad = await api
                .patch(desk(`${CARD}/contacts`))
                .set(bearer(manager))
                .send({ phone: '12', reason: 'customer asked' });
            expect(bad.status).toBe(400);
            expect(bad.body.error.details[0].path).toBe('phone');
            const nothing = await api
                .patch(desk(`${CARD}/contacts`))
                .set(bearer(manager))
                .send({ reason: 'x y z' });
            expect(nothing.status).toBe(400);
            const noReason = await api
                .patch(desk(`${CARD}/contacts`))
                .set(bearer(manager))
                .send({ name: 'Ivan' });
            expect(noReason.body.error.details[0].path).toBe('reason');
            const body = {
                phone: '8 (912) 345-67-89',
                email: 'Ivan@Example.com',
                name: 'Ivan',
                reason: 'new phone',
            };
            const ok = await api
                .patch(desk(`${CARD}/contacts`))
                .set(bearer(manager))
                .send(body);
            expect(ok.status).toBe(200);
            expect(ok.body.customer).toMatchObject({ cardNumber: CARD, blocked: false, cardKind: 'regular' });
            const [stored] = await t.internals.database.all<{ phone: string; email: string }>(
                'SELECT phone, email FROM refill_customers WHERE card_number = ?',
                [CARD],
            );
            expect(stored).toEqual({ phone: '+79123456789', email: 'ivan@example.com' });
            // A retry changes nothing and writes no second entry.
            expect(
                (
                    await api
                        .patch(desk(`${CARD}/contacts`))
                        .set(bearer(manager))
                        .send(body)
                ).status,
            ).toBe(200);
            const rows = await audit('customer.contacts');
            expect(rows).toHaveLength(1);
            expect(rows[0].actor).toBe('token:desk-mgr');
            expect(JSON.parse(rows[0].details)).toMatchObject({
                fields: ['phone', 'email', 'name'],
                reason: 'new phone',
            });
            expectMasked(rows, CARD, '+79123456789', '9123456789', 'ivan@example.com');
        });

        it('sets one purpose of one channel; the history names the actor and the reason', async () => {
            const bad = await api
                .put(desk(`${CARD}/consents/pigeon`))
                .set(bearer(manager))
                .send({ kind: 'marketing', granted: true, reason: 'asked at the desk' });
            expect(bad.status).toBe(400);
            expect(bad.body.error.details[0].path).toBe('channel');
            const badKind = await api
                .put(desk(`${CARD}/consents/sms`))
                .set(bearer(manager))
                .send({ kind: 'spam', granted: true, reason: 'asked at the desk' });
            expect(badKind.body.error.details[0].path).toBe('kind');
            const body = { kind: 'marketing', granted: true, reason: 'signed the form' };
            const ok = await api
                .put(desk(`${CARD}/consents/sms`))
                .set(bearer(manager))
                .send(body);
            expect(ok.status).toBe(200);
            expect(
                (
                    await api
                        .put(desk(`${CARD}/consents/sms`))
                        .set(bearer(manager))
                        .send(body)
                ).status,
            ).toBe(200);
            const off = await api
                .put(desk(`${CARD}/consents/sms`))
                .set(bearer(admin))
                .send({ kind: 'service', granted: false, reason: 'no texts at all' });
            expect(off.status).toBe(200);
            const id = await customerId(CARD);
            const history = await t.internals.database.all<Record<string, unknown>>(
                'SELECT channel, granted, purpose, source, actor, reason FROM refill_consent_events WHERE customer_id = ? ORDER BY id',
                [id],
            );
            expect(history.map((h) => ({ ...h, granted: Boolean(Number(h.granted)) }))).toEqual([
                {
                    channel: 'sms',
                    granted: true,
                    purpose: 'marketing',
                    source: 'admin',
                    actor: 'admin:token:desk-mgr',
                    reason: 'signed the form',
                },
                {
                    channel: 'sms',
                    granted: false,
                    purpose: 'service',
                    source: 'admin',
                    actor: 'admin:token:ops',
                    reason: 'no texts at all',
                },
            ]);
            // Marketing stayed granted when service was withdrawn.
            const view = await t.internals.services.customers.get(CARD);
            expect(view.consents.sms?.granted).toBe(true);
            expect(view.serviceConsents.sms?.granted).toBe(false);
            expect(await audit('customer.consent')).toHaveLength(2);
        });
    });

    describe('block and unblock', () => {
        const CARD = '7300000001';

        it('a blocked card gets 409 at the till for sales, previews, balances and updates; returns still work', async () => {
            expect((await sale(CARD, 'BLK-1')).status).toBe(201);
            const refused = await api
                .post(desk(`${CARD}/block`))
                .set(bearer(marketer))
                .send({ reason: 'fraud' });
            expect(refused.status).toBe(403);
            expect(
                (
                    await api
                        .post(desk(`${CARD}/block`))
                        .set(bearer(manager))
                        .send({})
                ).body.error.details[0].path,
            ).toBe('reason');
            const blocked = await api
                .post(desk(`${CARD}/block`))
                .set(bearer(manager))
                .send({ reason: 'suspected card sharing' });
            expect(blocked.status).toBe(200);
            expect(blocked.body.customer).toMatchObject({
                cardNumber: CARD,
                blocked: true,
                blockedAt: expect.any(String),
                blockReason: 'suspected card sharing',
            });
            // Blocking again changes nothing.
            expect(
                (
                    await api
                        .post(desk(`${CARD}/block`))
                        .set(bearer(manager))
                        .send({ reason: 'again' })
                ).body,
            ).toEqual(blocked.body);
            for (const res of [
                await sale(CARD, 'BLK-2'),
                await api
                    .post('/loyalty/pos/v1/receipts/preview')
                    .set(pos())
                    .send({ cardNumber: CARD, lines: basket }),
                await api.get(`/loyalty/pos/v1/customers/${CARD}/balance`).set(pos()),
                await api.put(`/loyalty/pos/v1/customers/${CARD}`).set(pos()).send({ name: 'X' }),
            ]) {
                expect(res.status).toBe(409);
                expect(res.body.error.code).toBe('REFILL_CARD_BLOCKED');
            }
            const ret = await api
                .post('/loyalty/pos/v1/receipts/BLK-1/returns')
                .set(pos())
                .send({ returnId: 'BLK-1-R', lines: [{ sku: 'LOSARTAN-50', quantity: 1 }] });
            expect(ret.status).toBe(201);
            const unblocked = await api
                .post(desk(`${CARD}/unblock`))
                .set(bearer(admin))
                .send({ reason: 'checked, all fine' });
            expect(unblocked.body.customer).toMatchObject({
                blocked: false,
                blockedAt: null,
                blockReason: null,
            });
            expect((await sale(CARD, 'BLK-3')).status).toBe(201);
            const blocks = await audit('customer.block');
            expect(blocks).toHaveLength(1);
            expect(JSON.parse(blocks[0].details)).toMatchObject({ reason: 'suspected card sharing' });
            expect(await audit('customer.unblock')).toHaveLength(1);
            expectMasked([...blocks, ...(await audit('customer.unblock'))], CARD);
            await expectLedgerConsistent(t.refill, CARD);
        });
    });

    describe('card replacement', () => {
        const OLD = '7400000001';
        const NEW = '7400000002';

        it('moves the customer to the new card; the old card is refused at the till and never enrolled again', async () => {
            expect((await sale(OLD, 'RPL-1')).status).toBe(201);
            const before = await customerId(OLD);
            const balance = (await api.get(`/loyalty/pos/v1/customers/${OLD}/balance`).set(pos())).body
                .available;
            const body = { newCardNumber: NEW, reason: 'card lost', idempotencyKey: 'replace-0001' };
            expect(
                (
                    await api
                        .post(desk(`${OLD}/replace`))
                        .set(bearer(marketer))
                        .send(body)
                ).status,
            ).toBe(403);
            const bad = await api
                .post(desk(`${OLD}/replace`))
                .set(bearer(manager))
                .send({ ...body, newCardNumber: 'no spaces allowed' });
            expect(bad.body.error.details[0].path).toBe('newCardNumber');
            const res = await api
                .post(desk(`${OLD}/replace`))
                .set(bearer(manager))
                .send(body);
            expect(res.status).toBe(200);
            expect(res.headers['idempotent-replayed']).toBe('false');
            expect(res.body.customer).toMatchObject({ id: before, cardNumber: NEW, balance });
            for (const res of [
                await sale(OLD, 'RPL-2'),
                await api
                    .post('/loyalty/pos/v1/receipts/preview')
                    .set(pos())
                    .send({ cardNumber: OLD, lines: basket }),
                await api.get(`/loyalty/pos/v1/customers/${OLD}/balance`).set(pos()),
                await api.get(`/loyalty/pos/v1/customers/${OLD}`).set(pos()),
                await api.put(`/loyalty/pos/v1/customers/${OLD}`).set(pos()).send({ name: 'New person' }),
            ]) {
                expect(res.status).toBe(409);
                expect(res.body.error.code).toBe('REFILL_CARD_REPLACED');
            }
            expect(await customerId(OLD)).toBeUndefined();
            // Nor does a history import enrol it again: its records are rejected, the new card's kept.
            const imported = await t.internals.services.history.importRecords([
                { type: 'customer' as const, cardNumber: OLD, name: 'From an old export' },
                {
                    type: 'receipt' as const,
                    receiptId: 'RPL-OLD-EXPORT',
                    cardNumber: OLD,
                    storeCode: 'S1',
                    purchasedAt: new Date('2025-01-10T10:00:00Z'),
                    lines: [{ sku: 'LOSARTAN-50', name: 'Losartan 50 mg', quantity: 1, amount: 45_000 }],
                },
            ]);
            expect(imported).toMatchObject({ customersImported: 0, receiptsImported: 0, rejected: 2 });
            expect(imported.errors.map((e) => e.message)).toEqual([
                'card was replaced by another card at the store desk',
                'card was replaced by another card at the store desk',
            ]);
            expect(await customerId(OLD)).toBeUndefined();
            // A return of a receipt made with the old card addresses the receipt.
            const ret = await api
                .post('/loyalty/pos/v1/receipts/RPL-1/returns')
                .set(pos())
                .send({ returnId: 'RPL-1-R', lines: [{ sku: 'LOSARTAN-50', quantity: 1 }] });
            expect(ret.status).toBe(201);
            expect((await sale(NEW, 'RPL-3')).status).toBe(201);
            await expectLedgerConsistent(t.refill, NEW);

            const retry = await api
                .post(desk(`${OLD}/replace`))
                .set(bearer(manager))
                .send(body);
            expect(retry.status).toBe(200);
            expect(retry.headers['idempotent-replayed']).toBe('true');
            expect(retry.body.customer).toMatchObject({ id: before, cardNumber: NEW });
            const rows = await audit('customer.replace_card');
            expect(rows).toHaveLength(1);
            expect(JSON.parse(rows[0].details)).toMatchObject({
                from: '****0001',
                to: '****0002',
                reason: 'card lost',
            });
            expectMasked(rows, OLD, NEW);
            const [recorded] = await t.internals.database.all<Record<string, unknown>>(
                'SELECT old_card_number, new_card_number, actor, reason FROM refill_card_replacements',
            );
            expect(recorded).toEqual({
                old_card_number: OLD,
                new_card_number: NEW,
                actor: 'token:desk-mgr',
                reason: 'card lost',
            });
        });

        it('refuses a new card that belongs to a customer or was replaced before, and a reused key', async () => {
            expect((await sale('7400000003', 'RPL-4')).status).toBe(201);
            // Another customer's card, a card replaced before, a key used for another replacement.
            for (const [newCardNumber, idempotencyKey] of [
                ['7400000003', 'replace-0002'],
                [OLD, 'replace-0003'],
                ['7400000009', 'replace-0001'],
            ]) {
                const refused = await api
                    .post(desk(`${NEW}/replace`))
                    .set(bearer(admin))
                    .send({ newCardNumber, reason: 'card lost', idempotencyKey });
                expect(refused.status).toBe(409);
                expect(refused.body.error.code).toBe('REFILL_CONFLICT');
            }
            const adjusted = await api
                .post(desk(`${OLD}/adjustments`))
                .set(bearer(admin))
                .send({ amount: 5, reason: 'old card', idempotencyKey: 'adj-old-card-1' });
            expect(adjusted.body.error.code).toBe('REFILL_CARD_REPLACED');
            const acted = await api
                .post(desk(`${OLD}/block`))
                .set(bearer(admin))
                .send({ reason: 'old card' });
            expect(acted.body.error.code).toBe('REFILL_CARD_REPLACED');
        });
    });
});
