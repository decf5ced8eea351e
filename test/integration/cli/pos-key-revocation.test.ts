import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../helpers/create-app.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../../helpers/test-refill.js';

const run = promisify(execFile);

describe.each(engines)('POS key revocation across processes on %s', (engine) => {
    let t: TestRefill;
    beforeAll(async () => {
        // A long key cache: without a revocation stamp the server would trust the key for a minute.
        t = await startTestRefill(engine, 'key_revoke', { pos: { cacheTtlMs: 60_000 } });
    });
    afterAll(async () => t?.close());

    it('a key revoked by the CLI in another process stops working on the server within 1 s', async () => {
        const app = createApp(t.refill);
        const { id, key } = await t.internals.services.posKeys.create('S1', 'till 9', 'test');
        const balance = () =>
            request(app)
                .get('/pos/v1/customers/7000009/balance')
                .set({ Authorization: `Bearer ${key}` });
        expect((await balance()).status).toBe(404); // authenticated (no such card), and now cached

        await run(process.execPath, [
            '--import',
            'tsx',
            'test/helpers/run-cli.ts',
            '--database-url',
            t.db.url,
            'pos-key',
            'revoke',
            String(id),
            '--actor',
            'olga',
        ]);
        const revokedAt = Date.now();
        let status = 0;
        while (Date.now() - revokedAt < 3_000) {
            status = (await balance()).status;
            if (status === 401) break;
            await new Promise((r) => setTimeout(r, 25));
        }
        expect(status).toBe(401);
        expect(Date.now() - revokedAt).toBeLessThan(1_000);
    });
});
