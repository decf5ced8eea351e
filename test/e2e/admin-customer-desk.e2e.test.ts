import { Ajv2020 } from 'ajv/dist/2020.js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyC09, testDesign } from '../helpers/campaign-fixtures.js';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

const PREFIX = '/loyalty';
const at = (path: string) => `${PREFIX}/admin/v1${path}`;

interface Summary {
    id: number;
    cardNumber: string;
    name: string | null;
}

describe.each(engines)('the store desk’s customer search and card on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let manager: string;
    let marketer: string;
    let campaignId: number;
    const clock = new TestClock(new Date('2026-03-02T09:00:00.000Z'));
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const get = (path: string, token = manager) => api.get(at(path)).set(auth(token));
    const search = async (q: string, extra: Record<string, string | number> = {}) => {
        const res = await get('/customers').query({ q, ...extra });
        expect(res.status, res.text).toBe(200);
        conforms('/customers', res.body);
        return res.body as { data: Summary[]; meta: { pagination: { nextCursor: string | null } } };
    };
    const cards = (page: { data: Summary[] }) => page.data.map((c) => c.cardNumber);
    /** The answer matches the admin OpenAPI document's schema of the operation. */
    const conforms = (path: string, body: unknown, method = 'get') => {
        const pointer = `/paths/${path.replace(/\//g, '~1')}/${method}/responses/200/content/application~1json/schema`;
        const validate = ajv.getSchema(`admin#${encodeURI(pointer)}`)!;
        expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    };

    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_customer_desk', { clock: clock.fn });
        api = request(createApp(t.refill, PREFIX));
        const { adminTokens, campaigns, offers, adjustments, maintenance } = t.internals.services;
        manager = await adminTokens.create('desk', 'manager', 'test');
        marketer = await adminTokens.create('crm', 'marketer', 'test');
        const document = (await api.get(at('/openapi.json')).expect(200)).body as object;
        ajv.addSchema({ ...document, $id: 'admin' });

        const hooks = t.refill.hooks;
        const enrol = (card: string, update: Record<string, unknown>) =>
            hooks.upsertCustomer(card, update as never, 'S1');
        await enrol('7700001', {
            name: 'Иванова Алёна',
            phone: '+7 912 345-67-89',
            email: 'Alena.Ivanova@Example.com',
            telegramChatId: '12345',
            consents: { sms: { granted: true }, email: { granted: false } },
        });
        await enrol('7700002', { name: 'Иванов Пётр', phone: '89123456789' });
        await enrol('89123456789', { name: 'Petrov Ivan' });
        await enrol('AB-1234', { name: 'Smith' });
        for (let i = 1; i <= 5; i++) await enrol(`77100${i}0`, { name: `Сидоров ${i}` });

        // 7700001's history: a sale, a campaign's offer used on a second sale, a return of the
        // first, an adjustment by hand whose lot expires, and a membership in the campaign.
        await buyC09(t, clock, '7700001', 'R-1');
        campaignId = (await campaigns.create(testDesign(), 'tester')).id;
        await offers.grant({
            cardNumber: '7700001',
            categoryCode: 'C09',
            kind: 'multiplier',
            multiplier: 5,
            validDays: 14,
            bonusLifetimeDays: 30,
            campaignId,
        });
        await t.internals.database.transaction((tx) =>
            t.internals.repositories.members.insertMany(tx, [
                {
                    campaignId,
                    customerId: 1,
                    group: 'test',
                    bucket: 7,
                    segment: 'lapsed',
                    assignedAt: clock.fn(),
                    assignmentDay: '2026-03-02',
                    windowEndsAt: new Date('2026-03-20T00:00:00.000Z'),
                    daysSinceLast: 40,
                    medianIntervalDays: 30,
                },
            ]),
        );
        clock.advanceDays(1);
        await buyC09(t, clock, '7700001', 'R-2');
        await hooks.recordReturn('R-1', {
            returnId: 'RT-1',
            storeCode: 'S1',
            lines: [{ sku: 'LOSARTAN-50', quantity: 1 }],
        });
        await adjustments.adjust({
            cardNumber: '7700001',
            amount: 500,
            reason: 'goodwill',
            author: 'admin:olga',
            lifetimeDays: 1,
        });
        clock.advanceDays(2);
        await maintenance.expireDue();
    });
    afterAll(async () => t?.close());

    it('finds a phone typed with spaces, or with the 8 trunk prefix, by its E.164 form', async () => {
        for (const q of ['+7 912 345-67-89', '8 (912) 3456789']) {
            const page = await search(q);
            expect(cards(page)).toEqual(['7700001', '7700002']);
            expect(page.data[0]).toMatchObject({
                phone: '+79123456789',
                email: 'alena.ivanova@example.com',
                blocked: false,
                cardKind: 'regular',
                homeStore: { code: 'S1', name: 'Pharmacy 1' },
            });
        }
    });

    it('reads digits as a card exactly, and as the phone they make', async () => {
        expect(cards(await search('89123456789'))).toEqual(['7700001', '7700002', '89123456789']);
        expect(cards(await search('7700002'))).toEqual(['7700002']);
        expect(cards(await search('770000'))).toEqual([]);
        expect(cards(await search('AB-1234'))).toEqual(['AB-1234']);
    });

    it('finds an e-mail exactly in any case, and a name by its start in any case, ё as е', async () => {
        expect(cards(await search('ALENA.IVANOVA@example.com'))).toEqual(['7700001']);
        expect(cards(await search('alena.ivanova@example'))).toEqual([]);
        expect(cards(await search('иван'))).toEqual(['7700002', '7700001']);
        expect(cards(await search('ИВАНОВА АЛЕНА'))).toEqual(['7700001']);
        expect(cards(await search('pet'))).toEqual(['89123456789']);
        expect(cards(await search('ivan'))).toEqual([]);
        expect(cards(await search('100%_'))).toEqual([]);
    });

    it('pages by name and by newest without skipping or repeating anyone', async () => {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
            const page = await search('сидоров', { limit: 2, ...(cursor ? { cursor } : {}) });
            expect(page.data.length).toBeLessThanOrEqual(2);
            seen.push(...page.data.map((c) => c.name ?? ''));
            cursor = page.meta.pagination.nextCursor;
            pages++;
        } while (cursor);
        expect(pages).toBe(3);
        expect(seen).toEqual(['Сидоров 1', 'Сидоров 2', 'Сидоров 3', 'Сидоров 4', 'Сидоров 5']);

        const newest = await search('', { limit: 3 });
        expect(cards(newest)).toEqual(['7710050', '7710040', '7710030']);
        const next = await search('', { limit: 3, cursor: newest.meta.pagination.nextCursor! });
        expect(cards(next)).toEqual(['7710020', '7710010', 'AB-1234']);
    });

    it('refuses a bad cursor or limit with the field path, and callers without a session', async () => {
        const bad = await get('/customers').query({ q: 'иван', cursor: 'bm90LWEtY3Vyc29y' });
        expect(bad.status).toBe(400);
        expect(bad.body.error.details[0].path).toBe('cursor');
        const limit = await get('/customers').query({ limit: 500 });
        expect(limit.status).toBe(400);
        expect(limit.body.error.details[0].path).toBe('limit');
        expect((await api.get(at('/customers'))).status).toBe(401);
        expect((await get('/customers', marketer)).status).toBe(200);
    });

    it('shows the card: profile, contacts, balances, consents with their history', async () => {
        const res = await get('/customers/7700001');
        expect(res.status, res.text).toBe(200);
        conforms('/customers/{cardNumber}', res.body);
        expect(res.body.customer).toMatchObject({
            cardNumber: '7700001',
            name: 'Иванова Алёна',
            phone: '+79123456789',
            hasTelegram: true,
            hasPush: false,
            blocked: false,
            blockedAt: null,
            blockReason: null,
            purchaseCount: 2,
            purchaseTotal: 45000, // net of the return
            homeStore: { code: 'S1' },
            previousCards: [],
        });
        expect(res.body.replacedBy).toBeNull();
        expect(res.body.consents).toEqual(
            expect.arrayContaining([
                expect.objectContaining({
                    channel: 'sms',
                    kind: 'marketing',
                    granted: true,
                    source: 'store:S1',
                }),
                expect.objectContaining({ channel: 'sms', kind: 'service', granted: true }),
                expect.objectContaining({ channel: 'email', kind: 'marketing', granted: false }),
            ]),
        );
        expect(res.body.consentHistory.length).toBeGreaterThanOrEqual(2);
        expect(res.body.consentHistory[0]).toMatchObject({ source: 'store:S1', actor: null });
        const unknown = await get('/customers/9999999');
        expect([unknown.status, unknown.body.error.code]).toEqual([404, 'REFILL_CUSTOMER_NOT_FOUND']);
        expect((await get('/customers/x')).status).toBe(400);
    });

    it('lists the lots with their state as of now, the expired adjustment among them', async () => {
        const res = await get('/customers/7700001/lots');
        expect(res.status, res.text).toBe(200);
        conforms('/customers/{cardNumber}/lots', res.body);
        const lots = res.body.data as Array<{
            source: string;
            status: string;
            remaining: number;
            amount: number;
        }>;
        expect(lots.map((l) => l.source)).toEqual(['manual', 'offer', 'accrual', 'accrual']);
        expect(lots[0]).toMatchObject({ status: 'expired', remaining: 0, amount: 500 });
    });

    it('pages the ledger newest first, each line with its cause', async () => {
        const all = await get('/customers/7700001/ledger').query({ limit: 200 });
        expect(all.status, all.text).toBe(200);
        conforms('/customers/{cardNumber}/ledger', all.body);
        const lines = all.body.data as Array<{
            id: number;
            kind: string;
            amount: number;
            cause: Record<string, unknown>;
        }>;
        const causeOf = (kind: string) => lines.find((l) => l.kind === kind)?.cause;
        expect(causeOf('expiry')).toMatchObject({ type: 'expiry' });
        expect(causeOf('manual_credit')).toMatchObject({
            type: 'adjustment',
            reason: 'goodwill',
            author: 'admin:olga',
        });
        expect(causeOf('return_reversal')).toMatchObject({
            type: 'return',
            returnId: 'RT-1',
            receiptId: 'R-1',
        });
        expect(causeOf('offer_accrual')).toMatchObject({ type: 'offer', receiptId: 'R-2', campaignId });
        expect(causeOf('accrual')).toMatchObject({ type: 'receipt', receiptId: 'R-2' });
        expect(lines.map((l) => l.id)).toEqual([...lines.map((l) => l.id)].sort((a, b) => b - a));
        expect(lines.reduce((sum, l) => sum + l.amount, 0)).toBe(
            (await get('/customers/7700001')).body.customer.balance,
        );

        const paged: number[] = [];
        let cursor: string | null = null;
        do {
            const page = await get('/customers/7700001/ledger').query({
                limit: 2,
                ...(cursor ? { cursor } : {}),
            });
            paged.push(...page.body.data.map((l: { id: number }) => l.id));
            cursor = page.body.meta.pagination.nextCursor;
        } while (cursor);
        expect(paged).toEqual(lines.map((l) => l.id));
    });

    it('pages the receipts newest first, with their lines and returns', async () => {
        const first = await get('/customers/7700001/receipts').query({ limit: 1 });
        expect(first.status, first.text).toBe(200);
        conforms('/customers/{cardNumber}/receipts', first.body);
        expect(first.body.data.map((r: { receiptId: string }) => r.receiptId)).toEqual(['R-2']);
        const second = await get('/customers/7700001/receipts').query({
            limit: 1,
            cursor: first.body.meta.pagination.nextCursor,
        });
        expect(second.body.meta.pagination.nextCursor).toBeNull();
        const [r1] = second.body.data;
        expect(r1).toMatchObject({
            receiptId: 'R-1',
            storeCode: 'S1',
            total: 45000,
            bonusSpent: 0,
            lines: [{ sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: 45000 }],
            returns: [
                {
                    returnId: 'RT-1',
                    amount: 45000,
                    bonusReturned: 0,
                    lines: [{ sku: 'LOSARTAN-50', quantity: 1, amount: 45000 }],
                },
            ],
        });
    });

    it('shows the customer’s offers and campaigns, and their messages with a documented shape', async () => {
        const offers = await get('/customers/7700001/offers');
        expect(offers.status, offers.text).toBe(200);
        conforms('/customers/{cardNumber}/offers', offers.body);
        expect(offers.body.data).toEqual([
            expect.objectContaining({
                campaignId,
                campaignName: 'Win back antihypertensives',
                kind: 'multiplier',
                value: 5,
                status: 'used',
                usedAt: '2026-03-03T09:00:00.000Z',
            }),
        ]);
        const memberships = await get('/customers/7700001/campaigns');
        expect(memberships.status, memberships.text).toBe(200);
        conforms('/customers/{cardNumber}/campaigns', memberships.body);
        expect(memberships.body.data).toEqual([
            {
                campaignId,
                campaignName: 'Win back antihypertensives',
                group: 'test',
                assignedAt: '2026-03-02T09:00:00.000Z',
                status: 'draft',
            },
        ]);
        const messages = await get('/customers/7700001/messages');
        expect(messages.status, messages.text).toBe(200);
        conforms('/customers/{cardNumber}/messages', messages.body);
    });

    it('keeps the name key when a name changes at the till or comes from an import', async () => {
        await t.refill.hooks.upsertCustomer('AB-1234', { name: 'Щукин Семён' }, 'S1');
        expect(cards(await search('щукин сем'))).toEqual(['AB-1234']);
        expect(cards(await search('smith'))).toEqual([]);
        await t.internals.services.history.importRecords([
            { type: 'customer', cardNumber: '7720001', name: 'Ёлкина Мария' } as never,
        ]);
        expect(cards(await search('елкина'))).toEqual(['7720001']);
        expect(cards(await search('ЁЛК'))).toEqual(['7720001']);
    });

    it('shows a block, earlier cards (an old card leads to its customer) and who changed a consent', async () => {
        const { customerDesk, cardReplacements } = t.internals.services;
        await customerDesk.block('89123456789', 'card reported stolen', 'olga');
        const [blocked] = (await search('89123456789')).data.filter((c) => c.cardNumber === '89123456789');
        expect(blocked).toMatchObject({ blocked: true });
        expect((await get('/customers/89123456789')).body.customer).toMatchObject({
            blocked: true,
            blockReason: 'card reported stolen',
        });

        const unblocked = await api
            .post(at('/customers/89123456789/unblock'))
            .set(auth(manager))
            .send({ reason: 'card found' });
        expect(unblocked.status, unblocked.text).toBe(200);
        conforms('/customers/{cardNumber}/unblock', unblocked.body, 'post');
        expect(unblocked.body.customer).toMatchObject({ cardNumber: '89123456789', blocked: false });

        await cardReplacements.replace({
            cardNumber: '7700002',
            newCardNumber: '7700092',
            reason: 'lost',
            idempotencyKey: 'replace-7700002',
            actor: 'olga',
        });
        const moved = await get('/customers/7700092');
        expect(moved.body.replacedBy).toBeNull();
        expect(moved.body.customer.previousCards).toEqual([
            { cardNumber: '7700002', replacedAt: expect.any(String) },
        ]);
        const old = await get('/customers/7700002');
        expect(old.status, old.text).toBe(200);
        conforms('/customers/{cardNumber}', old.body);
        expect(old.body.customer.cardNumber).toBe('7700092');
        expect(old.body.replacedBy).toEqual({ cardNumber: '7700092', replacedAt: expect.any(String) });

        await customerDesk.setConsent('7700001', 'email', 'marketing', true, 'asked at the desk', 'olga');
        const card = await get('/customers/7700001');
        expect(card.body.consentHistory[0]).toMatchObject({
            channel: 'email',
            kind: 'marketing',
            granted: true,
            actor: 'admin:olga',
        });
    });
});
