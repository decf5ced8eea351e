import { performance } from 'node:perf_hooks';
import { setImmediate as immediate, setTimeout as sleep } from 'node:timers/promises';

/** What one measured step produced. */
export interface LoopResult {
    clients: number;
    /** Operations that succeeded and finished inside the measured window. */
    ok: number;
    /** Operations that failed (thrown) during warm-up or the window. */
    errors: number;
    /** The first few failure messages. */
    errorSamples: string[];
    /** Length of the measured window, seconds. */
    seconds: number;
    /** ok / seconds. */
    perSecond: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    /** Every latency counted, ms, ascending (to pool several windows). */
    latencies: number[];
}

/** How to run one step. */
export interface LoopOptions {
    clients: number;
    warmupMs: number;
    durationMs: number;
    /** One operation of client `client` (0-based); throws on failure. */
    op: (client: number) => Promise<void>;
    /** Called when the warm-up ends, just before the window opens (e.g. to read counters). */
    onWindowOpen?: () => Promise<void>;
    /** Called as soon as the window closes, while the clients are still running. */
    onWindowClose?: () => Promise<void>;
}

/**
 * A closed-loop load: `clients` workers, each issuing its next operation as
 * soon as the previous one returns, for a warm-up and then a measured
 * window. Counts the operations that complete inside the window and their
 * latencies (from the call to the return, so waiting for a connection or a
 * lock is included).
 */
export async function runClosedLoop(options: LoopOptions): Promise<LoopResult> {
    const latencies: number[] = [];
    const errorSamples: string[] = [];
    let errors = 0;
    let windowStart = Number.POSITIVE_INFINITY;
    let windowEnd = Number.POSITIVE_INFINITY;
    let stopped = false;

    const worker = async (client: number) => {
        for (let n = 1; !stopped; n++) {
            // An operation that never waits for I/O would starve the timers that end the window.
            if (n % 64 === 0) await immediate();
            const start = performance.now();
            try {
                await options.op(client);
            } catch (error) {
                errors++;
                if (errorSamples.length < 5)
                    errorSamples.push(error instanceof Error ? error.message : String(error));
                continue;
            }
            const end = performance.now();
            if (end >= windowStart && end <= windowEnd) latencies.push(end - start);
        }
    };
    const workers = Array.from({ length: options.clients }, (_, i) => worker(i));

    try {
        await sleep(options.warmupMs);
        await options.onWindowOpen?.();
        windowStart = performance.now();
        await sleep(options.durationMs);
        windowEnd = performance.now();
        await options.onWindowClose?.();
    } finally {
        stopped = true;
        await Promise.all(workers);
    }

    const seconds = (windowEnd - windowStart) / 1000;
    latencies.sort((a, b) => a - b);
    return {
        clients: options.clients,
        ok: latencies.length,
        errors,
        errorSamples,
        seconds,
        perSecond: latencies.length / seconds,
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        maxMs: latencies.length ? latencies[latencies.length - 1] : Number.NaN,
        latencies,
    };
}

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile(sorted: readonly number[], q: number): number {
    if (!sorted.length) return Number.NaN;
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
