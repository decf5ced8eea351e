import { execFileSync } from 'node:child_process';
import {
    closeSync,
    copyFileSync,
    existsSync,
    mkdtempSync,
    openSync,
    readdirSync,
    rmSync,
    statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
    startStandalone,
    type Standalone,
    type StandaloneOptions,
} from '../../../plugin/standalone/server.js';
import { createTestDatabase, type Engine, type TestDatabase } from '../../helpers/test-database.js';
import { cloneDemo, demoTemplate } from './demo-template.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const UI = join(ROOT, 'admin-ui');

/** The password of every test user. */
export const TEST_PASSWORD = 'browser-test-password';

/** A role the browser tests sign in as. */
export type TestRole = 'admin' | 'marketer' | 'manager' | 'analyst';

/** A running standalone Refill with the demo chain and one user per role. */
export interface UiServer {
    engine: Engine;
    /** The admin UI's URL (`http://127.0.0.1:PORT/admin/`). */
    adminUrl: string;
    standalone: Standalone;
    /** The username of the user with each role (all share {@link TEST_PASSWORD}). */
    users: Partial<Record<TestRole, string>>;
    close(): Promise<void>;
}

function newestMtime(dir: string): number {
    let newest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
    }
    return newest;
}

function uiIsFresh(): boolean {
    const index = join(UI, 'dist', 'index.html');
    const sources = Math.max(newestMtime(join(UI, 'src')), statSync(join(UI, 'index.html')).mtimeMs);
    return existsSync(index) && statSync(index).mtimeMs >= sources;
}

function sleep(ms: number): void {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the admin UI when `admin-ui/dist` is missing or older than its
 * sources (a few seconds), so the tests never run against a stale build. Test
 * files run in parallel workers: one builds (holding a lock file), the others
 * wait for it.
 */
export function ensureUiBuilt(): void {
    if (uiIsFresh()) return;
    const lock = join(tmpdir(), `refill-admin-ui-build-${Buffer.from(UI).toString('hex').slice(-32)}.lock`);
    for (let waited = 0; ; waited += 250) {
        try {
            closeSync(openSync(lock, 'wx'));
            break;
        } catch {
            // Another worker is building; a lock older than two minutes is left over from a killed run.
            const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
            if (waited > 120_000 || Date.now() - since > 120_000) rmSync(lock, { force: true });
            sleep(250);
        }
    }
    try {
        if (!uiIsFresh()) buildUi();
    } finally {
        rmSync(lock, { force: true });
    }
}

function buildUi(): void {
    const tsx = join(ROOT, 'node_modules', 'tsx/dist/cli.mjs');
    for (const script of ['admin-ui/scripts/generate-api-types.ts', 'admin-ui/scripts/build-ui.ts'])
        execFileSync(process.execPath, [tsx, script], { cwd: ROOT, stdio: 'pipe' });
}

/** Signs in over HTTP and returns the cookie and CSRF token (to set up data as a person would). */
async function apiSession(
    url: string,
    username: string,
    password: string,
): Promise<{ cookie: string; csrf: string }> {
    const res = await fetch(`${url}/admin/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
    });
    if (res.status !== 201) throw new Error(`sign-in as ${username} failed: ${res.status}`);
    const body = (await res.json()) as { csrfToken: string };
    return { cookie: res.headers.get('set-cookie')!.split(';')[0], csrf: body.csrfToken };
}

/** The test users: one per role, the manager bound to two stores. */
const TEST_USERS: Record<TestRole, { username: string; displayName: string }> = {
    admin: { username: 'anna', displayName: 'Анна Админова' },
    marketer: { username: 'mark', displayName: 'Марк Маркетов' },
    manager: { username: 'olga', displayName: 'Ольга Петрова' },
    analyst: { username: 'alex', displayName: 'Алексей Счётов' },
};

/**
 * Creates a user per role through the admin API (`POST /users`), signed in as
 * the demo admin the standalone server made on its first start.
 */
async function createUsers(standalone: Standalone): Promise<UiServer['users']> {
    const demo = standalone.demoAdmin;
    if (!demo?.password) throw new Error('the standalone server made no demo admin');
    const { cookie, csrf } = await apiSession(standalone.url, demo.username, demo.password);
    const api = (path: string, body?: unknown) =>
        fetch(`${standalone.url}/admin/v1${path}`, {
            method: body ? 'POST' : 'GET',
            headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
            body: body ? JSON.stringify(body) : undefined,
        });
    const stores = ((await (await api('/stores?limit=2')).json()) as { data: { id: number }[] }).data;
    const users: UiServer['users'] = {};
    for (const [role, user] of Object.entries(TEST_USERS) as [TestRole, (typeof TEST_USERS)[TestRole]][]) {
        const res = await api('/users', {
            ...user,
            role,
            password: TEST_PASSWORD,
            ...(role === 'manager' ? { storeIds: stores.map((s) => s.id) } : {}),
        });
        if (res.status !== 201)
            throw new Error(`creating the ${role} failed: ${res.status} ${await res.text()}`);
        users[role] = user.username;
    }
    return users;
}

/** What shapes a demo chain's data: its size and the server's messaging options. */
interface DemoOptions {
    messaging?: StandaloneOptions['messaging'];
    demoCustomers?: number;
}

/** Where a standalone server keeps the demo's POS key and admin credentials, in `dir`. */
function demoFiles(dir: string): Pick<StandaloneOptions, 'demoKeyFile' | 'demoAdminFile'> {
    return { demoKeyFile: join(dir, 'demo-pos-key.txt'), demoAdminFile: join(dir, 'admin-credentials.txt') };
}

/** Starts the standalone server on `db` with the demo: seeds it on an empty database, as a newcomer's first start. */
function startDemoServer(db: TestDatabase, dir: string, options: DemoOptions): Promise<Standalone> {
    return startStandalone({
        port: 0,
        host: '127.0.0.1',
        databaseUrl: db.url,
        demo: true,
        demoCustomers: options.demoCustomers ?? 300,
        ...demoFiles(dir),
        logLevel: 'silent',
        messaging: options.messaging,
    });
}

/**
 * Seeds the demo chain and the test users into `db` (a first start of the
 * server, then closed), keeping the demo's files in `dir`: what each test
 * file's copy starts from.
 */
async function seedDemo(db: TestDatabase, dir: string, options: DemoOptions): Promise<UiServer['users']> {
    const standalone = await startDemoServer(db, dir, options);
    try {
        return await createUsers(standalone);
    } finally {
        await standalone.close();
    }
}

/**
 * Starts the real standalone server on a fresh database of `engine` (SQLite
 * file, or MariaDB when TEST_MYSQL_URL is set) with a small demo chain, and
 * one user per role. One per engine per test file. `options.messaging` sets
 * the server's messaging options (the send guard's thresholds, the send window);
 * `options.demoCustomers` the demo chain's size (default 300).
 *
 * The demo chain and users are seeded once per engine and options in a test
 * run (a template, see demo-template.ts); each call gets its own copy of that
 * database and of the demo's files (the POS key, the admin's credentials), so
 * test files stay independent. Outside the global setup each call seeds its own.
 */
export async function startUiServer(
    engine: Engine,
    name: string,
    options: DemoOptions = {},
): Promise<UiServer> {
    ensureUiBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'refill-browser-'));
    const template = await demoTemplate(engine, options, (db, files) => seedDemo(db, files, options));
    const db: TestDatabase = template
        ? await cloneDemo(template, name)
        : await createTestDatabase(engine, name);
    let standalone: Standalone | undefined;
    try {
        let users: UiServer['users'];
        if (template) {
            const copies = demoFiles(dir);
            const originals = demoFiles(template.files);
            copyFileSync(originals.demoKeyFile, copies.demoKeyFile);
            copyFileSync(originals.demoAdminFile!, copies.demoAdminFile!);
            // The demo is in place: the server starts as on a later start (the key read from its file).
            standalone = await startDemoServer(db, dir, options);
            users = template.extra as UiServer['users'];
        } else {
            standalone = await startDemoServer(db, dir, options);
            users = await createUsers(standalone);
        }
        const started = standalone;
        return {
            engine,
            adminUrl: `${started.url}/admin/`,
            standalone: started,
            users,
            async close() {
                await started.close();
                await db.drop();
                rmSync(dir, { recursive: true, force: true });
            },
        };
    } catch (error) {
        await standalone?.close();
        await db.drop();
        rmSync(dir, { recursive: true, force: true });
        throw error;
    }
}
