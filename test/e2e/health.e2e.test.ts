import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRefill, type Refill } from '../../plugin/index.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/test-database.js';
import { refillInternals } from '../../plugin/testing.js';

/** A host app with Refill mounted under a prefix, as a chain's backend mounts it. */
function hostApp(refill: Refill) {
    const app = express();
    app.use('/loyalty', refill.router);
    return app;
}

describe.each(engines)('health endpoints on %s', (engine) => {
    let db: TestDatabase;
    let refill: Refill;
    beforeAll(async () => {
        db = await createTestDatabase(engine, 'health');
        refill = createRefill({ databaseUrl: db.url, logLevel: 'silent', jobs: { process: false } });
        await refill.start();
    });
    afterAll(async () => {
        await refill?.stop();
        await db?.drop();
    });

    it('/health/live, /health/ready and /health answer on the router under any prefix, and readiness turns to draining on stop (/health did not report the database)', async () => {
        const app = hostApp(refill);
        const live = await request(app).get('/loyalty/health/live');
        expect(live.status).toBe(200);
        expect(live.body).toEqual({ status: 'ok' });
        expect(live.headers['cache-control']).toBe('no-store');
        const ready = await request(app).get('/loyalty/health/ready');
        expect(ready.status).toBe(200);
        expect(ready.body).toEqual({ status: 'ok', database: 'ok' });
        const summary = await request(app).get('/loyalty/health');
        expect(summary.status).toBe(200);
        expect(summary.body).toEqual({ status: 'ok', live: true, ready: true, database: 'ok' });

        refillInternals(refill).services.health.markDraining();
        const draining = await request(app).get('/loyalty/health/ready');
        expect(draining.status).toBe(503);
        expect(draining.body.status).toBe('draining');
        expect((await request(app).get('/loyalty/health/live')).status).toBe(200);
    });
});

describe.runIf(process.env.TEST_MYSQL_URL)('health endpoints when MariaDB is unreachable', () => {
    let db: TestDatabase;
    let proxy: TcpProxy;
    let refill: Refill;
    beforeAll(async () => {
        db = await createTestDatabase('mysql', 'health_down');
        proxy = await TcpProxy.forUrl(db.url).start();
        refill = createRefill({
            databaseUrl: proxy.url(db.url),
            logLevel: 'silent',
            jobs: { process: false },
        });
        await refill.start();
    });
    afterAll(async () => {
        proxy?.resume();
        await refill?.stop();
        await proxy?.close();
        await db?.drop();
    });

    it('readiness answers 503 within 2 s while the database does not answer and 200 once it does; liveness stays 200 (/health did not report the database)', async () => {
        const app = hostApp(refill);
        expect((await request(app).get('/loyalty/health/ready')).status).toBe(200);
        proxy.pause('drop');
        let started = Date.now();
        const down = await request(app).get('/loyalty/health/ready');
        expect(down.status).toBe(503);
        expect(down.body).toEqual({ status: 'unavailable', database: 'unavailable' });
        expect(Date.now() - started).toBeLessThan(2000);
        const summary = await request(app).get('/loyalty/health');
        expect(summary.status).toBe(503);
        expect(summary.body).toMatchObject({ live: true, ready: false, database: 'unavailable' });
        started = Date.now();
        expect((await request(app).get('/loyalty/health/live')).status).toBe(200);
        expect(Date.now() - started).toBeLessThan(200);

        proxy.resume();
        const up = await request(app).get('/loyalty/health/ready');
        expect(up.status).toBe(200);
        expect(up.body).toEqual({ status: 'ok', database: 'ok' });
    });
});
