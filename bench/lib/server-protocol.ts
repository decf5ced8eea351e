/** IPC between the benchmark and its Refill server child. */

import type { LoopResult } from './closed-loop.js';

/** A closed loop of in-process commits (`hooks.commitPurchase`) run inside the server process. */
export interface InProcessSpec {
    clients: number;
    warmupMs: number;
    durationMs: number;
    /** Receipt generator: id prefix, customers, seed (see workload.ts). */
    prefix: string;
    customers: number;
    seed: number;
    storeCode: string;
}

/** Parent → child. */
export type ParentMessage =
    /** Start a measurement; `label` names the CPU profile when profiling. */
    | { type: 'mark'; label: string }
    | { type: 'sample' }
    | { type: 'inProcess'; spec: InProcessSpec }
    /** Lets an in-process loop go on after `windowOpen` / `windowClose`. */
    | { type: 'ack' }
    | { type: 'stop' };

/** What the child measured since the last `mark`. */
export interface ServerSample {
    /** Highest RSS sampled (every 50 ms) since the mark. */
    peakRssBytes: number;
    /** The process's lifetime peak RSS (getrusage). */
    maxRssBytes: number;
    /** User + system CPU time since the mark, µs. */
    cpuUs: number;
    /** The part of `cpuUs` spent in the kernel (system calls: sockets, files), µs. */
    systemCpuUs: number;
}

/** Child → parent. */
export type ChildMessage =
    | { type: 'ready'; url: string }
    | { type: 'marked' }
    | ({ type: 'sample' } & ServerSample)
    /** The in-process loop's measured window opens / closes: read your counters, then `ack`. */
    | { type: 'windowOpen' }
    | { type: 'windowClose' }
    | { type: 'inProcessDone'; loop: LoopResult; sample: ServerSample }
    | { type: 'stopped' }
    | { type: 'error'; message: string };
