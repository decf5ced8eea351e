/**
 * `npm run bench:dashboard`: the admin dashboard over the demo chain
 * (default 1,000,000 customers with 90 days of purchases), on MariaDB and
 * SQLite. Seeds the chain (bench/dashboard/dashboard-dataset.ts), times the
 * `daily-figures` job (the first full count, an incremental run after new
 * POS sales, a run with nothing new), then times the dashboard's service
 * (p50/p95 over repeated calls, all stores and one store) beside
 * hand-written SQL computing the same figures from the raw tables
 * (bench/dashboard/dashboard-baseline.ts), checks that both agree, and
 * prints the ratio baseline / Refill (above 1: the dashboard is faster).
 * Writes the report to bench/results/dashboard-<date>.md. See docs/benchmarks.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRefill, type Refill } from '../plugin/index.js';
import { MS_PER_MINUTE } from '../plugin/kernel/units/time.js';
import { refillInternals } from '../plugin/testing.js';
import { createBenchDatabase } from './lib/bench-database.js';
import type { BenchEngine } from './lib/options.js';
import { baselineFigures, type DashboardFigures } from './dashboard/dashboard-baseline.js';
import { loadDashboardDataset } from './dashboard/dashboard-dataset.js';

const { values } = parseArgs({
    options: {
        customers: { type: 'string', default: process.env.BENCH_CUSTOMERS ?? '1000000' },
        engines: { type: 'string', default: process.env.BENCH_ENGINES ?? 'mysql,sqlite' },
        'mysql-url': {
            type: 'string',
            default: process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
        },
        calls: { type: 'string', default: '40' },
        'baseline-calls': { type: 'string', default: '5' },
        'new-sales': { type: 'string', default: '200' },
        out: { type: 'string', default: 'bench/results' },
    },
});
const customers = Number(values.customers);
const engines = String(values.engines).split(',') as BenchEngine[];
const calls = Number(values.calls);
const baselineCalls = Number(values['baseline-calls']);
const newSales = Number(values['new-sales']);
const NOW = new Date('2026-11-20T09:00:00.000Z');

interface Row {
    engine: string;
    what: string;
    p50: number;
    p95: number;
    n: number;
    /** Baseline p50 / this p50, where there is a baseline. */
    ratio?: number;
}

function percentile(sorted: number[], p: number): number {
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Times `work` `n` times, ms, sorted. */
async function timed(n: number, work: () => Promise<unknown>): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
        const started = performance.now();
        await work();
        out.push(performance.now() - started);
    }
    return out.sort((a, b) => a - b);
}

async function main(): Promise<void> {
    const rows: Row[] = [];
    const notes: string[] = [];
    for (const engine of engines) {
        const db = await createBenchDatabase(engine, 'refill_bench_dashboard', String(values['mysql-url']));
        let now = NOW;
        const refill = createRefill({
            databaseUrl: db.url,
            logLevel: 'silent',
            jobs: { process: false },
            clock: () => now,
            database: { queryTimeoutMs: 600_000 },
        });
        try {
            await refill.start();
            const loaded = await loadDashboardDataset(refill, customers, NOW, (done) =>
                process.stdout.write(
                    `\r[${engine}] seeding ${done.toLocaleString('en')} / ${customers.toLocaleString('en')}`,
                ),
            );
            const line = `${engine}: ${loaded.customers} customers, ${loaded.stores} stores, ${loaded.receipts} receipts, ${loaded.returns} returns, ${loaded.ledgerEntries} ledger entries, ${loaded.lots} lots, seeded in ${loaded.seconds.toFixed(0)} s`;
            console.log(`\n[${engine}] ${line} (setup, not measured)`);
            notes.push(line);
            const advance = (ms: number) => {
                now = new Date(now.getTime() + ms);
            };
            rows.push(...(await benchEngine(engine, refill, advance, () => now, notes)));
        } finally {
            await refill.stop();
            await db.drop();
        }
    }
    const report = render(rows, notes);
    console.log(`\n${report}`);
    mkdirSync(String(values.out), { recursive: true });
    const file = join(
        String(values.out),
        `dashboard-${new Date().toISOString().slice(0, 16).replace(/[T:]/g, '-')}.md`,
    );
    writeFileSync(file, report);
    console.log(`Report written to ${file}`);
}

/** The job's runs, then the service beside the baseline, on one seeded database. */
async function benchEngine(
    engine: string,
    refill: Refill,
    advance: (ms: number) => void,
    clock: () => Date,
    notes: string[],
): Promise<Row[]> {
    const { services, config } = refillInternals(refill);
    const rows: Row[] = [];
    const add = (what: string, ms: number[], ratio?: number) => {
        const row = { engine, what, p50: percentile(ms, 50), p95: percentile(ms, 95), n: ms.length, ratio };
        rows.push(row);
        console.log(
            `[${engine}] ${what}: p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms (${ms.length}×)${ratio ? `, baseline/Refill ${ratio.toFixed(1)}` : ''}`,
        );
        return row;
    };
    advance(2 * MS_PER_MINUTE); // past the settle lag of the seeded rows
    let counted = 0;
    add(
        'job: first full count + members snapshot',
        await timed(1, async () => {
            counted = (await services.dailyFigures.refresh()).rows;
        }),
    );
    notes.push(`${engine}: the first job run counted ${counted} source rows`);
    const [store] = await services.stores.list();
    for (let i = 0; i < newSales; i++)
        await refill.hooks.commitPurchase({
            receiptId: `BENCH-NEW-${i}`,
            cardNumber: `BENCH-NEW-${i % 50}`,
            storeCode: store.code,
            purchasedAt: clock(),
            lines: [{ sku: 'BENCH-SKU', name: 'bench', quantity: 1, amount: 12_345 }],
        });
    advance(2 * MS_PER_MINUTE);
    add(
        `job: incremental after ${newSales} POS sales + members snapshot`,
        await timed(1, () => services.dailyFigures.refresh()),
    );
    add(
        'job: nothing new, counts only',
        await timed(3, () => services.dailyFigures.refresh({ snapshot: false })),
    );

    await services.dashboard.dashboard({ storeIds: null }); // warm-up (statement caches)
    const all = await timed(calls, () => services.dashboard.dashboard({ storeIds: null }));
    const base = await timed(baselineCalls, () => baselineFigures(refill, clock()));
    const baseRow = add('hand-written SQL from raw tables (all stores)', base);
    add('GET /dashboard service, all stores', all, baseRow.p50 / percentile(all, 50));
    add(
        'GET /dashboard service, one store (a manager)',
        await timed(calls, () => services.dashboard.dashboard({ storeIds: [store.id] })),
    );

    check(
        figuresOf(await services.dashboard.dashboard({ storeIds: null })),
        await baselineFigures(refill, clock()),
    );
    notes.push(`${engine}: the service and the baseline agree on every figure (timezone ${config.timezone})`);
    return rows;
}

/** The dashboard's answer reduced to what the baseline computes (days without sales left out). */
function figuresOf(
    view: Awaited<ReturnType<ReturnType<typeof refillInternals>['services']['dashboard']['dashboard']>>,
): DashboardFigures {
    return {
        members: view.members,
        liability: view.liability,
        bonusFlow: view.bonusFlow.filter((d) => d.accrued || d.redeemed),
        receipts: view.receipts.map(({ day, storeId, receipts, revenue }) => ({
            day,
            storeId,
            receipts,
            revenue,
        })),
    };
}

function check(service: DashboardFigures, baseline: DashboardFigures): void {
    const a = JSON.stringify(service);
    const b = JSON.stringify({
        ...baseline,
        bonusFlow: baseline.bonusFlow.filter((d) => d.accrued || d.redeemed),
    });
    if (a !== b) {
        for (const key of Object.keys(service) as Array<keyof DashboardFigures>)
            if (JSON.stringify(service[key]) !== JSON.stringify(baseline[key]))
                console.error(
                    `differs: ${key}\n service ${JSON.stringify(service[key]).slice(0, 400)}\n baseline ${JSON.stringify(baseline[key]).slice(0, 400)}`,
                );
        throw new Error('the dashboard and the baseline disagree');
    }
}

function render(rows: Row[], notes: string[]): string {
    const out = [
        `# Dashboard benchmark, ${new Date().toISOString().slice(0, 16)} UTC`,
        '',
        `Command: \`npm run bench:dashboard${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\`; Node ${process.version}; ${cpus().length} × ${cpus()[0]?.model.trim()}`,
        '',
        ...notes.map((n) => `- ${n}`),
        '',
        '| engine | what | p50 ms | p95 ms | runs | baseline/Refill (p50) |',
        '|---|---|---:|---:|---:|---:|',
        ...rows.map(
            (r) =>
                `| ${r.engine} | ${r.what} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.n} | ${r.ratio ? r.ratio.toFixed(1) : '—'} |`,
        ),
    ];
    return `${out.join('\n')}\n`;
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
