/**
 * The two sides of a step, measured window by window: Refill over HTTP
 * (with the server process's CPU and RSS) and a raw writer (in this
 * process). Windows of one side are merged, so a step can alternate short
 * Refill and raw windows and both sides see the same machine.
 */
import { percentile, runClosedLoop, type LoopOptions, type LoopResult } from './closed-loop.js';
import type { ReceiptPoster } from './load-generator.js';
import type { RawWriter } from './raw-baseline.js';
import type { RefillSideResult, SideResult } from './report.js';
import type { ServerProcess } from './server-process.js';
import type { InProcessSpec, ServerSample } from './server-protocol.js';
import { probeDelta, type ProbeReading, type SystemProbe } from './system-probe.js';
import type { BenchReceipt } from './workload.js';

/** The timing of one window. */
export type WindowShape = Pick<LoopOptions, 'clients' | 'warmupMs' | 'durationMs'>;

/** One window of K HTTP clients committing receipts against the server process. */
export async function measureRefillWindow(
    profileLabel: string,
    server: ServerProcess,
    poster: ReceiptPoster,
    probe: SystemProbe,
    shape: WindowShape,
    next: () => BenchReceipt,
): Promise<RefillSideResult> {
    const seen: { before?: ProbeReading; after?: ProbeReading; sample?: ServerSample } = {};
    const loop = await runClosedLoop({
        ...shape,
        op: () => poster.post(next()),
        async onWindowOpen() {
            await server.mark(profileLabel);
            seen.before = await probe.read();
        },
        async onWindowClose() {
            seen.after = await probe.read();
            seen.sample = await server.sample();
        },
    });
    const { before, after, sample } = seen;
    if (!before || !after || !sample) throw new Error('the measured window did not complete');
    return {
        loop,
        probe: probeDelta(before, after),
        peakRssBytes: sample.peakRssBytes,
        maxRssBytes: sample.maxRssBytes,
        serverCpuUs: sample.cpuUs,
        serverSystemCpuUs: sample.systemCpuUs,
    };
}

/**
 * One window of K workers calling `hooks.commitPurchase` inside the server
 * process (no HTTP): its CPU and RSS are the server's.
 */
export async function measureInProcessWindow(
    server: ServerProcess,
    probe: SystemProbe,
    spec: InProcessSpec,
): Promise<RefillSideResult> {
    const seen: { before?: ProbeReading; after?: ProbeReading } = {};
    const { loop, sample } = await server.inProcess(
        spec,
        async () => {
            seen.before = await probe.read();
        },
        async () => {
            seen.after = await probe.read();
        },
    );
    const { before, after } = seen;
    if (!before || !after) throw new Error('the measured window did not complete');
    return {
        loop,
        probe: probeDelta(before, after),
        peakRssBytes: sample.peakRssBytes,
        maxRssBytes: sample.maxRssBytes,
        serverCpuUs: sample.cpuUs,
        serverSystemCpuUs: sample.systemCpuUs,
    };
}

/** One window of K workers committing receipts with hand-written SQL. */
export async function measureRawWindow(
    writer: RawWriter,
    probe: SystemProbe,
    shape: WindowShape,
    next: () => BenchReceipt,
): Promise<SideResult> {
    const seen: { before?: ProbeReading; after?: ProbeReading } = {};
    const loop = await runClosedLoop({
        ...shape,
        op: (client) => writer.commit(client, next()),
        async onWindowOpen() {
            seen.before = await probe.read();
        },
        async onWindowClose() {
            seen.after = await probe.read();
        },
    });
    const { before, after } = seen;
    if (!before || !after) throw new Error('the measured window did not complete');
    return { loop, probe: probeDelta(before, after) };
}

/** Several windows of one side as one result: counts and times add up, latencies pool. */
export function mergeSide(parts: readonly SideResult[]): SideResult {
    return { loop: mergeLoops(parts.map((p) => p.loop)), probe: sumProbes(parts.map((p) => p.probe)) };
}

/** {@link mergeSide} for Refill: the RSS peaks are the highest, the server CPU adds up. */
export function mergeRefillSide(parts: readonly RefillSideResult[]): RefillSideResult {
    return {
        ...mergeSide(parts),
        peakRssBytes: Math.max(...parts.map((p) => p.peakRssBytes)),
        maxRssBytes: Math.max(...parts.map((p) => p.maxRssBytes)),
        serverCpuUs: parts.reduce((s, p) => s + p.serverCpuUs, 0),
        serverSystemCpuUs: parts.reduce((s, p) => s + p.serverSystemCpuUs, 0),
    };
}

function mergeLoops(parts: readonly LoopResult[]): LoopResult {
    const latencies = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
    const ok = latencies.length;
    const seconds = parts.reduce((s, p) => s + p.seconds, 0);
    return {
        clients: parts[0].clients,
        ok,
        errors: parts.reduce((s, p) => s + p.errors, 0),
        errorSamples: parts.flatMap((p) => p.errorSamples).slice(0, 5),
        seconds,
        perSecond: ok / seconds,
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        maxMs: ok ? latencies[ok - 1] : Number.NaN,
        latencies,
    };
}

function sumProbes(parts: readonly ProbeReading[]): ProbeReading {
    const sum = (pick: (p: ProbeReading) => number | null) =>
        parts.some((p) => pick(p) === null) ? null : parts.reduce((s, p) => s + (pick(p) ?? 0), 0);
    return {
        statements: sum((p) => p.statements),
        dbCpuUs: sum((p) => p.dbCpuUs),
        selfCpuUs: parts.reduce((s, p) => s + p.selfCpuUs, 0),
        selfSystemUs: parts.reduce((s, p) => s + p.selfSystemUs, 0),
        machineBusyUs: sum((p) => p.machineBusyUs),
        wallUs: parts.reduce((s, p) => s + p.wallUs, 0),
    };
}
