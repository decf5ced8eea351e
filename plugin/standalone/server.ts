import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import express from 'express';
import { DEFAULT_DATABASE_URL } from '../cli/cli-context.js';
import { seedDemoCampaigns } from '../demo/demo-campaigns.js';
import { seedDemoChains } from '../demo/demo-chains.js';
import { seedRecentSales } from '../demo/demo-recent-sales.js';
import { seedDemoChain } from '../demo/demo-seed.js';
import { seedDemoLifecycle } from '../demo/demo-lifecycle.js';
import { seedDemoStoreLocations } from '../demo/demo-store-locations.js';
import type { RefillOptions, TrustProxy } from '../config/refill-options.js';
import { createRefill, type Refill } from '../refill.js';
import { refillInternals } from '../refill-internals.js';
import { settleWithin } from '../kernel/db/close-data-source.js';
import { adminBanner, createDemoAdmin, type DemoAdmin, existingDemoAdmin } from './demo-admin.js';
import { homePage } from './home-page.js';

/** How to run the standalone server. */
export interface StandaloneOptions {
    port: number;
    host: string;
    databaseUrl: string;
    /** Seed a demo chain when the database has no stores yet. */
    demo: boolean;
    /** Customers in the demo chain. */
    demoCustomers: number;
    /** Where the demo POS key is kept between starts (demo only). */
    demoKeyFile: string;
    /** Where the demo admin's generated credentials are written on the first start (demo only). */
    demoAdminFile?: string;
    logLevel: string;
    /** Connections in the MySQL pool (ignored for SQLite). */
    poolSize?: number;
    /** Public URL of the server, for unsubscribe links (default: the listening address). */
    publicUrl?: string;
    /** Messaging options (channels, policy) read from the JSON file named by REFILL_MESSAGING. */
    messaging?: RefillOptions['messaging'];
    /** Proxies in front of the server to trust for client IP and scheme (REFILL_TRUST_PROXY); none by default. */
    trustProxy?: TrustProxy;
}

/** A running standalone server. */
export interface Standalone {
    server: Server;
    refill: Refill;
    url: string;
    demoKey: string | null;
    /** The demo admin (its password only on the start that created it); null without the demo. */
    demoAdmin: DemoAdmin | null;
    /**
     * Shuts down: readiness answers `draining`, no new connections are accepted,
     * requests in flight get up to {@link DRAIN_MS} to finish (then their
     * connections are closed), then Refill stops its jobs and closes its database
     * (each within a few seconds, even when the database is unreachable).
     */
    close(): Promise<void>;
}

/** Where the demo admin's credentials go by default. */
export const DEFAULT_DEMO_ADMIN_FILE = './data/admin-credentials.txt';

/** How long requests in flight get to finish on shutdown, ms (a POS request answers within pos.requestTimeoutMs). */
export const DRAIN_MS = 5000;
/** The process exits this long after SIGTERM/SIGINT at the latest, ms. */
export const SHUTDOWN_DEADLINE_MS = 9500;

/**
 * `REFILL_TRUST_PROXY` as Express's `trust proxy` value: `true`/`false`, a hop count, or a
 * comma-separated list of addresses, subnets and names (`loopback`, `10.0.0.0/8`).
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
    const text = value?.trim();
    if (!text) return undefined;
    if (text === 'true' || text === 'false') return text === 'true';
    if (/^\d+$/.test(text)) return Number(text);
    return text;
}

/**
 * Options from the environment (PORT, HOST, DATABASE_URL, REFILL_DEMO, REFILL_DEMO_CUSTOMERS,
 * REFILL_DEMO_KEY_FILE, REFILL_DEMO_ADMIN_FILE,
 * REFILL_POOL_SIZE, REFILL_PUBLIC_URL, REFILL_MESSAGING — a JSON file of messaging options —,
 * REFILL_TRUST_PROXY and LOG_LEVEL).
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): StandaloneOptions {
    return {
        port: Number(env.PORT ?? 3000),
        host: env.HOST ?? '127.0.0.1',
        databaseUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
        demo: env.REFILL_DEMO !== '0',
        demoCustomers: Number(env.REFILL_DEMO_CUSTOMERS ?? 2000),
        demoKeyFile: resolve(env.REFILL_DEMO_KEY_FILE ?? './data/demo-pos-key.txt'),
        demoAdminFile: resolve(env.REFILL_DEMO_ADMIN_FILE ?? DEFAULT_DEMO_ADMIN_FILE),
        logLevel: env.LOG_LEVEL ?? 'info',
        poolSize: env.REFILL_POOL_SIZE ? Number(env.REFILL_POOL_SIZE) : undefined,
        publicUrl: env.REFILL_PUBLIC_URL,
        messaging: env.REFILL_MESSAGING
            ? (JSON.parse(readFileSync(resolve(env.REFILL_MESSAGING), 'utf8')) as RefillOptions['messaging'])
            : undefined,
        trustProxy: parseTrustProxy(env.REFILL_TRUST_PROXY),
    };
}

/**
 * Runs Refill on its own: opens the database (embedded SQLite by default),
 * applies migrations, seeds a small demo chain on the first start and serves
 * the POS API.
 */
export async function startStandalone(options: StandaloneOptions): Promise<Standalone> {
    const host = options.host === '0.0.0.0' ? 'localhost' : options.host;
    const messaging: RefillOptions['messaging'] = {
        publicUrl: options.publicUrl ?? `http://${host}:${options.port}`,
        ...options.messaging,
    };
    const refill = createRefill({
        databaseUrl: options.databaseUrl,
        logLevel: options.logLevel,
        poolSize: options.poolSize,
        trustProxy: options.trustProxy,
        messaging,
    });
    await refill.start();
    const { services, logger } = refillInternals(refill);
    let demo: { key: string | null; admin: DemoAdmin | null } = { key: null, admin: null };
    if (options.demo) demo = await ensureDemo(refill, { ...options, messaging });

    const app = express();
    app.disable('x-powered-by');
    // The server's own routes (/) see what Refill's do.
    if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
    // The admin UI is the front door; the page of API links stays at /about.
    app.get('/', (_req, res) => res.redirect(302, '/admin/'));
    app.get('/about', homePage);
    // /health, /health/live and /health/ready come with Refill's router.
    app.use(refill.router);
    const server = await new Promise<Server>((ok, fail) => {
        const s = app.listen(options.port, options.host, () => ok(s));
        s.on('error', fail);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const url = `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}`;
    return {
        server,
        refill,
        url,
        demoKey: demo.key,
        demoAdmin: demo.admin,
        async close() {
            services.health.markDraining();
            const drained = new Promise<void>((ok) => server.close(() => ok()));
            // A keep-alive connection whose request just got its answer is idle now: close it too.
            const closeIdle = setInterval(() => server.closeIdleConnections(), 50);
            server.closeIdleConnections();
            const inTime = await settleWithin(drained, DRAIN_MS);
            clearInterval(closeIdle);
            if (!inTime) {
                logger.warn({ drainMs: DRAIN_MS }, 'requests still in flight at shutdown; closing them');
                server.closeAllConnections();
            }
            await refill.stop();
        },
    };
}

/** Seeds the demo chain, its POS key and its admin on the first start; reads where they are on later ones. */
async function ensureDemo(
    refill: Refill,
    options: StandaloneOptions,
): Promise<{ key: string | null; admin: DemoAdmin | null }> {
    const { services, logger } = refillInternals(refill);
    const adminFile = resolve(options.demoAdminFile ?? DEFAULT_DEMO_ADMIN_FILE);
    const stores = await services.stores.list();
    if (stores.length === 0) {
        logger.info({ customers: options.demoCustomers }, 'seeding the demo chain (first start)');
        await seedDemoChain(refill, { customers: options.demoCustomers, seed: 1 });
        // A finished win-back with its measured effect and a running one, played on a backdated clock.
        await seedDemoCampaigns(refill, { seed: 1, messaging: options.messaging });
        await seedDemoChains(refill, { seed: 1, messaging: options.messaging });
        // The last four weeks at the tills, so accruals and redemptions show from the first page on.
        await seedRecentSales(refill, { sales: Math.min(600, options.demoCustomers), days: 28, seed: 1 });
        // Count the history into the dashboard's figures now, not at the job's next run, so the
        // first page a newcomer opens is filled. Nothing else writes yet: no rows to wait for.
        await services.dailyFigures.refresh({ settleMs: 0 });
        // Lifecycle segments at one past day a week and today, so their sizes and flows show.
        await seedDemoLifecycle(refill);
        // Stores on the map and customers' home stores, for the segment editor's distance condition.
        await seedDemoStoreLocations(refill);
        const store = await demoStore(refill);
        if (!store) throw new Error('the demo chain was seeded without stores');
        const { key } = await services.posKeys.create(store, 'demo till', 'standalone');
        mkdirSync(dirname(options.demoKeyFile), { recursive: true });
        // Demo convenience only: a real chain creates keys with `npx refill pos-key create`.
        writeFileSync(options.demoKeyFile, `${key}\n`, { mode: 0o600 });
        chmodSync(options.demoKeyFile, 0o600);
        return { key, admin: await createDemoAdmin(refill, adminFile) };
    }
    return {
        key: existsSync(options.demoKeyFile) ? readFileSync(options.demoKeyFile, 'utf8').trim() : null,
        admin: existingDemoAdmin(adminFile),
    };
}

/** The store the demo key is for: the first Moscow pharmacy of the demo chain; null without stores. */
async function demoStore(refill: Refill): Promise<string | null> {
    const stores = await refillInternals(refill).services.stores.list();
    return (stores.find((s) => s.code === 'MSK-001') ?? stores[0])?.code ?? null;
}

async function main(): Promise<void> {
    const options = optionsFromEnv();
    const app = await startStandalone(options);
    const { logger } = refillInternals(app.refill);
    // Without the demo (REFILL_DEMO=0) the database may have no store at all.
    const store = app.demoKey ? await demoStore(app.refill) : null;
    console.log(`Refill is listening on ${app.url}`);
    console.log(`  POS API:  ${app.url}/pos/v1  (OpenAPI: ${app.url}/pos/v1/openapi.json)`);
    for (const line of adminBanner(app.url, app.demoAdmin)) console.log(line);
    console.log(`  Database: ${options.databaseUrl.replace(/\/\/[^@]*@/, '//…@')}`);
    if (app.demoKey) console.log(`  Demo POS key (store ${store}): ${app.demoKey}`);
    let stopping = false;
    const shutdown = (signal: NodeJS.Signals) => {
        if (stopping) {
            logger.warn({ signal }, 'second signal: exiting now');
            process.exit(1);
        }
        stopping = true;
        logger.info({ signal }, 'shutting down: draining requests, stopping jobs, closing the database');
        // Whatever hangs (a dead database), the process is gone before the usual 10 s kill.
        setTimeout(() => {
            logger.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutdown did not finish in time; exiting');
            process.exit(1);
        }, SHUTDOWN_DEADLINE_MS).unref();
        app.close().then(
            () => process.exit(0),
            (error: unknown) => {
                logger.error({ err: error }, 'shutdown failed');
                process.exit(1);
            },
        );
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
    main().catch((error) => {
        console.error(error);
        process.exit(1);
    });
}
