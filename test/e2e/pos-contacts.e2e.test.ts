import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

const CONTACTS = {
    phone: '+7 916 123-45-67',
    email: 'ivan.petrov@example.com',
    telegramChatId: '123456789',
    pushToken: 'device-token-secret',
};

/**
 * Till keys and customer contacts (issue 10, defect 3): POS responses carry
 * contacts masked unless `pos.exposeContacts` is set, reads by card are
 * rate-limited per key, and unknown-card lookups are counted per key and
 * logged as a possible enumeration (never with the card number).
 */
describe.each(engines)('POS contacts and card reads on %s', (engine) => {
    let t: TestRefill;
    const logs: Array<Record<string, unknown>> = [];
    beforeAll(async () => {
        const logger = pino(
            { level: 'info' },
            { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
        );
        t = await startTestRefill(engine, 'pos_contacts', {
            logger,
            pos: { cardReadsPerMinute: 40, unknownCardWarnAt: 10, unknownCardWindowMinutes: 10 },
        });
    });
    afterAll(async () => t?.close());
    const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

    it('any till key reading a customer gets the contacts masked, in every POS response that carries them', async () => {
        const api = request(createApp(t.refill));
        const masked = {
            phone: '+7 916 ***-**-67',
            email: 'i***@example.com',
            telegramChatId: '***',
            pushToken: '***',
        };
        const enrolled = await api.put('/pos/v1/customers/5000001').set(auth(t.key)).send(CONTACTS);
        expect(enrolled.status).toBe(201);
        expect(enrolled.body).toMatchObject(masked);
        const read = await api.get('/pos/v1/customers/5000001').set(auth(t.otherKey));
        expect(read.status).toBe(200);
        expect(read.body).toMatchObject(masked);
        expect(JSON.stringify(read.body)).not.toMatch(/12345|ivan|device-token/);
        // What is stored stays whole.
        const [row] = await t.internals.database.all<{ phone: string; email: string }>(
            `SELECT phone, email FROM refill_customers WHERE card_number = '5000001'`,
        );
        expect(row).toEqual({ phone: '+79161234567', email: 'ivan.petrov@example.com' });
        // A customer without contacts shows nulls, not masks.
        const bare = await api.put('/pos/v1/customers/5000002').set(auth(t.key)).send({});
        expect(bare.body).toMatchObject({ phone: null, email: null, telegramChatId: null, pushToken: null });
    });

    it('shows whole contacts to tills when pos.exposeContacts is set', async () => {
        const open = await startTestRefill(engine, 'pos_contacts_open', { pos: { exposeContacts: true } });
        try {
            const api = request(createApp(open.refill));
            await api.put('/pos/v1/customers/5000001').set(auth(open.key)).send(CONTACTS);
            const read = await api.get('/pos/v1/customers/5000001').set(auth(open.key));
            expect(read.body).toMatchObject({ ...CONTACTS, phone: '+79161234567' });
        } finally {
            await open.close();
        }
    });

    it('reads by card are rate-limited per key with a coded 429 and Retry-After; other keys go on', async () => {
        const api = request(createApp(t.refill));
        const [key] = [(await t.internals.services.posKeys.create('S1', 'till 9', 'test')).key];
        const statuses: number[] = [];
        for (let i = 0; i < 40; i++)
            statuses.push(
                (
                    await api
                        .get(i % 2 ? '/pos/v1/customers/5000001' : '/pos/v1/customers/5000001/balance')
                        .set(auth(key))
                ).status,
            );
        expect(statuses.every((s) => s === 200)).toBe(true);
        const limited = await api.get('/pos/v1/customers/5000001').set(auth(key));
        expect(limited.status).toBe(429);
        expect(limited.body.error.code).toBe('REFILL_RATE_LIMITED');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
        expect((await api.get('/pos/v1/customers/5000001/balance').set(auth(key))).status).toBe(429);
        // Another till of the same store has its own budget.
        expect((await api.get('/pos/v1/customers/5000001').set(auth(t.key))).status).toBe(200);
    });

    it('unknown-card lookups are counted per key and logged as a possible enumeration, without the card number', async () => {
        const api = request(createApp(t.refill));
        const { key } = await t.internals.services.posKeys.create('S2', 'till 7', 'test');
        const warnings = () => logs.filter((l) => /enumeration/i.test(String(l.msg)));
        for (let i = 0; i < 9; i++)
            expect((await api.get(`/pos/v1/customers/99000${i}`).set(auth(key))).status).toBe(404);
        expect(warnings()).toHaveLength(0);
        for (let i = 9; i < 15; i++)
            expect((await api.get(`/pos/v1/customers/99000${i}/balance`).set(auth(key))).status).toBe(404);
        const [warning, ...more] = warnings();
        expect(more).toHaveLength(0); // once per window and key
        expect(warning).toMatchObject({
            level: 40,
            storeCode: 'S2',
            unknownCardLookups: 10,
            windowMinutes: 10,
        });
        expect(JSON.stringify(logs)).not.toMatch(/99000/);
        expect(JSON.stringify(logs)).not.toContain(key);
    });
});
