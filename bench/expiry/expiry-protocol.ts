/** IPC between `bench/expiry.bench.ts` and a measured child (expiry-child.ts). */

import type { BenchEngine } from '../lib/options.js';
import type { ExpirySide } from './expiry-options.js';
import type { Step } from './step-clock.js';

/** What a child runs, passed as JSON in BENCH_EXPIRY_SPEC. */
export interface ExpiryChildSpec {
    side: ExpirySide;
    engine: BenchEngine;
    /** Refill's database URL (mysql://… or sqlite:<file>). */
    databaseUrl: string;
    /** For the baselines: the MariaDB URL or the SQLite file. */
    target: string;
    /** The bench clock's now (ISO): every seeded due lot has expired by then. */
    now: string;
    /** Customers per transaction. */
    batch: number;
    /** Write a V8 CPU profile of the measured call here (Refill side only; null: off). */
    profileFile: string | null;
}

/** What a child measured. */
export interface ExpiryChildResult {
    side: ExpirySide;
    wallMs: number;
    batches: number;
    customers: number;
    lotsExpired: number;
    /** Wall time of every batch, ms, in order (one entry for the set-based baseline). */
    batchMs: number[];
    /** User + system CPU time of the child during the run, µs. */
    cpuUs: number;
    systemCpuUs: number;
    /** RSS just before the run (after start-up, connections open). */
    rssBeforeBytes: number;
    /** Highest RSS sampled every 20 ms during the run (a long synchronous SQLite statement hides from it). */
    rssPeakSampledBytes: number;
    /** The process's lifetime peak RSS (getrusage maxrss): includes start-up, misses nothing. */
    maxRssBytes: number;
    /** Highest V8 heap used, sampled with the RSS. */
    heapPeakBytes: number;
    /** Wall time per step of the batches, ms (batched sides only). */
    stepMs: Record<Step, number> | null;
}

/** Parent → child: start the measured run. */
export type ExpiryParentMessage = { type: 'go' };

/** Child → parent. */
export type ExpiryChildMessage =
    | { type: 'ready'; rssBytes: number }
    | { type: 'done'; result: ExpiryChildResult }
    | { type: 'error'; message: string };
