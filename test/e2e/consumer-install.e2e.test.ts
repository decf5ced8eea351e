import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packRefill } from '../helpers/packed-refill.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const run = promisify(execFile);

/**
 * The host: boots Refill on its database, migrates, creates a store and a
 * POS key through `refill.admin`, commits a sale through the router mounted
 * in its own Express app, opens the admin UI shipped in the package, tries
 * the SQLite engine it did not install, and prints what happened as one JSON line.
 */
const HOST_SCRIPT = `
import express from 'express';
import { createRefill } from 'refill';

const refill = createRefill({ databaseUrl: process.env.DATABASE_URL, logLevel: 'silent', jobs: { process: false } });
const applied = await refill.migrate();
await refill.start();
await refill.admin.addStore({ code: 'WEB', name: 'Web shop' });
const { key } = await refill.admin.createPosKey({ storeCode: 'WEB', label: 'checkout' });
const app = express();
app.use('/loyalty', refill.router);
const server = await new Promise((ok) => { const s = app.listen(0, '127.0.0.1', () => ok(s)); });
const response = await fetch('http://127.0.0.1:' + server.address().port + '/loyalty/pos/v1/receipts', {
    method: 'POST',
    headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json' },
    body: JSON.stringify({
        receiptId: 'WEB-1',
        cardNumber: '5000001',
        storeCode: 'WEB',
        purchasedAt: new Date().toISOString(),
        lines: [{ sku: 'SKU-1', name: 'Item', quantity: 1, amount: 10000 }],
    }),
});
const sale = { status: response.status, body: await response.json() };
const page = await fetch('http://127.0.0.1:' + server.address().port + '/loyalty/admin/customers');
const ui = { status: page.status, csp: page.headers.get('content-security-policy'), root: (await page.text()).includes('id="root"') };
let sqlite;
try {
    createRefill({ databaseUrl: 'sqlite::memory:' });
    sqlite = { created: true };
} catch (error) {
    sqlite = { code: error.code, message: error.message };
}
server.close();
await refill.stop();
console.log(JSON.stringify({ applied: applied.length, sale, ui, sqlite }));
`;

/** Files under `dir` whose name ends with `.node` (compiled addons). */
function addons(dir: string): string[] {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.node'));
}

const mysqlUrl = process.env.TEST_MYSQL_URL;

describe.skipIf(!mysqlUrl)('Refill installed from its tarball into a MySQL-only host app', () => {
    let host: string;
    let db: TestDatabase;
    let started: number;
    beforeAll(async () => {
        started = Date.now();
        db = await createTestDatabase('mysql', 'consumer_install');
        const tarball = await packRefill();
        host = mkdtempSync(join(tmpdir(), 'refill-consumer-'));
        writeFileSync(
            join(host, 'package.json'),
            JSON.stringify({
                name: 'refill-host',
                private: true,
                type: 'module',
                dependencies: {
                    agenda: '6.2.6',
                    express: '^5.3.0',
                    mysql2: '^3.24.6',
                    refill: `file:${tarball}`,
                    typeorm: '^1.1.1',
                },
            }),
        );
        writeFileSync(join(host, 'host.mjs'), HOST_SCRIPT);
        await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
            cwd: host,
            maxBuffer: 16 * 1024 * 1024,
        });
    }, 600_000);
    afterAll(async () => {
        if (host) rmSync(host, { recursive: true, force: true });
        await db?.drop();
        // The time the whole install took, for the suite's budget.
        console.log(`consumer install: ${Math.round((Date.now() - started) / 1000)} s`);
    });

    it('installs without better-sqlite3 and compiles nothing', () => {
        expect(existsSync(join(host, 'node_modules/refill/dist/plugin/index.js'))).toBe(true);
        expect(existsSync(join(host, 'node_modules/refill/admin-ui/dist/index.html'))).toBe(true);
        expect(existsSync(join(host, 'node_modules/better-sqlite3'))).toBe(false);
        expect(addons(join(host, 'node_modules'))).toEqual([]);
    });

    it('boots on a fresh database, is scripted through refill.admin and serves a sale', async () => {
        const { stdout } = await run(process.execPath, ['host.mjs'], {
            cwd: host,
            env: { ...process.env, DATABASE_URL: db.url },
        });
        const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
        expect(result.applied).toBeGreaterThan(0);
        expect(result.sale).toMatchObject({ status: 201, body: { earned: 300 } });
        // The built admin UI comes with the package and is found from dist/plugin.
        expect(result.ui).toMatchObject({
            status: 200,
            csp: expect.stringContaining("script-src 'self'"),
            root: true,
        });
        // The SQLite engine the host left out is a configuration error that names the package.
        expect(result.sqlite).toMatchObject({
            code: 'REFILL_CONFIG_INVALID',
            message: expect.stringContaining('better-sqlite3'),
        });
    }, 120_000);
});
