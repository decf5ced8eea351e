/**
 * The Refill server under test, run in its own process (forked by
 * server-process.ts, compiled to plain JavaScript like a production start)
 * so the load generator's CPU and memory are not counted as Refill's.
 * Starts the standalone server on an existing database and answers the
 * parent over IPC:
 *
 * - `mark` starts a measurement: resets the sampled RSS peak and the CPU
 *   baseline, and starts the V8 profiler when BENCH_CPU_PROF_DIR is set;
 * - `sample` reports since the mark (and writes the window's profile);
 * - `inProcess` runs a closed loop of `hooks.commitPurchase` on the server's
 *   own Refill instance (the diagnostic without HTTP), telling the parent
 *   when its window opens and closes;
 * - `stop` closes the server and exits.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { setImmediate as immediate } from 'node:timers/promises';
import { startStandalone, type Standalone } from '../../plugin/standalone/server.js';
import { runClosedLoop } from './closed-loop.js';
import type { ChildMessage, InProcessSpec, ParentMessage, ServerSample } from './server-protocol.js';
import { cardNumber, receiptGenerator } from './workload.js';

const databaseUrl = process.env.BENCH_DATABASE_URL;
const profileDir = process.env.BENCH_CPU_PROF_DIR || null;
if (!databaseUrl || !process.send) {
    console.error('server-child: run through server-process.ts (needs IPC and BENCH_DATABASE_URL)');
    process.exit(2);
}

const send = (message: ChildMessage) => process.send?.(message);

let peakRss = process.memoryUsage.rss();
let cpuMark = process.cpuUsage();
const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 50);
sampler.unref();
// If the benchmark dies, do not outlive it.
process.on('disconnect', () => process.exit(0));

let profiler: Session | null = null;
let profileLabel = '';
let pendingAck: (() => void) | null = null;

async function mark(label: string): Promise<void> {
    if (profileDir) {
        profiler = new Session();
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
        profileLabel = label;
    }
    peakRss = process.memoryUsage.rss();
    cpuMark = process.cpuUsage();
}

async function sample(): Promise<ServerSample> {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    const cpu = process.cpuUsage(cpuMark);
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        profiler.disconnect();
        profiler = null;
        writeFileSync(join(profileDir as string, `${profileLabel}.cpuprofile`), JSON.stringify(profile));
    }
    return { peakRssBytes: peakRss, maxRssBytes, cpuUs: cpu.user + cpu.system, systemCpuUs: cpu.system };
}

/** Tells the parent about a window edge and waits for its `ack` (it reads its counters meanwhile). */
function handshake(type: 'windowOpen' | 'windowClose'): Promise<void> {
    return new Promise((ok) => {
        pendingAck = ok;
        send({ type });
    });
}

async function inProcess(app: Standalone, spec: InProcessSpec): Promise<ChildMessage> {
    const next = receiptGenerator(spec.prefix, spec.customers, spec.seed);
    const hooks = app.refill.hooks;
    let measured: ServerSample | null = null;
    const loop = await runClosedLoop({
        clients: spec.clients,
        warmupMs: spec.warmupMs,
        durationMs: spec.durationMs,
        async op() {
            // On SQLite a commit can complete in microtasks alone; yield as a request would.
            await immediate();
            const receipt = next();
            await hooks.commitPurchase({
                receiptId: receipt.receiptId,
                cardNumber: cardNumber(receipt.customer),
                storeCode: spec.storeCode,
                purchasedAt: new Date(),
                lines: receipt.lines,
                redeem: 0,
            });
        },
        async onWindowOpen() {
            await handshake('windowOpen');
            await mark(`${spec.prefix}-in-process`);
        },
        async onWindowClose() {
            measured = await sample();
            await handshake('windowClose');
        },
    });
    if (!measured) throw new Error('the in-process window did not complete');
    return { type: 'inProcessDone', loop, sample: measured };
}

try {
    const app = await startStandalone({
        port: 0,
        host: '127.0.0.1',
        databaseUrl,
        demo: false,
        demoCustomers: 0,
        demoKeyFile: '/dev/null',
        logLevel: 'silent',
        poolSize: process.env.REFILL_POOL_SIZE ? Number(process.env.REFILL_POOL_SIZE) : undefined,
    });
    process.on('message', (message: ParentMessage) => {
        if (message.type === 'ack') {
            pendingAck?.();
            pendingAck = null;
            return;
        }
        const reply = async (): Promise<ChildMessage> => {
            switch (message.type) {
                case 'mark':
                    await mark(message.label);
                    return { type: 'marked' };
                case 'sample':
                    return { type: 'sample', ...(await sample()) };
                case 'inProcess':
                    return inProcess(app, message.spec);
                case 'stop':
                    clearInterval(sampler);
                    await app.close();
                    return { type: 'stopped' };
            }
        };
        reply().then(
            (answer) => {
                send(answer);
                if (answer.type === 'stopped') process.disconnect();
            },
            (error: unknown) =>
                send({
                    type: 'error',
                    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
                }),
        );
    });
    send({ type: 'ready', url: app.url });
} catch (error) {
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
}
