import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../plugin/kernel/http/error-handler.js';
import { requestTimeout } from '../../plugin/kernel/http/request-timeout.js';
import { sqlDialect } from '../../plugin/kernel/db/sql-dialect.js';
import { createLogger } from '../../plugin/kernel/logging/logger.js';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

const TIMEOUT_MS = 1000;
const CARD = '7300001';

/** One HTTP exchange over `agent`: status and parsed body, or the socket error. */
function post(agent: http.Agent, port: number, path: string, headers: Record<string, string>, body: unknown) {
    return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
        const req = http.request(
            {
                host: '127.0.0.1',
                port,
                path,
                method: 'POST',
                agent,
                headers: { ...headers, 'content-type': 'application/json' },
            },
            (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (c: Buffer) => chunks.push(c));
                res.on('end', () =>
                    resolve({
                        status: res.statusCode!,
                        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
                    }),
                );
                res.on('error', reject);
            },
        );
        req.on('error', reject);
        req.end(JSON.stringify(body));
    });
}

/** A GET over `agent`: its status. */
function get(agent: http.Agent, port: number, path: string, headers: Record<string, string>) {
    return new Promise<number>((resolve, reject) =>
        http
            .get({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
                res.resume();
                res.on('end', () => resolve(res.statusCode!));
            })
            .on('error', reject),
    );
}

/** Listens on a free local port; counts the TCP connections it accepts. */
async function listen(app: express.Express) {
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    let connections = 0;
    server.on('connection', () => connections++);
    return { server, port: (server.address() as AddressInfo).port, connections: () => connections };
}

/*
 * Issue 10: after the 503 timeout answer, the late handler wrote its headers
 * again; Express then destroyed the keep-alive socket, so the till's retry on
 * that socket failed. A late handler must write nothing.
 */
describe('the request timeout and the error handler', () => {
    it('after a 503 timeout answer the late handler writes nothing, and the retry on the same keep-alive socket succeeds', async () => {
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        let lateDone!: () => void;
        const late = new Promise<void>((r) => (lateDone = r));
        let calls = 0;
        const app = express();
        app.use(requestTimeout(200));
        app.post('/sale', async (_req, res) => {
            // The first call is slow (a stuck database, say); the retry is quick.
            if (++calls === 1) {
                await gate;
                setImmediate(lateDone);
            }
            res.setHeader('Idempotent-Replayed', String(calls > 1));
            res.status(201).json({ ok: true, call: calls });
        });
        app.use(errorHandler(createLogger('silent')));
        const { server, port, connections } = await listen(app);
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        try {
            const first = await post(agent, port, '/sale', {}, {});
            expect(first).toEqual({
                status: 503,
                body: { error: { code: 'REFILL_TIMEOUT', message: expect.any(String) } },
            });
            // The late handler finishes (and tries to answer) before the till retries.
            release();
            await late;
            await new Promise((r) => setTimeout(r, 50));
            const retry = await post(agent, port, '/sale', {}, {});
            expect(retry).toEqual({ status: 201, body: { ok: true, call: 2 } });
            expect(connections()).toBe(1);
        } finally {
            agent.destroy();
            server.closeAllConnections();
            await new Promise((r) => server.close(r));
        }
    });
});

describe.each(engines)('a POS sale answered with a 503 while it waits, on %s', (engine) => {
    let t: TestRefill;
    let server: http.Server;
    let port: number;
    let connections = 0;

    beforeAll(async () => {
        // One MySQL connection: while the test holds it, the sale waits for it, not in a statement.
        t = await startTestRefill(engine, 'request_timeout', {
            pos: { requestTimeoutMs: TIMEOUT_MS },
            poolSize: 1,
        });
        await t.internals.services.customers.upsert(
            CARD,
            { consents: { sms: { granted: false } } },
            { source: 'test', storeId: null },
        );
        server = createApp(t.refill).listen(0, '127.0.0.1');
        await new Promise((r) => server.once('listening', r));
        server.on('connection', () => connections++);
        port = (server.address() as AddressInfo).port;
    });
    afterAll(async () => {
        server?.closeAllConnections();
        await new Promise((r) => server?.close(r));
        await t?.close();
    });

    it(
        'a sale answered with a 503 while it waits is retried on the same keep-alive socket and counted once',
        { timeout: 30_000 },
        async () => {
            const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
            const auth = { authorization: `Bearer ${t.key}` };
            const sale = {
                receiptId: 'SLOW-1',
                cardNumber: CARD,
                storeCode: t.storeCode,
                purchasedAt: new Date().toISOString(),
                lines: [{ sku: 'LOSARTAN-50', name: 'Losartan 50mg', quantity: 1, amount: 45_000 }],
            };
            // Warm the POS key cache, so the sale is what waits.
            const warm = await get(agent, port, `/pos/v1/customers/${CARD}/balance`, auth);
            expect(warm).toBe(200);

            // Another unit of work holds the customer's row lock and the only connection (SQLite: the
            // database lock): the sale waits past the timeout.
            let release!: () => void;
            const gate = new Promise<void>((r) => (release = r));
            let locked!: () => void;
            const lockTaken = new Promise<void>((r) => (locked = r));
            const db = t.internals.database;
            const holder = db.transaction(async (tx) => {
                await tx.all(
                    `SELECT id FROM refill_customers WHERE card_number = ?${sqlDialect.forUpdate(db.dialect)}`,
                    [CARD],
                );
                locked();
                await gate;
            });
            await lockTaken;

            const first = await post(agent, port, '/pos/v1/receipts', auth, sale);
            expect(first.status).toBe(503);
            // The request timeout, or on MySQL the database time limit it sets (whichever ends first).
            expect((first.body as { error: { code: string } }).error.code).toMatch(
                /^REFILL_(TIMEOUT|DATABASE_UNAVAILABLE)$/,
            );
            // The till retries at once, on the same socket; the late handler finishes meanwhile.
            const retry = post(agent, port, '/pos/v1/receipts', auth, sale);
            await new Promise((r) => setTimeout(r, 200));
            release();
            await holder;
            const second = await retry;
            // A replay (200) of what the late handler committed, or the sale itself (201) when the
            // late handler stopped before writing.
            expect([200, 201], JSON.stringify(second.body)).toContain(second.status);
            expect(second.body).toMatchObject({ receiptId: 'SLOW-1' });
            // Once the late handler is surely done, the socket still serves the till.
            await new Promise((r) => setTimeout(r, 300));
            const balance = await get(agent, port, `/pos/v1/customers/${CARD}/balance`, auth);
            expect(balance).toBe(200);
            expect(connections).toBe(1);
            const [row] = await db.all<{ n: unknown }>(
                'SELECT COUNT(*) AS n FROM refill_purchases WHERE receipt_id = ?',
                ['SLOW-1'],
            );
            expect(Number(row.n)).toBe(1);
            agent.destroy();
        },
    );
});
