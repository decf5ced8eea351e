import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../helpers/test-database.js';

const SERVER = fileURLToPath(new URL('../../../plugin/standalone/server.ts', import.meta.url));

/** How the spawned server's start-up ended: its URL, or its exit code and what it printed. */
type StartUp = { url: string } | { exitCode: number | null; output: string };

/** Spawns the standalone server as `npm start` runs it (through tsx) and waits for its banner or its exit. */
function startServer(env: Record<string, string>): { child: ChildProcess; started: Promise<StartUp> } {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const started = new Promise<StartUp>((resolve) => {
        const onData = (chunk: Buffer) => {
            output += chunk.toString('utf8');
            const match = /Refill is listening on (http:\/\/\S+)/.exec(output);
            if (match) resolve({ url: match[1] });
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.once('exit', (exitCode) => resolve({ exitCode, output }));
    });
    return { child, started };
}

/*
 * Issue 10: `REFILL_DEMO=0` on an empty database crashed in the demo store
 * lookup after start-up; `GET /` was Express's "Cannot GET /".
 */
describe.each(engines)('the standalone server on an empty %s database', (engine) => {
    let db: TestDatabase;
    let dir: string;
    let server: { child: ChildProcess; started: Promise<StartUp> };
    let startUp: StartUp;
    const url = () => (startUp as { url: string }).url;

    beforeAll(async () => {
        db = await createTestDatabase(engine, 'standalone_empty');
        dir = mkdtempSync(join(tmpdir(), 'refill-standalone-'));
        server = startServer({
            DATABASE_URL: db.url,
            REFILL_DEMO: '0',
            PORT: '0',
            HOST: '127.0.0.1',
            LOG_LEVEL: 'warn',
            REFILL_DEMO_KEY_FILE: join(dir, 'demo-pos-key.txt'),
        });
        startUp = await server.started;
    }, 90_000);
    afterAll(async () => {
        const { child } = server ?? {};
        if (child && child.exitCode === null && child.signalCode === null) {
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await exited;
        }
        rmSync(dir, { recursive: true, force: true });
        await db?.drop();
    });

    it('start-up with REFILL_DEMO=0 on an empty database serves instead of crashing in the demo store lookup', async () => {
        expect(startUp, JSON.stringify(startUp)).toHaveProperty('url');
        // Still running after the banner (the crash came right after it was due).
        await new Promise((r) => setTimeout(r, 500));
        expect(server.child.exitCode).toBeNull();
        const health = await fetch(`${url()}/health`);
        expect(health.status).toBe(200);
        // Nothing was seeded: no stores, no demo key.
        const unauthorised = await fetch(`${url()}/pos/v1/customers/7700001/balance`);
        expect(unauthorised.status).toBe(401);
    });

    it('GET / of the standalone server leads to the admin UI; /about is a small page with links to the APIs', async () => {
        const root = await fetch(`${url()}/`, { redirect: 'manual' });
        expect(root.status).toBe(302);
        expect(root.headers.get('location')).toBe('/admin/');
        const res = await fetch(`${url()}/about`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
        const html = await res.text();
        expect(html).not.toMatch(/Cannot GET/);
        const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
        expect(links).toEqual(
            expect.arrayContaining([
                '/pos/v1/openapi.json',
                '/admin/v1/openapi.json',
                '/health',
                '/admin/v1/campaigns',
            ]),
        );
        // Every link leads somewhere real: the public ones (the API descriptions too) answer, the admin ones ask for a sign-in.
        expect(links).toContain('/admin/');
        // The UI's own page comes with the admin UI build (not part of these links' checks).
        for (const link of links.filter((l) => l !== '/admin/')) {
            const target = await fetch(`${url()}${link}`);
            const signIn = link.startsWith('/admin/') && !link.endsWith('/openapi.json');
            expect(target.status, link).toBe(signIn ? 401 : 200);
            if (signIn)
                expect(((await target.json()) as { error: { code: string } }).error.code, link).toBe(
                    'REFILL_UNAUTHORIZED',
                );
        }
        const openapi = (await (await fetch(`${url()}/pos/v1/openapi.json`)).json()) as { openapi: string };
        expect(openapi.openapi).toMatch(/^3\./);
    });
});
