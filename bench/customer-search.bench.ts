/**
 * `npm run bench:search`: the store desk's customer search —
 * `GET /admin/v1/customers?q=` as Refill's `customerCards.search()` answers
 * it in the server process (HTTP and the session check left out) — by
 * phone, card, e-mail and the start of a name, on 1,000,000 customers
 * (`--customers=N` for a quicker run), on MariaDB and SQLite. Beside it, a
 * hand-written SQL baseline doing the same look-up on a plain driver
 * connection (the same columns, the home store joined, the first page of
 * 50): Refill's overhead is the ratio. Queries of the two sides alternate,
 * so both see the same cache. Prints p50/p95 per kind and the plan's index,
 * and writes the report to bench/results/customer-search-<date>.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createRefill } from '../plugin/index.js';
import { refillInternals } from '../plugin/testing.js';
import { sqlDialect } from '../plugin/kernel/db/sql-dialect.js';
import { createBenchDatabase } from './lib/bench-database.js';
import type { BenchEngine } from './lib/options.js';
import { openSqlClient, type SqlClient } from './expiry/sql-client.js';
import {
    SEARCH_KINDS,
    searchCases,
    seedCustomers,
    type SearchCase,
} from './customer-search/search-dataset.js';

const PAGE = 50;
const COLUMNS =
    'c.id, c.card_number, c.name, c.phone, c.email, c.balance, c.card_kind, c.last_purchase_at, s.id AS store_id, s.code AS store_code, s.name AS store_name';
const FROM = 'FROM refill_customers c LEFT JOIN refill_stores s ON s.id = c.home_store_id';

/** The hand-written statement of one search, on one engine. */
function baselineSql(engine: BenchEngine, c: SearchCase): { sql: string; params: string[] } {
    const tail = `LIMIT ${PAGE + 1}`;
    switch (c.kind) {
        case 'phone':
            return {
                sql: `SELECT ${COLUMNS} ${FROM} WHERE c.phone = ? ORDER BY c.id ${tail}`,
                params: c.values,
            };
        case 'card':
            return {
                sql: `SELECT ${COLUMNS} ${FROM} WHERE c.card_number = ?${c.values.length > 1 ? ' OR c.phone = ?' : ''} ORDER BY c.id ${tail}`,
                params: c.values,
            };
        case 'email':
            return {
                sql: `SELECT ${COLUMNS} ${FROM} WHERE c.email = ? ORDER BY c.id ${tail}`,
                params: c.values,
            };
        case 'name': {
            const starts = sqlDialect.startsWith(
                engine === 'mysql' ? 'mysql' : 'sqlite',
                'c.name_search',
                c.values[0],
            );
            return {
                sql: `SELECT ${COLUMNS} ${FROM} WHERE ${starts.sql} ORDER BY c.name_search, c.id ${tail}`,
                params: starts.params,
            };
        }
    }
}

/** The index the engine's plan reads for a statement. */
async function planIndex(client: SqlClient, sql: string, params: string[]): Promise<string> {
    const rows = await client.all<Record<string, unknown>>(
        `${client.engine === 'mysql' ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${sql}`,
        params,
    );
    const first = rows[0] ?? {};
    if (client.engine === 'mysql') return `${String(first.key ?? 'none')} (${String(first.type)})`;
    return String(first.detail ?? 'none').replace(/^SEARCH c USING (COVERING )?INDEX /, '');
}

/** The p-th percentile of sorted samples, in ms. */
const percentile = (sorted: number[], p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

interface Row {
    engine: BenchEngine;
    kind: string;
    refill: [number, number];
    baseline: [number, number];
    index: string;
}

async function benchEngine(
    engine: BenchEngine,
    customers: number,
    queries: number,
    mysqlUrl: string,
): Promise<Row[]> {
    const db = await createBenchDatabase(engine, 'refill_bench_search', mysqlUrl);
    const refill = createRefill({ databaseUrl: db.url, logLevel: 'silent', jobs: { process: false } });
    try {
        await refill.start();
        const client = await openSqlClient(
            engine,
            engine === 'mysql' ? db.url.replace(/^mariadb:/, 'mysql:') : db.label,
        );
        const seedStart = performance.now();
        await seedCustomers(client, customers, (done) => {
            if (done % 100_000 === 0 || done === customers)
                process.stdout.write(`\r${engine}: seeded ${done}`);
        });
        console.log(` customers in ${((performance.now() - seedStart) / 1000).toFixed(0)} s`);
        const cards = refillInternals(refill).services.customerCards;
        const rows: Row[] = [];
        for (const [k, kind] of SEARCH_KINDS.entries()) {
            const cases = searchCases(kind, customers, queries + 20, 1000 + k);
            const ours: number[] = [];
            const theirs: number[] = [];
            for (const [n, c] of cases.entries()) {
                const { sql, params } = baselineSql(engine, c);
                // Each search reads a random customer's pages: whoever goes first may read them from
                // disk, so the sides take turns going first.
                const refillSide = async () => {
                    const t = performance.now();
                    const page = await cards.search(c.typed, { limit: PAGE });
                    return { ms: performance.now() - t, found: page.data.length };
                };
                const baselineSide = async () => {
                    const t = performance.now();
                    const raw = await client.all(sql, params);
                    return { ms: performance.now() - t, found: Math.min(raw.length, PAGE) };
                };
                let refillRun: { ms: number; found: number };
                let baselineRun: { ms: number; found: number };
                if (n % 2) {
                    refillRun = await refillSide();
                    baselineRun = await baselineSide();
                } else {
                    baselineRun = await baselineSide();
                    refillRun = await refillSide();
                }
                if (refillRun.found !== baselineRun.found)
                    throw new Error(
                        `${engine} ${kind}: Refill found ${refillRun.found}, the baseline ${baselineRun.found}`,
                    );
                // The first 20 warm up.
                if (n >= 20) {
                    ours.push(refillRun.ms);
                    theirs.push(baselineRun.ms);
                }
            }
            ours.sort((x, y) => x - y);
            theirs.sort((x, y) => x - y);
            const { sql, params } = baselineSql(engine, cases[0]);
            rows.push({
                engine,
                kind,
                refill: [percentile(ours, 50), percentile(ours, 95)],
                baseline: [percentile(theirs, 50), percentile(theirs, 95)],
                index: await planIndex(client, sql, params),
            });
            console.log(`${engine} ${kind}: p50 ${rows.at(-1)!.refill[0].toFixed(2)} ms`);
        }
        await client.close();
        return rows;
    } finally {
        await refill.stop();
        await db.drop();
    }
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            customers: { type: 'string', default: '1000000' },
            queries: { type: 'string', default: '500' },
            engines: { type: 'string', default: 'mysql,sqlite' },
            'mysql-url': {
                type: 'string',
                default: process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
            },
            out: { type: 'string', default: 'bench/results' },
        },
    });
    const customers = Number(values.customers);
    const queries = Number(values.queries);
    const engines = values.engines.split(',') as BenchEngine[];
    const startedAt = new Date();
    const rows: Row[] = [];
    for (const engine of engines)
        rows.push(...(await benchEngine(engine, customers, queries, values['mysql-url'])));
    const ms = (v: number) => v.toFixed(2);
    const report = [
        `# Customer search — ${startedAt.toISOString()}`,
        '',
        `\`npm run bench:search -- ${process.argv.slice(2).join(' ')}\` on ${customers.toLocaleString('en')} customers, ${queries} searches per kind (after 20 to warm up), first page of ${PAGE}; ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}.`,
        'Refill: `customerCards.search(q)` in process (classifying `q` as typed, SQL, mapping, cursor). Baseline: the same look-up hand-written on a plain driver connection.',
        '',
        '| engine | search | Refill p50 ms | Refill p95 ms | baseline p50 ms | baseline p95 ms | p50 ratio | index read |',
        '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
        ...rows.map(
            (r) =>
                `| ${r.engine} | ${r.kind} | ${ms(r.refill[0])} | ${ms(r.refill[1])} | ${ms(r.baseline[0])} | ${ms(r.baseline[1])} | ${(r.refill[0] / r.baseline[0]).toFixed(2)} | ${r.index} |`,
        ),
        '',
    ].join('\n');
    console.log(`\n${report}`);
    mkdirSync(values.out, { recursive: true });
    const file = join(
        values.out,
        `customer-search-${startedAt.toISOString().slice(0, 16).replace(/[T:]/g, '-')}.md`,
    );
    writeFileSync(file, report);
    console.log(`Report written to ${file}`);
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
