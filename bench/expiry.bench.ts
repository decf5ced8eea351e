/**
 * `npm run bench:expiry`: the `expire-bonuses` work — Refill's
 * `services.maintenance.expireDue()` — over 1,000,000 expired bonus lots
 * (4 per customer, plus 10% unexpired lots that must stay untouched), on
 * MariaDB and SQLite, beside two baselines measured in the same run on
 * identically seeded databases: hand-written SQL doing the same work in the
 * same batches of customers, and the same work as three set-based statements
 * in one transaction. Each side runs in its own process, so its wall time,
 * CPU and peak RSS are its own. Every side's result is checked with SQL.
 * Prints the figures and the ratio Refill/baseline, and writes the report to
 * bench/results/expiry-<date>.md. See docs/benchmarks.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { createRefill } from '../plugin/index.js';
import { createBenchDatabase, type BenchDatabase } from './lib/bench-database.js';
import type { BenchEngine } from './lib/options.js';
import { SystemProbe } from './lib/system-probe.js';
import { buildExpiryChild } from './expiry/expiry-build.js';
import { assertChecks, checkAfter, checkBefore, type CheckResult } from './expiry/expiry-checks.js';
import { generateDataset, seedDataset, type ExpiryDataset } from './expiry/expiry-dataset.js';
import { parseExpiryOptions, type ExpiryBenchOptions } from './expiry/expiry-options.js';
import { renderExpiryReport, SIDE_TITLE, type EngineResult } from './expiry/expiry-report.js';
import { findDatabaseServer, measureSide, waitForQuietInnodb } from './expiry/expiry-runner.js';
import { openSqlClient } from './expiry/sql-client.js';

async function main(): Promise<void> {
    const options = parseExpiryOptions();
    const compiled = options.runtime === 'node' ? buildExpiryChild() : null;
    if (options.runtime === 'node' && !compiled)
        throw new Error('could not compile the measured child; try --runtime=tsx');
    const startedAt = new Date();
    // The bench clock: every due lot has expired by then, the fresh ones expire after it.
    const now = new Date(Math.floor(startedAt.getTime() / 1000) * 1000);
    const data = generateDataset({
        now,
        dueLots: options.lots,
        lotsPerCustomer: options.lotsPerCustomer,
        freshShare: options.freshShare,
    });
    console.log(
        `Dataset: ${int(data.dueLots)} expired lots over ${int(data.customers)} customers, ${int(data.freshLots)} unexpired; clock ${now.toISOString()}`,
    );
    const results: EngineResult[] = [];
    for (const engine of options.engines) results.push(await benchEngine(engine, options, data, compiled));

    const report = renderExpiryReport(
        {
            startedAt,
            command: [
                'npm run bench:expiry',
                ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : []),
            ].join(' '),
            node: process.version,
            cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
            mariadb: options.engines.includes('mysql') ? await mariadbVersion(options.mysqlUrl) : null,
            options,
            customers: data.customers,
            freshLots: data.freshLots,
        },
        results,
    );
    console.log(`\n${report}`);
    mkdirSync(options.outDir, { recursive: true });
    const file = join(
        options.outDir,
        `expiry-${startedAt.toISOString().slice(0, 16).replace(/[T:]/g, '-')}.md`,
    );
    writeFileSync(file, report);
    console.log(`Report written to ${file}`);
}

/** One engine: a seeded database per side, then every side measured and checked in turn. */
async function benchEngine(
    engine: BenchEngine,
    options: ExpiryBenchOptions,
    data: ExpiryDataset,
    compiled: string | null,
): Promise<EngineResult> {
    const dbs = new Map<string, BenchDatabase>();
    const checks: CheckResult[] = [];
    const sides: EngineResult['sides'] = [];
    let probe: SystemProbe | null = null;
    let seedS = 0;
    try {
        for (const side of options.sides) {
            const db = await createBenchDatabase(engine, `refill_bench_expiry_${side}`, options.mysqlUrl);
            dbs.set(side, db);
            const started = Date.now();
            await migrate(db.url);
            const client = await openSqlClient(engine, engine === 'mysql' ? db.url : db.label);
            try {
                let shown = '';
                await seedDataset(client, data, (table, done, total) => {
                    const line = `[${engine}] seeding ${db.label}: ${table} ${Math.floor((100 * done) / total)}%`;
                    if (line !== shown && (done === total || process.stdout.isTTY)) console.log(line);
                    shown = line;
                });
            } finally {
                await client.close();
            }
            seedS = (Date.now() - started) / 1000;
            console.log(`[${engine}] ${db.label} seeded in ${seedS.toFixed(1)} s`);
        }
        probe = await SystemProbe.open(engine === 'mysql' ? options.mysqlUrl : null);
        const dbPid = engine === 'mysql' ? findDatabaseServer(options.mysqlUrl) : null;
        for (const side of options.sides) {
            const db = dbs.get(side) as BenchDatabase;
            const target = engine === 'mysql' ? db.url : db.label;
            const client = await openSqlClient(engine, target);
            try {
                // The checks read every table: they also leave each side with a similarly warm cache.
                const before = await checkBefore(client, data);
                checks.push(...before);
                assertChecks(`[${engine}] ${side}, before the run`, before);
            } finally {
                await client.close();
            }
            const quiet = engine === 'mysql' ? await waitForQuietInnodb(options.mysqlUrl) : null;
            if (quiet && quiet.waitedMs > 1000)
                console.log(
                    `[${engine}] waited ${(quiet.waitedMs / 1000).toFixed(0)} s for InnoDB to settle (history ${quiet.history}, dirty ${(100 * quiet.dirtyShare).toFixed(1)}%)`,
                );
            const profileFile =
                side === 'refill' && options.cpuProfDir
                    ? join(
                          options.cpuProfDir,
                          `expiry-refill-${engine}-${Date.now().toString(36)}.cpuprofile`,
                      )
                    : null;
            if (profileFile) mkdirSync(options.cpuProfDir as string, { recursive: true });
            const measured = await measureSide(
                {
                    side,
                    engine,
                    databaseUrl: db.url,
                    target,
                    now: data.now.toISOString(),
                    batch: options.batch,
                    profileFile,
                },
                compiled,
                probe,
                dbPid,
            );
            const c = measured.child;
            console.log(
                `[${engine}] ${SIDE_TITLE[side]}: ${int(c.lotsExpired)} lots in ${(c.wallMs / 1000).toFixed(2)} s = ` +
                    `${int(c.lotsExpired / (c.wallMs / 1000))} lots/s, ${int(c.batches)} batches, ` +
                    `peak RSS ${Math.round(Math.max(c.maxRssBytes, c.rssPeakSampledBytes) / 1048576)} MB` +
                    (profileFile ? `, profile ${profileFile}` : ''),
            );
            sides.push({ side, measured, waitedMs: quiet?.waitedMs ?? 0 });
            if (c.lotsExpired !== data.dueLots)
                throw new Error(
                    `[${engine}] ${side} reported ${c.lotsExpired} lots expired, expected ${data.dueLots}`,
                );
            const checker = await openSqlClient(engine, target);
            try {
                const after = await checkAfter(checker, data);
                checks.push(...after);
                assertChecks(`[${engine}] ${side}, after the run`, after);
                console.log(`[${engine}] ${side}: ${after.length} checks passed`);
            } finally {
                await checker.close();
            }
        }
        return { engine, seedS, sides, checks };
    } finally {
        await probe?.close();
        if (!options.keep) for (const db of dbs.values()) await db.drop();
        else for (const db of dbs.values()) console.log(`[${engine}] kept ${db.label}`);
    }
}

/** Applies Refill's migrations by starting Refill once on the empty database. */
async function migrate(url: string): Promise<void> {
    const refill = createRefill({ databaseUrl: url, logLevel: 'silent', jobs: { process: false } });
    try {
        await refill.start();
    } finally {
        await refill.stop();
    }
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

function int(n: number): string {
    return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
