import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optionsFromEnv, startStandalone, type Standalone } from '../../plugin/standalone/server.js';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/test-database.js';
import { refillInternals } from '../../plugin/testing.js';

const PASSWORD = 'correct horse battery';

/** The standalone server behind a TLS proxy (issue 10, defect 1): `REFILL_TRUST_PROXY`. */
describe.each(engines)('standalone server behind a proxy on %s', (engine) => {
    let db: TestDatabase;
    let server: Standalone;
    beforeAll(async () => {
        db = await createTestDatabase(engine, 'standalone_proxy');
        server = await startStandalone({
            ...optionsFromEnv({ REFILL_TRUST_PROXY: 'loopback', REFILL_DEMO: '0', LOG_LEVEL: 'silent' }),
            port: 0,
            host: '127.0.0.1',
            databaseUrl: db.url,
            demoKeyFile: join(tmpdir(), 'refill-unused-demo-key.txt'),
        });
        await refillInternals(server.refill).services.adminAuth.createUser('olga', PASSWORD, 'admin', 'test');
    });
    afterAll(async () => {
        await server?.close();
        await db?.drop();
    });

    it('reads REFILL_TRUST_PROXY as Express trust proxy values', () => {
        expect(optionsFromEnv({}).trustProxy).toBeUndefined();
        expect(optionsFromEnv({ REFILL_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
        expect(optionsFromEnv({ REFILL_TRUST_PROXY: '2' }).trustProxy).toBe(2);
        expect(optionsFromEnv({ REFILL_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe(
            'loopback, 10.0.0.0/8',
        );
    });

    it('behind a TLS proxy the standalone server sets a Secure session cookie', async () => {
        const res = await request(server.url)
            .post('/admin/v1/session')
            .set('X-Forwarded-Proto', 'https')
            .set('X-Forwarded-For', '203.0.113.9')
            .send({ username: 'olga', password: PASSWORD });
        expect(res.status).toBe(201);
        expect(String(res.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    });
});
