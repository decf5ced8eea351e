import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

const now = () => new Date().toISOString();
const basket = [{ sku: 'LOSARTAN-50', name: 'Losartan 50mg', quantity: 1, amount: 45_000 }];

describe.each(engines)('admin custom segments, store locations and birth dates on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let admin: string;
    let marketer: string;
    let analyst: string;
    const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
    const pos = () => ({ Authorization: `Bearer ${t.key}` });
    const path = (p: string) => `/loyalty/admin/v1${p}`;
    const audit = (action: string) =>
        t.internals.database.all<{ actor: string; entity_id: string; details: string }>(
            'SELECT actor, entity_id, details FROM refill_audit_log WHERE action = ? ORDER BY id',
            [action],
        );
    const cards = ['7300000001', '7300000002', '7300000003'];

    beforeAll(async () => {
        t = await startTestRefill(engine, 'custom_segments_e2e');
        api = request(createApp(t.refill, '/loyalty'));
        const tokens = t.internals.services.adminTokens;
        admin = await tokens.create('ops', 'admin', 'test');
        marketer = await tokens.create('crm', 'marketer', 'test');
        analyst = await tokens.create('ana', 'analyst', 'test');
        for (const [i, card] of cards.entries()) {
            const sale = await api
                .post('/loyalty/pos/v1/receipts')
                .set(pos())
                .send({
                    receiptId: `SEG-${i}`,
                    cardNumber: card,
                    storeCode: 'S1',
                    purchasedAt: now(),
                    lines: basket,
                });
            expect(sale.status).toBe(201);
        }
        // The third bought twice.
        const again = await api.post('/loyalty/pos/v1/receipts').set(pos()).send({
            receiptId: 'SEG-9',
            cardNumber: cards[2],
            storeCode: 'S1',
            purchasedAt: now(),
            lines: basket,
        });
        expect(again.status).toBe(201);
    });
    afterAll(async () => t?.close());

    it('takes, answers and audits a store location; refuses one out of range with its path', async () => {
        const put = await api
            .put(path('/stores/S1'))
            .set(bearer(admin))
            .send({ name: 'Pharmacy 1', location: { lat: 55.755831, lon: 37.617673 } });
        expect(put.status).toBe(200);
        expect(put.body.location).toEqual({ lat: 55.755831, lon: 37.617673 });
        const kept = await api.put(path('/stores/S1')).set(bearer(admin)).send({ name: 'Pharmacy One' });
        expect(kept.body.location).toEqual({ lat: 55.755831, lon: 37.617673 });
        const bad = await api
            .put(path('/stores/S1'))
            .set(bearer(admin))
            .send({ name: 'x', location: { lat: 91, lon: 0 } });
        expect(bad.status).toBe(400);
        expect(bad.body.error.details[0].path).toBe('location.lat');
        const entries = await audit('store.upsert');
        expect(JSON.parse(entries[entries.length - 2].details).location).toEqual({
            lat: 55.755831,
            lon: 37.617673,
        });
    });

    it('takes a birth date at the store desk, audited by field name; refuses an impossible day', async () => {
        const desk = path(`/customers/${cards[0]}/contacts`);
        const bad = await api
            .patch(desk)
            .set(bearer(admin))
            .send({ birthDate: '1990-02-30', reason: 'asked' });
        expect(bad.status).toBe(400);
        expect(bad.body.error.details[0].path).toBe('birthDate');
        const ok = await api
            .patch(desk)
            .set(bearer(admin))
            .send({ birthDate: '1990-02-28', reason: 'asked' });
        expect(ok.status).toBe(200);
        const [row] = await t.internals.database.all<{ birth_date: string; card_form: string }>(
            'SELECT birth_date, card_form FROM refill_customers WHERE card_number = ?',
            [cards[0]],
        );
        expect(row).toEqual({ birth_date: '1990-02-28', card_form: 'physical' });
        const card = await api.get(path(`/customers/${cards[0]}`)).set(bearer(admin));
        expect(card.body.customer).toMatchObject({ birthDate: '1990-02-28', cardForm: 'physical' });
        const [entry] = (await audit('customer.contacts')).slice(-1);
        expect(JSON.parse(entry.details).fields).toEqual(['birthDate']);
        expect(entry.details).not.toContain('1990');
    });

    it('lists the condition kinds, counts a rule live with masked cards, and refuses a bad rule with its path', async () => {
        const fields = await api.get(path('/segments/fields')).set(bearer(analyst));
        expect(fields.status).toBe(200);
        expect(fields.body.fields.map((f: { type: string }) => f.type)).toContain('purchases');
        const count = await api
            .post(path('/segments/count'))
            .set(bearer(marketer))
            .send({ rule: { type: 'purchaseCount', min: 1 } });
        expect(count.status).toBe(200);
        expect(count.body.count).toBe(3);
        expect(count.body.sample).toHaveLength(3);
        for (const m of count.body.sample) expect(m.cardNumber).toMatch(/^\*{4}\d{4}$/);
        const bad = await api
            .post(path('/segments/count'))
            .set(bearer(marketer))
            .send({ rule: { all: [{ type: 'balance', min: 'lots' }] } });
        expect(bad.status).toBe(400);
        expect(bad.body.error.details[0].path).toBe('rule.all[0].min');
        const analystCount = await api
            .post(path('/segments/count'))
            .set(bearer(analyst))
            .send({ rule: { type: 'purchaseCount', min: 1 } });
        expect(analystCount.status).toBe(403);
        const noStore = await api
            .post(path('/segments/count'))
            .set(bearer(marketer))
            .send({ rule: { type: 'homeStoreNear', storeId: 999, km: 1 } });
        expect(noStore.status).toBe(422);
        expect(noStore.body.error.details[0].path).toBe('rule.storeId');
    });

    it('saves, reads, changes, pages and archives a segment, audited; names unique among live ones', async () => {
        const body = {
            name: 'Twice or more',
            description: 'Regulars',
            rule: { type: 'purchaseCount', min: 2 },
        };
        const created = await api.post(path('/segments')).set(bearer(marketer)).send(body);
        expect(created.status).toBe(201);
        const id = created.body.id as number;
        expect(created.body).toMatchObject({ name: 'Twice or more', rule: body.rule, archivedAt: null });
        const twin = await api.post(path('/segments')).set(bearer(marketer)).send(body);
        expect(twin.status).toBe(409);
        expect(twin.body.error.code).toBe('REFILL_CONFLICT');

        const list = await api.get(path('/segments')).set(bearer(analyst));
        expect(list.status).toBe(200);
        expect(list.body.data).toEqual([expect.objectContaining({ id, count: 1 })]);

        const changed = await api
            .put(path(`/segments/${id}`))
            .set(bearer(marketer))
            .send({ ...body, rule: { type: 'purchaseCount', min: 1 } });
        expect(changed.status).toBe(200);
        const first = await api
            .get(path(`/segments/${id}/members`))
            .query({ limit: 2 })
            .set(bearer(analyst));
        expect(first.status).toBe(200);
        expect(first.body.data).toHaveLength(2);
        expect(first.body.next).toBe(first.body.data[1].id);
        const rest = await api
            .get(path(`/segments/${id}/members`))
            .query({ limit: 2, after: first.body.next })
            .set(bearer(analyst));
        expect(rest.body).toMatchObject({ data: [expect.any(Object)], next: null });

        expect(
            (
                await api
                    .put(path(`/segments/${id}`))
                    .set(bearer(analyst))
                    .send(body)
            ).status,
        ).toBe(403);
        expect((await api.get(path('/segments/999999')).set(bearer(analyst))).status).toBe(404);
        expect((await api.get(path('/segments/abc')).set(bearer(analyst))).status).toBe(404);

        const archived = await api.delete(path(`/segments/${id}`)).set(bearer(marketer));
        expect(archived.status).toBe(200);
        expect(archived.body.archivedAt).not.toBeNull();
        expect((await api.delete(path(`/segments/${id}`)).set(bearer(marketer))).status).toBe(200);
        expect((await api.get(path(`/segments/${id}`)).set(bearer(analyst))).body.archivedAt).not.toBeNull();
        expect(
            (
                await api
                    .put(path(`/segments/${id}`))
                    .set(bearer(marketer))
                    .send(body)
            ).status,
        ).toBe(409);
        // The name is free again.
        expect((await api.post(path('/segments')).set(bearer(marketer)).send(body)).status).toBe(201);
        expect((await audit('segment.create')).map((e) => e.actor)).toEqual(['token:crm', 'token:crm']);
        expect(await audit('segment.update')).toHaveLength(1);
        expect(await audit('segment.archive')).toHaveLength(1);
    });

    it('documents every segment route in the admin OpenAPI document', async () => {
        const doc = await api.get(path('/openapi.json')).set(bearer(admin));
        expect(doc.status).toBe(200);
        for (const p of [
            '/segments',
            '/segments/count',
            '/segments/fields',
            '/segments/{id}',
            '/segments/{id}/members',
        ])
            expect(doc.body.paths, p).toHaveProperty([p]);
    });
});
