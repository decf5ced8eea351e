/**
 * One measured run of the expiry benchmark, in its own process so its peak
 * RSS and CPU time are its alone. Reads its spec from BENCH_EXPIRY_SPEC and
 * sets up (Refill: `createRefill` + `start()` on the seeded database with
 * the bench clock and jobs off; a baseline: one plain driver connection),
 * says `ready`, waits for `go`, runs once — Refill's
 * `services.maintenance.expireDue({ batchSize })`, or a hand-written
 * baseline — reports `done` with its figures, and exits.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { createRefill, type Refill } from '../../plugin/index.js';
import { runBatchedBaseline, runSetBaseline } from './expiry-baseline.js';
import type {
    ExpiryChildMessage,
    ExpiryChildResult,
    ExpiryChildSpec,
    ExpiryParentMessage,
} from './expiry-protocol.js';
import { openSqlClient, type SqlClient } from './sql-client.js';
import { StepClock } from './step-clock.js';
import { refillInternals } from '../../plugin/testing.js';

const specText = process.env.BENCH_EXPIRY_SPEC;
if (!specText || !process.send) {
    console.error('expiry-child: run by bench/expiry.bench.ts (needs IPC and BENCH_EXPIRY_SPEC)');
    process.exit(2);
}
const spec = JSON.parse(specText) as ExpiryChildSpec;
const now = new Date(spec.now);
const send = (message: ExpiryChildMessage) =>
    new Promise<void>((ok) => process.send?.(message, undefined, undefined, () => ok()));
// If the benchmark dies, do not outlive it.
process.on('disconnect', () => process.exit(0));

let rssPeak = 0;
let heapPeak = 0;
const sample = () => {
    const memory = process.memoryUsage();
    rssPeak = Math.max(rssPeak, memory.rss);
    heapPeak = Math.max(heapPeak, memory.heapUsed);
};

function go(): Promise<void> {
    return new Promise((ok) => {
        const onMessage = (message: ExpiryParentMessage) => {
            if (message.type !== 'go') return;
            process.off('message', onMessage);
            ok();
        };
        process.on('message', onMessage);
    });
}

async function main(): Promise<void> {
    let refill: Refill | null = null;
    let client: SqlClient | null = null;
    if (spec.side === 'refill') {
        refill = createRefill({
            databaseUrl: spec.databaseUrl,
            logLevel: 'silent',
            clock: () => now,
            jobs: { process: false },
        });
        await refill.start();
    } else {
        client = await openSqlClient(spec.engine, spec.target);
    }
    const started = go();
    await send({ type: 'ready', rssBytes: process.memoryUsage.rss() });
    await started;

    let profiler: Session | null = null;
    if (spec.profileFile && refill) {
        profiler = new Session();
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
    }
    const rssBeforeBytes = process.memoryUsage.rss();
    rssPeak = rssBeforeBytes;
    heapPeak = process.memoryUsage().heapUsed;
    const sampler = setInterval(sample, 20);
    const batchMs: number[] = [];
    const clock = new StepClock();
    if (refill) {
        // Time Refill's steps through its repositories (see StepClock.wrap); gaps between
        // them are the BEGIN (before the lock) and the in-memory ledger sessions (before the writes).
        const { lots, customers, entries } = refillInternals(refill).repositories;
        clock.wrap(lots, 'customersWithDueLots', 'pick', 'pick');
        clock.wrap(customers, 'lockByIds', 'lock', 'begin');
        clock.wrap(lots, 'findOpenForCustomers', 'read', 'lock');
        clock.wrap(lots, 'applyChanges', 'write', 'compute');
        clock.wrap(entries, 'append', 'write', 'compute');
        clock.wrap(customers, 'saveBalances', 'write', 'compute');
    }
    let last = performance.now();
    const onBatch = () => {
        const at = performance.now();
        batchMs.push(at - last);
        last = at;
        if (refill) clock.close('commit');
    };
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    let done: { batches: number; customers: number; lotsExpired: number };
    if (refill) {
        done = await refillInternals(refill).services.maintenance.expireDue({
            batchSize: spec.batch,
            onBatch,
        });
    } else if (spec.side === 'batched') {
        done = await runBatchedBaseline(client as SqlClient, now, spec.batch, onBatch, clock);
    } else {
        done = await runSetBaseline(client as SqlClient, now);
        onBatch();
    }
    const wallMs = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    clearInterval(sampler);
    sample();
    if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        profiler.disconnect();
        writeFileSync(spec.profileFile as string, JSON.stringify(profile));
    }
    const result: ExpiryChildResult = {
        side: spec.side,
        wallMs,
        batches: done.batches,
        customers: done.customers,
        lotsExpired: done.lotsExpired,
        batchMs,
        cpuUs: used.user + used.system,
        systemCpuUs: used.system,
        rssBeforeBytes,
        rssPeakSampledBytes: rssPeak,
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
        heapPeakBytes: heapPeak,
        stepMs: spec.side === 'set' ? null : clock.totals,
    };
    await refill?.stop();
    await client?.close();
    await send({ type: 'done', result });
}

main().then(
    () => process.disconnect(),
    async (error: unknown) => {
        await send({
            type: 'error',
            message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
        process.exit(1);
    },
);
