import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Router } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posOpenApi } from '../../plugin/api/openapi/pos-openapi.js';
import { createApp } from '../helpers/create-app.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

interface Layer {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
    rawPath?: string;
}

/** Every `METHOD path` of the POS router (its sub-routers are mounted without a prefix of their own). */
function routesOf(router: Router): string[] {
    const out: string[] = [];
    const walk = (stack: Layer[]) => {
        for (const layer of stack) {
            if (layer.route)
                for (const method of Object.keys(layer.route.methods))
                    out.push(`${method.toUpperCase()} ${layer.route.path}`);
            else if (layer.handle?.stack) walk(layer.handle.stack);
        }
    };
    const pos = (router as unknown as { stack: Layer[] }).stack.find((l) => l.rawPath === '/pos/v1');
    walk(pos?.handle?.stack ?? []);
    return out.sort();
}

const documented = Object.entries(posOpenApi.paths)
    .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    )
    .sort();

describe('OpenAPI document', () => {
    let t: TestRefill;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ ...posOpenApi, $id: 'pos' } as object);
    const check = (schema: string, body: unknown) => {
        const validate = ajv.getSchema(`pos#/components/schemas/${schema}`)!;
        expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    };

    beforeAll(async () => {
        t = await startTestRefill('sqlite', 'openapi');
    });
    afterAll(async () => t?.close());

    it('describes exactly the routes the router serves', () => {
        expect(routesOf(t.refill.router)).toEqual(documented);
    });

    it('is served at /pos/v1/openapi.json without a key', async () => {
        const res = await request(createApp(t.refill)).get('/pos/v1/openapi.json');
        expect(res.status).toBe(200);
        expect(res.body.openapi).toBe('3.1.0');
    });

    it('matches what the real routes answer', async () => {
        const app = createApp(t.refill);
        const auth = { Authorization: `Bearer ${t.key}` };
        const lines = [
            { sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: 50_000 },
            { sku: 'X', name: 'x', atc: 'A11GA01', quantity: 0.5, amount: 1_000 },
        ];
        const customer = await request(app)
            .put('/pos/v1/customers/4000001')
            .set(auth)
            .send({ phone: '+79161234567', consents: { sms: { granted: true } } });
        check('Customer', customer.body);
        check('Customer', (await request(app).get('/pos/v1/customers/4000001').set(auth)).body);
        const receiptBody = {
            receiptId: 'OA-1',
            cardNumber: '4000001',
            storeCode: 'S1',
            purchasedAt: new Date().toISOString(),
            lines,
        };
        check('ReceiptRequest', receiptBody);
        const receipt = await request(app).post('/pos/v1/receipts').set(auth).send(receiptBody);
        expect(receipt.status).toBe(201);
        check('Receipt', receipt.body);
        await t.internals.services.offers.grant({
            cardNumber: '4000001',
            categoryCode: 'C09',
            kind: 'gift',
            giftAmount: 500,
            validDays: 10,
            bonusLifetimeDays: 7,
        });
        check('Balance', (await request(app).get('/pos/v1/customers/4000001/balance').set(auth)).body);
        const preview = await request(app)
            .post('/pos/v1/receipts/preview')
            .set(auth)
            .send({ cardNumber: '4000001', lines, redeem: 100 });
        check('Preview', preview.body);
        expect(preview.body.offers).toHaveLength(1);
        const ret = await request(app)
            .post('/pos/v1/receipts/OA-1/returns')
            .set(auth)
            .send({ returnId: 'OA-R1', lines: [{ sku: 'X', quantity: 0.5 }] });
        expect(ret.status).toBe(201);
        check('Return', ret.body);
        check('Error', (await request(app).post('/pos/v1/receipts').set(auth).send({})).body);
    });
});
