/**
 * `npm run bench:segments`: the daily lifecycle classification
 * (`segments-daily`, `LifecycleClassificationService`) over 1,000,000
 * synthetic customers (default; `--customers`), on MariaDB and SQLite,
 * beside hand-written SQL doing the same classification
 * (bench/segments/segment-baseline.ts: one INSERT … SELECT of the
 * transitions and one INSERT … SELECT upsert with a CASE). Two days per
 * side: the first classification (every customer moves from nothing) and a
 * week later (a few percent move). Both sides must leave the same segments,
 * transitions and sizes, or the run aborts. Prints baseline time / Refill
 * time (1.00 = as fast; the aim "within 2×" is ≥ 0.50) with heap growth and
 * peak RSS, and writes bench/results/segments-<date>.md. See docs/benchmarks.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRefill, type Refill } from '../plugin/index.js';
import { refillInternals } from '../plugin/testing.js';
import { MS_PER_DAY } from '../plugin/kernel/units/time.js';
import { createBenchDatabase } from './lib/bench-database.js';
import type { BenchEngine } from './lib/options.js';
import { measure, type Measured } from './campaigns/campaign-measure.js';
import { baselineClassify } from './segments/segment-baseline.js';
import { lifecycleFingerprint, resetLifecycle, seedLifecycleCustomers } from './segments/segment-dataset.js';

const { values } = parseArgs({
    options: {
        customers: { type: 'string', default: process.env.BENCH_CUSTOMERS ?? '1000000' },
        engines: { type: 'string', default: process.env.BENCH_ENGINES ?? 'mysql,sqlite' },
        'mysql-url': {
            type: 'string',
            default: process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
        },
        'page-size': { type: 'string', default: '2000' },
        out: { type: 'string', default: 'bench/results' },
    },
});
const customers = Number(values.customers);
const engines = String(values.engines).split(',') as BenchEngine[];
const pageSize = Number(values['page-size']);
/** Europe/Moscow: a fixed UTC+3, so the baseline's local day is the UTC date of the time plus 3 hours. */
const ZONE = 'Europe/Moscow';
const OFFSET_HOURS = 3;
const DAY1 = new Date('2026-11-02T06:00:00.000Z');
const DAY2 = new Date(DAY1.getTime() + 7 * MS_PER_DAY);

interface Row {
    engine: string;
    scope: string;
    side: string;
    m: Measured;
    moves: number;
}

async function main(): Promise<void> {
    const rows: Row[] = [];
    const notes: string[] = [];
    for (const engine of engines) {
        const db = await createBenchDatabase(engine, 'refill_bench_segments', String(values['mysql-url']));
        let now = DAY1;
        const refill = createRefill({
            databaseUrl: db.url,
            logLevel: 'silent',
            jobs: { process: false },
            timezone: ZONE,
            clock: () => now,
            database: { queryTimeoutMs: 600_000, longQueryTimeoutMs: 600_000 },
        });
        try {
            await refill.start();
            const { database } = refillInternals(refill);
            const started = performance.now();
            const seeded = await seedLifecycleCustomers(database, customers, DAY1);
            const seedSeconds = (performance.now() - started) / 1000;
            console.log(
                `[${engine}] seeded ${seeded.toLocaleString('en')} customers in ${seedSeconds.toFixed(0)} s (setup, not measured)`,
            );
            notes.push(`${engine}: ${seeded} customers seeded in ${seedSeconds.toFixed(0)} s`);
            rows.push(...(await benchEngine(engine, refill, (at) => (now = at))));
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
        `segments-${new Date().toISOString().slice(0, 16).replace(/[T:]/g, '-')}.md`,
    );
    writeFileSync(file, report);
    console.log(`Report written to ${file}`);
}

/** Both sides, both days, on one seeded database. */
async function benchEngine(engine: string, refill: Refill, setNow: (at: Date) => void): Promise<Row[]> {
    const { database, services } = refillInternals(refill);
    const thresholds = await services.lifecycleSettings.thresholds();
    const rows: Row[] = [];
    const add = (scope: string, side: string, m: Measured, moves: number) => {
        rows.push({ engine, scope, side, m, moves });
        console.log(
            `[${engine}] ${scope} · ${side}: ${m.seconds.toFixed(2)} s, ${moves.toLocaleString('en')} moves, heap +${m.heapGrowthMb.toFixed(0)} MB, peak RSS ${m.peakRssMb.toFixed(0)} MB`,
        );
    };
    const moves = async () =>
        Number(
            (await database.all<{ n: unknown }>('SELECT COUNT(*) AS n FROM refill_lifecycle_transitions'))[0]
                .n,
        );
    const days = [
        { scope: 'first classification', at: DAY1 },
        { scope: 'a week later', at: DAY2 },
    ];

    let before = 0;
    for (const { scope, at } of days) {
        setNow(at);
        const r = await measure(() => services.lifecycleClassification.run({ pageSize }));
        const total = await moves();
        if (r.value.transitions !== total - before)
            throw new Error(`Refill reported ${r.value.transitions} moves, wrote ${total - before}`);
        add(scope, 'Refill job', r.m, total - before);
        before = total;
    }
    const refillPrint = await lifecycleFingerprint(database);
    await resetLifecycle(database);

    before = 0;
    for (const { scope, at } of days) {
        const day = at.toISOString().slice(0, 10);
        const b = await measure(() => baselineClassify(database, day, thresholds, OFFSET_HOURS));
        const total = await moves();
        add(scope, 'hand-written SQL', b.m, total - before);
        before = total;
    }
    const basePrint = await lifecycleFingerprint(database);
    if (basePrint !== refillPrint)
        throw new Error(`the sides disagree:\nRefill   ${refillPrint}\nbaseline ${basePrint}`);
    await resetLifecycle(database);
    return rows;
}

function render(rows: Row[], notes: string[]): string {
    const out = [
        `# Lifecycle segments benchmark, ${new Date().toISOString().slice(0, 16)} UTC`,
        '',
        `Command: \`npm run bench:segments${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\`; Node ${process.version}; ${cpus().length} × ${cpus()[0]?.model.trim()}; page size ${pageSize}`,
        '',
        ...notes.map((n) => `- ${n}`),
        '',
        '| engine | day | side | time s | moves | baseline/Refill | heap growth MB | peak RSS MB |',
        '|---|---|---|---:|---:|---:|---:|---:|',
    ];
    for (const r of rows) {
        const base = rows.find(
            (b) => b.engine === r.engine && b.scope === r.scope && b.side === 'hand-written SQL',
        );
        const ratio = r.side !== 'hand-written SQL' && base ? (base.m.seconds / r.m.seconds).toFixed(2) : '—';
        out.push(
            `| ${r.engine} | ${r.scope} | ${r.side} | ${r.m.seconds.toFixed(2)} | ${r.moves.toLocaleString('en')} | ${ratio} | ${r.m.heapGrowthMb.toFixed(0)} | ${r.m.peakRssMb.toFixed(0)} |`,
        );
    }
    return `${out.join('\n')}\n`;
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
