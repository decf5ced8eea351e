/**
 * `npm run bench:pos`: POS receipt commits over HTTP against Refill's
 * standalone server (1, 8 and 32 concurrent clients, MariaDB and SQLite),
 * beside the raw limit measured in the same run: the same rows written with
 * hand-written SQL through mysql2 and better-sqlite3. Prints receipts/s,
 * p50/p99 latency, the server's peak RSS and the ratio Refill/raw, and
 * writes the report to bench/results/pos-<date>.md. See docs/benchmarks.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import {
    createBenchDatabase,
    prepareDatabase,
    type BenchDatabase,
    type PreparedDatabase,
} from './lib/bench-database.js';
import { ReceiptPoster } from './lib/load-generator.js';
import { parseOptions, type BenchEngine, type PosBenchOptions } from './lib/options.js';
import { openMysqlRaw, openSqliteRaw, type RawTarget, type RawWriter } from './lib/raw-baseline.js';
import { renderReport, type RefillSideResult, type SideResult, type StepResult } from './lib/report.js';
import { buildServerChild } from './lib/server-build.js';
import { ServerProcess } from './lib/server-process.js';
import {
    measureInProcessWindow,
    measureRawWindow,
    measureRefillWindow,
    mergeRefillSide,
    mergeSide,
    type WindowShape,
} from './lib/sides.js';
import { SystemProbe } from './lib/system-probe.js';
import { BENCH_STORE, receiptGenerator } from './lib/workload.js';

const REFILL_DB = 'refill_bench_pos';
const RAW_DB = 'refill_bench_pos_raw';
/** Warm-up before the second and later windows of a side (its connections are already warm). */
const REWARM_MS = 500;

async function main(): Promise<void> {
    const options = parseOptions();
    if (options.serverRuntime === 'node') {
        options.compiledServer = buildServerChild();
        if (!options.compiledServer)
            throw new Error('could not compile the server; try --server-runtime=tsx');
    }
    const startedAt = new Date();
    const steps: StepResult[] = [];
    for (const engine of options.engines) steps.push(...(await benchEngine(engine, options)));

    const report = renderReport(
        {
            startedAt,
            command: [
                'npm run bench:pos',
                ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : []),
            ].join(' '),
            node: process.version,
            cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
            mariadb: options.engines.includes('mysql') ? await mariadbVersion(options.mysqlUrl) : null,
            options,
        },
        steps,
    );
    console.log(`\n${report}`);
    mkdirSync(options.outDir, { recursive: true });
    const file = join(options.outDir, `pos-${startedAt.toISOString().slice(0, 16).replace(/[T:]/g, '-')}.md`);
    writeFileSync(file, report);
    console.log(`Report written to ${file}`);
}

/** All steps of one engine: a Refill database behind the server, a raw database beside it. */
async function benchEngine(engine: BenchEngine, options: PosBenchOptions): Promise<StepResult[]> {
    const dbs: BenchDatabase[] = [];
    let server: ServerProcess | null = null;
    let probe: SystemProbe | null = null;
    try {
        const refillDb = await createBenchDatabase(engine, REFILL_DB, options.mysqlUrl);
        dbs.push(refillDb);
        const rawDb = await createBenchDatabase(engine, RAW_DB, options.mysqlUrl);
        dbs.push(rawDb);
        const refillSetup = await prepare(engine, 'Refill', refillDb, options.customers);
        const rawSetup = await prepare(engine, 'raw', rawDb, options.customers);
        server = await ServerProcess.start({
            databaseUrl: refillDb.url,
            cpuProfDir: options.cpuProfDir,
            compiledEntry: options.compiledServer,
        });
        probe = await SystemProbe.open(engine === 'mysql' ? options.mysqlUrl : null);
        const target: RawTarget = {
            storeId: rawSetup.storeId,
            storeCode: BENCH_STORE.code,
            categoryIds: rawSetup.categoryIds,
            withReads: false,
        };
        const openRaw = (clients: number, withReads: boolean): Promise<RawWriter> =>
            engine === 'mysql'
                ? openMysqlRaw(rawDb.url, clients, { ...target, withReads })
                : Promise.resolve(openSqliteRaw(rawDb.label, { ...target, withReads }));

        const context: StepContext = {
            engine,
            options,
            server,
            probe,
            setup: refillSetup,
            openRaw,
        };
        const results: StepResult[] = [];
        for (const clients of options.clients) results.push(await benchStep(context, clients));
        return results;
    } finally {
        await server?.stop();
        await probe?.close();
        for (const db of dbs) await db.drop();
    }
}

/** What every step of an engine shares. */
interface StepContext {
    engine: BenchEngine;
    options: PosBenchOptions;
    server: ServerProcess;
    probe: SystemProbe;
    /** The Refill database's store, POS key and categories. */
    setup: PreparedDatabase;
    openRaw: (clients: number, withReads: boolean) => Promise<RawWriter>;
}

/**
 * One engine and client count: Refill and raw windows alternate (`rounds`
 * times each), so both sides share whatever else the machine is doing.
 */
async function benchStep(context: StepContext, clients: number): Promise<StepResult> {
    const { engine, options, server, probe, setup, openRaw } = context;
    const tag = Date.now().toString(36);
    // The same seed on every side: the same customers and amounts in the same order.
    const seed = 1000 + clients;
    const next = {
        refill: receiptGenerator(`${tag}-F${clients}`, options.customers, seed),
        raw: receiptGenerator(`${tag}-W${clients}`, options.customers, seed),
    };
    const poster = new ReceiptPoster(server.url, setup.posKey, BENCH_STORE.code, clients);
    const raw = await openRaw(clients, false);
    const parts = { refill: [] as RefillSideResult[], raw: [] as SideResult[] };
    // Diagnostic variants (--diagnose), each with its own receipts, measured in the same rounds.
    const variants: Array<{
        name: string;
        measure: (shape: WindowShape) => Promise<SideResult>;
        close: () => Promise<void>;
        parts: SideResult[];
    }> = [];
    if (options.diagnose) {
        const reads = await openRaw(clients, true);
        const nextRead = receiptGenerator(`${tag}-X${clients}`, options.customers, seed);
        variants.push({
            name: 'raw+reads',
            measure: (shape) => measureRawWindow(reads, probe, shape, nextRead),
            close: () => reads.close(),
            parts: [],
        });
        let window = 0;
        variants.push({
            name: 'in-process',
            measure: (shape) =>
                measureInProcessWindow(server, probe, {
                    ...shape,
                    prefix: `${tag}-H${clients}-${++window}`,
                    customers: options.customers,
                    seed: seed + window,
                    storeCode: BENCH_STORE.code,
                }),
            close: async () => undefined,
            parts: [],
        });
    }
    try {
        for (let round = 0; round < options.rounds; round++) {
            const shape: WindowShape = {
                clients,
                warmupMs: round === 0 ? options.warmupS * 1000 : Math.min(REWARM_MS, options.warmupS * 1000),
                durationMs: (options.durationS * 1000) / options.rounds,
            };
            const label = `pos-server-${engine}-${clients}c-r${round + 1}-${tag}`;
            parts.refill.push(await measureRefillWindow(label, server, poster, probe, shape, next.refill));
            parts.raw.push(await measureRawWindow(raw, probe, shape, next.raw));
            for (const v of variants) v.parts.push(await v.measure(shape));
        }
    } finally {
        poster.close();
        await raw.close();
        for (const v of variants) await v.close();
    }
    const step: StepResult = {
        engine,
        clients,
        refill: mergeRefillSide(parts.refill),
        raw: mergeSide(parts.raw),
        variants: variants.map((v) => ({
            name: v.name,
            result: v.parts.every((p) => 'serverCpuUs' in p)
                ? mergeRefillSide(v.parts as RefillSideResult[])
                : mergeSide(v.parts),
        })),
    };
    log(
        engine,
        clients,
        'Refill',
        step.refill,
        `, server peak RSS ${Math.round(step.refill.peakRssBytes / 1048576)} MB`,
    );
    log(engine, clients, 'raw', step.raw, raw.retries ? `, ${raw.retries} deadlocks retried` : '');
    for (const v of step.variants) log(engine, clients, v.name, v.result, '');
    return step;
}

async function prepare(
    engine: BenchEngine,
    side: string,
    db: BenchDatabase,
    customers: number,
): Promise<PreparedDatabase> {
    const started = Date.now();
    process.stdout.write(
        `[${engine}] preparing the ${side} database ${db.label}: migrations, store, categories, ${customers} customers…`,
    );
    const prepared = await prepareDatabase(db.url, customers);
    console.log(` ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return prepared;
}

function log(engine: BenchEngine, clients: number, side: string, result: SideResult, extra: string): void {
    const l = result.loop;
    const errors = l.errors ? `, ${l.errors} ERRORS: ${l.errorSamples[0]}` : '';
    console.log(
        `[${engine}] ${String(clients).padStart(2)} clients ${side.padEnd(9)} ${Math.round(l.perSecond).toLocaleString('en-US').padStart(6)} receipts/s, ` +
            `p50 ${l.p50Ms.toFixed(2)} ms, p99 ${l.p99Ms.toFixed(2)} ms${extra}${errors}`,
    );
}

async function mariadbVersion(url: string): Promise<string | null> {
    try {
        const conn = await mysql.createConnection(url);
        try {
            const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT VERSION() AS v');
            return String(rows[0]?.v ?? '') || null;
        } finally {
            await conn.end();
        }
    } catch {
        return null;
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
