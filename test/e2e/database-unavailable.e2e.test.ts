import net from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRefill, type Refill } from '../../plugin/index.js';
import { createApp } from '../helpers/create-app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { refillInternals } from '../../plugin/testing.js';

/** A TCP proxy to MariaDB that the test can cut, as if the database went away. */
class CuttableProxy {
    private server: net.Server | null = null;
    private readonly sockets = new Set<net.Socket>();
    constructor(
        private readonly target: { host: string; port: number },
        public port = 0,
    ) {}
    async open(): Promise<void> {
        this.server = net.createServer((client) => {
            const upstream = net.connect(this.target.port, this.target.host);
            for (const s of [client, upstream]) {
                this.sockets.add(s);
                s.on('close', () => this.sockets.delete(s));
                s.on('error', () => undefined);
            }
            client.pipe(upstream).pipe(client);
        });
        await new Promise<void>((ok) => this.server!.listen(this.port, '127.0.0.1', ok));
        this.port = (this.server!.address() as net.AddressInfo).port;
    }
    async cut(): Promise<void> {
        for (const s of this.sockets) s.destroy();
        await new Promise<void>((ok) => this.server!.close(() => ok()));
    }
}

describe.runIf(process.env.TEST_MYSQL_URL)('when the database is unreachable', () => {
    let db: TestDatabase;
    let proxy: CuttableProxy;
    let refill: Refill;
    let key: string;
    beforeAll(async () => {
        db = await createTestDatabase('mysql', 'unreachable');
        const url = new URL(db.url);
        proxy = new CuttableProxy({ host: url.hostname, port: Number(url.port || 3306) });
        await proxy.open();
        url.host = `127.0.0.1:${proxy.port}`;
        refill = createRefill({ databaseUrl: url.toString(), logLevel: 'silent' });
        await refill.start();
        await refillInternals(refill).services.stores.upsert('S1', 'Store', null, 'test');
        key = (await refillInternals(refill).services.posKeys.create('S1', null, 'test')).key;
    });
    afterAll(async () => {
        await refill?.stop().catch(() => undefined);
        await db?.drop();
    });

    it('answers 503 within a few seconds, then recovers when it is back', async () => {
        const app = createApp(refill);
        const auth = { Authorization: `Bearer ${key}` };
        const sale = {
            receiptId: 'DOWN-1',
            cardNumber: '6000001',
            storeCode: 'S1',
            purchasedAt: new Date().toISOString(),
            lines: [{ sku: 'A', name: 'a', quantity: 1, amount: 1000 }],
        };
        expect((await request(app).post('/pos/v1/receipts').set(auth).send(sale)).status).toBe(201);

        await proxy.cut();
        const started = Date.now();
        const down = await request(app)
            .post('/pos/v1/receipts')
            .set(auth)
            .send({ ...sale, receiptId: 'DOWN-2' });
        expect(down.status).toBe(503);
        expect(down.body.error.code).toMatch(/^REFILL_(DATABASE_UNAVAILABLE|TIMEOUT)$/);
        expect(Date.now() - started).toBeLessThan(6000);
        const balance = await request(app).get('/pos/v1/customers/6000001/balance').set(auth);
        expect(balance.status).toBe(503);

        await proxy.open();
        const back = await request(app)
            .post('/pos/v1/receipts')
            .set(auth)
            .send({ ...sale, receiptId: 'DOWN-2' });
        expect(back.status).toBe(201);
    });
});
