import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRefill } from '../../plugin/index.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { refillInternals } from '../../plugin/testing.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The standalone server's entry, run from source through tsx (as the standalone start-up test does). */
const SERVER = join(ROOT, 'plugin', 'standalone', 'server.ts');

/** A spawned server: its URL once the banner is out, how it exited, everything it printed. */
interface Spawned {
    child: ChildProcess;
    url: Promise<string>;
    exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
    output(): string;
}

function spawnServer(env: Record<string, string>): Spawned {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = new Promise<string>((ok, fail) => {
        const onData = (chunk: Buffer) => {
            output += chunk.toString('utf8');
            const match = /Refill is listening on (http:\/\/\S+)/.exec(output);
            if (match) ok(match[1]);
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.once('exit', () => fail(new Error(`the server exited before listening:\n${output}`)));
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((ok) =>
        child.once('exit', (code, signal) => ok({ code, signal, at: Date.now() })),
    );
    return { child, url, exited, output: () => output };
}

/*
 * Issue 10: with the database silently gone, SIGTERM did not stop the
 * standalone server. The server process reaches MariaDB through a TCP proxy
 * the test pauses.
 */
describe.runIf(process.env.TEST_MYSQL_URL)('the standalone server process on SIGTERM', () => {
    let db: TestDatabase;
    let proxy: TcpProxy;
    let dir: string;
    let server: Spawned | null = null;

    beforeAll(async () => {
        db = await createTestDatabase('mysql', 'sigterm');
        // A migrated database with a store, as a chain runs it (no demo).
        const seeding = createRefill({ databaseUrl: db.url, logLevel: 'silent', jobs: { process: false } });
        await seeding.start();
        await refillInternals(seeding).services.stores.upsert('S1', 'Store', null, 'test');
        await seeding.stop();
        proxy = await TcpProxy.forUrl(db.url).start();
        dir = mkdtempSync(join(tmpdir(), 'refill-sigterm-'));
    }, 120_000);
    afterAll(async () => {
        if (server && server.child.exitCode === null && server.child.signalCode === null)
            server.child.kill('SIGKILL');
        proxy?.resume();
        await proxy?.close();
        rmSync(dir, { recursive: true, force: true });
        await db?.drop();
    });

    it('exits within 10 s of SIGTERM with the database unreachable, after answering the request in flight (SIGTERM did not stop the process)', async () => {
        server = spawnServer({
            DATABASE_URL: proxy.url(db.url),
            REFILL_DEMO: '0',
            PORT: '0',
            HOST: '127.0.0.1',
            LOG_LEVEL: 'info',
            REFILL_DEMO_KEY_FILE: join(dir, 'demo-pos-key.txt'),
        });
        const url = await server.url;
        expect((await fetch(`${url}/health/ready`)).status).toBe(200);

        proxy.pause('drop');
        // In flight when the signal comes: its POS key lookup waits on the dead database.
        const inFlight = fetch(`${url}/pos/v1/customers/7700001/balance`, {
            headers: { Authorization: 'Bearer rfk_unknown_key_0000000000000000' },
        }).then(
            (res) => res.status,
            (error: Error) => error.message,
        );
        await new Promise((r) => setTimeout(r, 300));
        const signalled = Date.now();
        server.child.kill('SIGTERM');
        const exit = await Promise.race([
            server.exited,
            new Promise<null>((r) => setTimeout(() => r(null), 15_000)),
        ]);
        expect(exit, server.output()).not.toBeNull();
        expect(exit!.at - signalled).toBeLessThan(10_000);
        expect(exit!.code).toBe(0);
        // Drained: the request got its answer (the database is unavailable), not a cut connection.
        expect(await inFlight).toBe(503);
        expect(server.output()).toMatch(/shutting down/);
    }, 40_000);
});
