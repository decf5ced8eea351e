/** Wall time and memory of one measured side. */
export interface Measured {
    seconds: number;
    /** Peak V8 heap used during the side, above the heap at its start, MB. */
    heapGrowthMb: number;
    /** Peak resident set size of the process during the side, MB. */
    peakRssMb: number;
}

/**
 * Runs `work` once and measures its wall time, sampling memory every 10 ms
 * (after a forced GC when node runs with --expose-gc) so a side whose memory
 * grows with the base size shows it.
 */
export async function measure<T>(work: () => Promise<T>): Promise<{ value: T; m: Measured }> {
    (globalThis as { gc?: () => void }).gc?.();
    const startHeap = process.memoryUsage().heapUsed;
    let peakHeap = startHeap;
    let peakRss = process.memoryUsage().rss;
    const timer = setInterval(() => {
        const u = process.memoryUsage();
        peakHeap = Math.max(peakHeap, u.heapUsed);
        peakRss = Math.max(peakRss, u.rss);
    }, 10);
    const started = performance.now();
    try {
        const value = await work();
        const seconds = (performance.now() - started) / 1000;
        const u = process.memoryUsage();
        peakHeap = Math.max(peakHeap, u.heapUsed);
        peakRss = Math.max(peakRss, u.rss);
        return {
            value,
            m: { seconds, heapGrowthMb: (peakHeap - startHeap) / 2 ** 20, peakRssMb: peakRss / 2 ** 20 },
        };
    } finally {
        clearInterval(timer);
    }
}
