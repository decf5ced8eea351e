import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Router } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_CHANNELS } from '../../plugin/kernel/vocabulary/channels.js';
import { MESSAGE_KINDS } from '../../plugin/kernel/vocabulary/message-kinds.js';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

interface Layer {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
    rawPath?: string;
}

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; items?: Schema };
type Document = { paths: Record<string, Record<string, { parameters?: Schema[]; requestBody?: Schema }>> };

const PREFIX = '/loyalty';

/** Every `METHOD path` Express registered under one mount point of Refill's router (sub-routers without prefixes of their own). */
function registered(router: Router, mount: string): string[] {
    const out: string[] = [];
    const walk = (stack: Layer[]) => {
        for (const layer of stack) {
            if (layer.route)
                for (const method of Object.keys(layer.route.methods))
                    out.push(`${method.toUpperCase()} ${layer.route.path}`);
            else if (layer.handle?.stack) walk(layer.handle.stack);
        }
    };
    const api = (router as unknown as { stack: Layer[] }).stack.find((l) => l.rawPath === mount);
    walk(api?.handle?.stack ?? []);
    return out.sort();
}

/** Every `METHOD path` a document describes, in Express's spelling. */
function documented(doc: Document): string[] {
    return Object.entries(doc.paths)
        .flatMap(([path, ops]) =>
            Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
        )
        .sort();
}

/** The JSON body schema of a documented request. */
function requestSchema(doc: Document, path: string, method: string): Schema {
    const body = doc.paths[path][method].requestBody as { content: Record<string, { schema: Schema }> };
    return body.content['application/json'].schema;
}

describe.each(engines)('OpenAPI documents on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let pos: Document;
    let admin: Document;
    let adminToken: string;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const check = (schema: string, body: unknown) => {
        const validate = ajv.getSchema(`pos#/components/schemas/${schema}`)!;
        expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    };

    beforeAll(async () => {
        t = await startTestRefill(engine, 'openapi', { pos: { maxLines: 40 } });
        api = request(createApp(t.refill, PREFIX));
        adminToken = await t.internals.services.adminTokens.create('ops', 'admin', 'test');
        pos = (await api.get(`${PREFIX}/pos/v1/openapi.json`).expect(200)).body as Document;
        admin = (await api.get(`${PREFIX}/admin/v1/openapi.json`).expect(200)).body as Document;
        ajv.addSchema({ ...pos, $id: 'pos' } as object);
    });
    afterAll(async () => t?.close());

    it('serves both documents without credentials, with the server where the router is mounted', async () => {
        for (const [doc, mount] of [
            [pos, '/pos/v1'],
            [admin, '/admin/v1'],
        ] as const) {
            expect(doc).toMatchObject({ openapi: '3.1.0', servers: [{ url: `${PREFIX}${mount}` }] });
        }
    });

    it('both documents are valid OpenAPI 3.1', async () => {
        for (const doc of [pos, admin]) {
            const result = await new Validator().validate(structuredClone(doc) as Record<string, unknown>);
            expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
            expect(result.valid).toBe(true);
        }
    });

    it('documents every route Express registered, and nothing else', () => {
        expect(documented(pos)).toEqual(registered(t.refill.router, '/pos/v1'));
        expect(documented(admin)).toEqual(registered(t.refill.router, '/admin/v1'));
        expect(documented(admin)).toContain('POST /campaigns/:id/sends/:day/approve');
    });

    it('every documented operation answers (with an invalid input, so nothing changes), not as an unknown route', async () => {
        const calls = [
            ...documented(pos).map((op) => ({ op, mount: '/pos/v1', auth: `Bearer ${t.key}` })),
            ...documented(admin).map((op) => ({ op, mount: '/admin/v1', auth: `Bearer ${adminToken}` })),
        ];
        for (const { op, mount, auth } of calls) {
            const [method, path] = op.split(' ');
            const url = `${PREFIX}${mount}${path.replace(/:\w+/g, '~')}`;
            const call = api[method.toLowerCase() as 'get'](url).set({ Authorization: auth });
            const res = await (method === 'GET' ? call : call.send({}));
            expect(res.body?.error?.code, `${op}: ${res.status} ${res.text}`).not.toBe(
                'REFILL_ROUTE_NOT_FOUND',
            );
            expect(res.text, op).not.toMatch(/Cannot (GET|POST|PUT|PATCH|DELETE)/);
        }
        const unknown = await api
            .get(`${PREFIX}/admin/v1/no-such-route`)
            .set({ Authorization: `Bearer ${adminToken}` });
        expect(unknown.body.error.code).toBe('REFILL_ROUTE_NOT_FOUND');
    });

    it('shows the joi schemas the routes validate: fields with their limits, enums from the vocabulary', () => {
        const receipt = requestSchema(pos, '/receipts', 'post');
        const lines = receipt.properties!.lines;
        expect(lines).toMatchObject({ type: 'array', minItems: 1, maxItems: 40 });
        expect(lines.items!.properties!.sku).toMatchObject({
            type: 'string',
            minLength: 1,
            maxLength: 64,
            pattern: '^[A-Za-z0-9._:/#-]+$',
        });
        expect(lines.items!.required).toEqual(expect.arrayContaining(['sku', 'name', 'quantity', 'amount']));
        expect(receipt.properties!.purchasedAt).toMatchObject({ type: 'string', format: 'date-time' });
        expect(receipt.properties!.receiptId.description).toMatch(/idempotency key/);
        expect(receipt.required).toEqual(
            expect.arrayContaining(['receiptId', 'cardNumber', 'storeCode', 'purchasedAt', 'lines']),
        );

        const customer = requestSchema(pos, '/customers/{cardNumber}', 'put');
        expect(Object.keys(customer.properties!.consents.properties!)).toEqual([...CONSENT_CHANNELS]);
        const template = admin.paths['/templates/{kind}/{channel}/{locale}'].get.parameters!;
        expect(template.find((p) => p.name === 'kind')).toMatchObject({
            in: 'path',
            required: true,
            schema: { type: 'string', enum: [...MESSAGE_KINDS] },
        });
        const members = admin.paths['/campaigns/{id}/members'].get.parameters!;
        expect(members.find((p) => p.name === 'pageSize')).toMatchObject({
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
        });
        const tokens = requestSchema(admin, '/tokens', 'post');
        expect(tokens.properties!.role).toMatchObject({ enum: ['admin', 'marketer', 'manager', 'analyst'] });
    });

    it('matches what the real POS routes answer', async () => {
        const auth = { Authorization: `Bearer ${t.key}` };
        const at = (path: string) => `${PREFIX}/pos/v1${path}`;
        const lines = [
            { sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: 50_000 },
            { sku: 'X', name: 'x', atc: 'A11GA01', quantity: 0.5, amount: 1_000 },
        ];
        const customer = await api
            .put(at('/customers/4000001'))
            .set(auth)
            .send({ phone: '+79161234567', consents: { sms: { granted: true } } });
        expect(customer.status).toBe(201);
        check('Customer', customer.body);
        check('Customer', (await api.get(at('/customers/4000001')).set(auth)).body);
        const receiptBody = {
            receiptId: 'OA-1',
            cardNumber: '4000001',
            storeCode: 'S1',
            purchasedAt: new Date().toISOString(),
            lines,
        };
        const validateRequest = ajv.compile(requestSchema(pos, '/receipts', 'post'));
        expect(validateRequest(receiptBody), JSON.stringify(validateRequest.errors)).toBe(true);
        const sale = await api.post(at('/receipts')).set(auth).send(receiptBody);
        expect(sale.status).toBe(201);
        check('Receipt', sale.body);
        await t.internals.services.offers.grant({
            cardNumber: '4000001',
            categoryCode: 'C09',
            kind: 'gift',
            giftAmount: 500,
            validDays: 10,
            bonusLifetimeDays: 7,
        });
        check('Balance', (await api.get(at('/customers/4000001/balance')).set(auth)).body);
        const preview = await api
            .post(at('/receipts/preview'))
            .set(auth)
            .send({ cardNumber: '4000001', lines, redeem: 100 });
        check('Preview', preview.body);
        expect(preview.body.offers).toHaveLength(1);
        const ret = await api
            .post(at('/receipts/OA-1/returns'))
            .set(auth)
            .send({ returnId: 'OA-R1', lines: [{ sku: 'X', quantity: 0.5 }] });
        expect(ret.status).toBe(201);
        check('Return', ret.body);
        check('Error', (await api.post(at('/receipts')).set(auth).send({})).body);
    });
});
