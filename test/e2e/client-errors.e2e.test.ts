import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../helpers/create-app.js';
import { gatewayChannels, LocalGateway } from '../helpers/local-gateway.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

/*
 * Issue 10: requests that answered 500 although the client was at fault.
 * Each must get a coded 4xx (or, for unknown delivery statuses, be ignored as
 * documented) and change nothing.
 */
describe.each(engines)('client mistakes are 4xx, never 500, on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let admin: string;
    const gateway = new LocalGateway();
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const count = async (sql: string, params: unknown[] = []) =>
        Number((await t.internals.database.all<{ n: unknown }>(sql, params))[0].n);

    beforeAll(async () => {
        await gateway.start();
        t = await startTestRefill(engine, 'client_errors', {
            messaging: { channels: gatewayChannels(gateway), publicUrl: 'https://shop.example' },
        });
        api = request(createApp(t.refill));
        admin = await t.internals.services.adminTokens.create('ops', 'admin', 'test');
    });
    afterAll(async () => {
        await t?.close();
        await gateway.stop();
    });

    it('a path with invalid percent-encoding is a 400 coded error, not a 500', async () => {
        const customers = await count('SELECT COUNT(*) AS n FROM refill_customers');
        for (const res of [
            await api.get('/pos/v1/customers/%ED%A0%80').set(auth(t.key)),
            await api.get('/pos/v1/customers/%ED%A0%80/balance').set(auth(t.key)),
            await api
                .put('/pos/v1/customers/%E0%A4%A')
                .set(auth(t.key))
                .send({ consents: { sms: { granted: true } } }),
            await api.get('/admin/v1/categories/%ED%A0%80').set(auth(admin)),
        ]) {
            expect(res.status, res.text).toBe(400);
            expect(res.body.error.code).toBe('REFILL_VALIDATION');
            expect(res.body.error.details[0].path).toBe('path');
            // The raw value (it may be a card number) is not echoed.
            expect(res.text).not.toContain('%ED');
        }
        expect(await count('SELECT COUNT(*) AS n FROM refill_customers')).toBe(customers);
    });

    describe('duplicate ATC prefixes in PUT /admin/v1/categories/:code', () => {
        const category = () =>
            api
                .get('/admin/v1/categories/C09')
                .set(auth(admin))
                .then((r) => r.body.category);
        const audits = () =>
            count(`SELECT COUNT(*) AS n FROM refill_audit_log WHERE action = 'category.upsert'`);

        it('a duplicate ATC prefix in one request is a 400 naming the field, and changes nothing', async () => {
            const before = await category();
            const auditsBefore = await audits();
            const res = await api
                .put('/admin/v1/categories/C09')
                .set(auth(admin))
                .send({ name: 'Renamed', atcPrefixes: ['C09', 'c09'] });
            expect(res.status).toBe(400);
            expect(res.body.error.code).toBe('REFILL_VALIDATION');
            expect(res.body.error.details[0].path).toBe('atcPrefixes[1]');
            expect(await category()).toEqual(before);
            expect(await audits()).toBe(auditsBefore);
        });

        it('an ATC prefix another category holds is a 409 naming it, and changes nothing', async () => {
            const before = await category();
            const auditsBefore = await audits();
            const categories = await count('SELECT COUNT(*) AS n FROM refill_categories');
            const created = await api
                .put('/admin/v1/categories/NEWCAT')
                .set(auth(admin))
                .send({ name: 'Sartans again', atcPrefixes: ['C10', 'c09'] });
            expect(created.status).toBe(409);
            expect(created.body.error.code).toBe('REFILL_CONFLICT');
            expect(created.body.error.details).toEqual([
                expect.objectContaining({ path: 'atcPrefixes[1]', category: 'C09' }),
            ]);
            const changed = await api
                .put('/admin/v1/categories/VIT')
                .set(auth(admin))
                .send({ name: 'Vitamins', atcPrefixes: ['A11', 'C09'] });
            expect(changed.status).toBe(409);
            expect(await count('SELECT COUNT(*) AS n FROM refill_categories')).toBe(categories);
            expect(
                (await api.get('/admin/v1/categories/VIT').set(auth(admin))).body.category.atcPrefixes,
            ).toEqual(['A11']);
            expect(await category()).toEqual(before);
            expect(await audits()).toBe(auditsBefore);
            // Its own prefixes a category may keep.
            const own = await api
                .put('/admin/v1/categories/C09')
                .set(auth(admin))
                .send({
                    name: before.name,
                    atcPrefixes: ['C09'],
                    refillIntervalDays: 30,
                    lapseAfterDays: 60,
                });
            expect(own.status).toBe(200);
        });
    });

    it('an SMS delivery callback whose status names a prototype property is an unknown status, ignored', async () => {
        const endpoints = (await api.get('/admin/v1/messaging/endpoints').set(auth(admin))).body.endpoints;
        const url = new URL(endpoints['status:sms']).pathname;
        for (const status of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
            const json = await api.post(url).send({ id: 'x-1', status });
            expect(json.status, `${status}: ${json.text}`).toBe(200);
            expect(json.body).toEqual({ updated: 0 });
            const form = await api.post(url).type('form').send(`id=x-1&status=${status}`);
            expect(form.status, `${status}: ${form.text}`).toBe(200);
            expect(form.body).toEqual({ updated: 0 });
        }
    });
});
