/**
 * `npm run bench:chains`: trigger-chain step execution. N runs of a
 * four-step chain (send → wait → branch on a purchase → exit) are stepped
 * to the end by Refill's step runner (claims in batches, one transaction
 * per step: the customer's and the run's row locks, the effect, the step
 * log row, the run moved) on MariaDB and SQLite, beside hand-written SQL
 * doing the same writes in the same run (bench/chains/chains-baseline.ts).
 * Prints steps per second and the ratio baseline time / Refill time
 * (1.00 = as fast), and writes the report to bench/results/chains-<date>.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRefill } from '../plugin/index.js';
import { refillInternals } from '../plugin/testing.js';
import { measure, type Measured } from './campaigns/campaign-measure.js';
import { baselineSteps } from './chains/chains-baseline.js';
import { checkRuns, insertChain, seedCustomers, startRuns, STEPS_PER_RUN } from './chains/chains-dataset.js';
import { createBenchDatabase } from './lib/bench-database.js';
import type { BenchEngine } from './lib/options.js';

const { values } = parseArgs({
    options: {
        runs: { type: 'string', default: process.env.BENCH_RUNS ?? '5000' },
        engines: { type: 'string', default: process.env.BENCH_ENGINES ?? 'mysql,sqlite' },
        'mysql-url': {
            type: 'string',
            default: process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
        },
        out: { type: 'string', default: 'bench/results' },
    },
});
const count = Number(values.runs);
const engines = String(values.engines).split(',') as BenchEngine[];
const NOW = new Date('2026-11-02T09:00:00.000Z');
const BATCH = 200;

interface Row {
    engine: string;
    side: string;
    m: Measured;
    steps: number;
}

async function main(): Promise<void> {
    const rows: Row[] = [];
    for (const engine of engines) {
        const db = await createBenchDatabase(engine, 'refill_bench_chains', String(values['mysql-url']));
        const refill = createRefill({
            databaseUrl: db.url,
            logLevel: 'silent',
            jobs: { process: false },
            clock: () => NOW,
            database: { queryTimeoutMs: 600_000 },
            chains: { stepBatchSize: BATCH },
        });
        try {
            await refill.start();
            await seedCustomers(refill, count, NOW);
            const chainId = await insertChain(refill, NOW);
            const internals = refillInternals(refill);
            const concurrency = engine === 'sqlite' ? 1 : 4;
            const add = (side: string, m: Measured, steps: number) => {
                rows.push({ engine, side, m, steps });
                console.log(
                    `[${engine}] ${side}: ${steps.toLocaleString('en')} steps in ${m.seconds.toFixed(1)} s = ${(steps / m.seconds).toFixed(0)} steps/s, peak RSS ${m.peakRssMb.toFixed(0)} MB`,
                );
            };
            for (let round = 0; round < 2; round++) {
                await startRuns(refill, chainId, count, NOW, `r${round}a`);
                const r = await measure(
                    async () => (await internals.services.chains.engine.runDue()).executed,
                );
                await checkRuns(refill, count, 'Refill');
                add('Refill', r.m, r.value);
                await startRuns(refill, chainId, count, NOW, `r${round}b`);
                const b = await measure(() => baselineSteps(refill, NOW, BATCH, concurrency));
                await checkRuns(refill, count, 'baseline');
                add('hand-written SQL', b.m, b.value);
            }
        } finally {
            await refill.stop();
            await db.drop();
        }
    }
    const report = render(rows);
    console.log(`\n${report}`);
    mkdirSync(String(values.out), { recursive: true });
    const file = join(
        String(values.out),
        `chains-${new Date().toISOString().slice(0, 16).replace(/[T:]/g, '-')}.md`,
    );
    writeFileSync(file, report);
    console.log(`Report written to ${file}`);
}

function render(rows: Row[]): string {
    const lines = [
        `# Chain step benchmark — ${count.toLocaleString('en')} runs × ${STEPS_PER_RUN} steps`,
        '',
        `Run ${new Date().toISOString()} on ${process.platform}/${process.arch}, node ${process.version}.`,
        'Best of two rounds per side. Ratio: baseline time / Refill time (above 1 = Refill is faster).',
        '',
        '| engine | Refill steps/s | hand-written SQL steps/s | ratio | Refill peak RSS |',
        '|---|---:|---:|---:|---:|',
    ];
    for (const engine of engines) {
        const best = (side: string) =>
            rows
                .filter((r) => r.engine === engine && r.side === side)
                .sort((a, b) => a.m.seconds - b.m.seconds)[0];
        const refill = best('Refill');
        const base = best('hand-written SQL');
        if (!refill || !base) continue;
        lines.push(
            `| ${engine} | ${(refill.steps / refill.m.seconds).toFixed(0)} | ${(base.steps / base.m.seconds).toFixed(0)} | ${(base.m.seconds / refill.m.seconds).toFixed(2)} | ${refill.m.peakRssMb.toFixed(0)} MB |`,
        );
    }
    return lines.join('\n');
}

main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
});
