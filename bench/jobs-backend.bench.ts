/**
 * `npm run bench:jobs`: jobs claimed and completed per second by Agenda 6
 * over Refill's SQL job backend, no-op handlers, 1 and 3 worker processes,
 * MariaDB and SQLite — beside a baseline of hand-written SQL (the same claim
 * statements on the raw drivers, without Agenda), as a ratio. Also prints
 * the claim's query plans. See docs/jobs-backend.md.
 */
import { cpus, loadavg } from 'node:os';
import { JobsBenchDatabase } from './jobs/jobs-bench.database.js';
import { parseJobsBenchOptions } from './jobs/jobs-bench.options.js';
import { BENCH_JOB_NAME } from './jobs/jobs-bench.protocol.js';
import { measure, type JobsBenchResult } from './jobs/jobs-bench.runner.js';

const options = parseJobsBenchOptions();
/** The 1-minute load average: the machine may be shared, and figures are only as good as it was idle. */
const load = () => loadavg()[0].toFixed(2);
const fmt = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(
    `Jobs backend benchmark: ${options.jobs} no-op jobs per run, workers ${options.workers.join(', ')}`,
);
console.log(
    `Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${load()} at start\n`,
);

const rows: string[] = [];
for (const engine of options.engines) {
    const db = await JobsBenchDatabase.create(engine, options.mysqlUrl);
    try {
        await db.seed(BENCH_JOB_NAME, Math.min(options.jobs, 5000));
        console.log(`Claim query plan on ${engine}:\n${await db.explainClaim(BENCH_JOB_NAME)}\n`);
        for (const workers of options.workers) {
            const results: Record<string, JobsBenchResult> = {};
            for (const side of ['sql', 'agenda'] as const) {
                results[side] = await measure(db, side, workers, options.jobs);
                const r = results[side];
                console.log(
                    `${engine} ${workers}w ${side}: ${fmt(r.jobsPerSecond)} jobs/s, claim p50 ${fmt(r.claimP50Ms, 2)} ms, ` +
                        `p99 ${fmt(r.claimP99Ms, 2)} ms, ${fmt(r.seconds, 1)} s, per worker ${r.perWorker.join('/')}, load ${load()}`,
                );
            }
            const { agenda, sql } = results;
            rows.push(
                `| ${engine === 'mysql' ? 'MariaDB' : 'SQLite'} | ${workers} | ${fmt(agenda.jobsPerSecond)} | ${fmt(sql.jobsPerSecond)} | ` +
                    `${fmt(agenda.jobsPerSecond / sql.jobsPerSecond, 2)} | ${fmt(agenda.claimP99Ms, 2)} | ${fmt(sql.claimP99Ms, 2)} |`,
            );
        }
    } finally {
        await db.drop();
    }
}
console.log(
    '\n| engine | workers | Agenda jobs/s | SQL jobs/s | ratio | Agenda claim p99 ms | SQL claim p99 ms |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
