import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminBanner } from '../../plugin/standalone/demo-admin.js';
import { optionsFromEnv, type StandaloneOptions, startStandalone } from '../../plugin/standalone/server.js';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/test-database.js';

/** The standalone demo's admin: created once with a random password, in a 0600 file. */
describe.each(engines)('the standalone demo admin on %s', (engine) => {
    let db: TestDatabase;
    let dir: string;
    let options: StandaloneOptions;
    beforeAll(async () => {
        db = await createTestDatabase(engine, 'standalone_demo_admin');
        dir = mkdtempSync(join(tmpdir(), 'refill-demo-admin-'));
        options = {
            ...optionsFromEnv({ REFILL_DEMO_CUSTOMERS: '20', LOG_LEVEL: 'silent' }),
            port: 0,
            host: '127.0.0.1',
            databaseUrl: db.url,
            demoKeyFile: join(dir, 'demo-pos-key.txt'),
            demoAdminFile: join(dir, 'admin-credentials.txt'),
        };
    });
    afterAll(async () => {
        rmSync(dir, { recursive: true, force: true });
        await db?.drop();
    });

    it('creates the admin on the first start, shows the password once, and only the file afterwards', async () => {
        const first = await startStandalone(options);
        let password: string;
        try {
            expect(first.demoAdmin).toEqual({
                username: 'admin',
                file: options.demoAdminFile,
                password: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/),
            });
            password = first.demoAdmin!.password!;
            const file = options.demoAdminFile!;
            expect(statSync(file).mode & 0o777).toBe(0o600);
            expect(readFileSync(file, 'utf8')).toBe(`username: admin\npassword: ${password}\n`);
            expect(adminBanner(first.url, first.demoAdmin)).toEqual([
                `  Admin UI: ${first.url}/admin/`,
                expect.stringContaining(`admin / ${password}`),
            ]);
            const signIn = await request(first.url)
                .post('/admin/v1/session')
                .send({ username: 'admin', password });
            expect(signIn.status).toBe(201);
            expect(signIn.body.user).toMatchObject({ username: 'admin', role: 'admin' });
            // The first page is filled: the demo's last weeks at the tills are counted into the figures.
            const dashboard = await request(first.url)
                .get('/admin/v1/dashboard')
                .set('Cookie', String(signIn.headers['set-cookie']).split(';')[0]);
            expect(dashboard.status).toBe(200);
            const flow = dashboard.body.bonusFlow as Array<{ accrued: number; redeemed: number }>;
            expect(flow.some((d) => d.accrued > 0)).toBe(true);
            expect(flow.some((d) => d.redeemed > 0)).toBe(true);
            expect((dashboard.body.receipts as unknown[]).length).toBeGreaterThan(0);
            const root = await request(first.url).get('/');
            expect(root.status).toBe(302);
            expect(root.headers.location).toBe('/admin/');
        } finally {
            await first.close();
        }

        const later = await startStandalone(options);
        try {
            expect(later.demoAdmin).toEqual({
                username: 'admin',
                file: options.demoAdminFile,
                password: null,
            });
            expect(adminBanner(later.url, later.demoAdmin)).toEqual([
                `  Admin UI: ${later.url}/admin/`,
                `  Demo admin credentials: ${options.demoAdminFile}`,
            ]);
            expect(readFileSync(options.demoAdminFile!, 'utf8')).toContain(password);
        } finally {
            await later.close();
        }
    }, 120_000);
});
