import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerConfig } from '../integration/jobs/fixtures/jobs-worker.js';

const WORKER = fileURLToPath(new URL('../integration/jobs/fixtures/jobs-worker.ts', import.meta.url));

/** A message a job worker process sends. */
export type WorkerMessage = { type: 'ready' } | { type: 'started' | 'completed'; id: string };

/** A forked job worker process and what it has said so far. */
export interface WorkerHandle {
    child: ChildProcess;
    messages: WorkerMessage[];
    /** Resolves with the first message matching `type`. */
    next(type: WorkerMessage['type'], timeoutMs?: number): Promise<WorkerMessage>;
    /** Asks the worker to stop Agenda and exit; resolves when it has. */
    stop(): Promise<void>;
}

/** Forks a job worker (through tsx) and waits until it is ready to process. */
export async function startWorker(config: WorkerConfig): Promise<WorkerHandle> {
    const child = fork(WORKER, [JSON.stringify(config)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const messages: WorkerMessage[] = [];
    const waiters: Array<{ type: string; resolve: (m: WorkerMessage) => void }> = [];
    child.on('message', (m: WorkerMessage) => {
        messages.push(m);
        for (const w of waiters.splice(0)) {
            if (w.type === m.type) w.resolve(m);
            else waiters.push(w);
        }
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const handle: WorkerHandle = {
        child,
        messages,
        next(type, timeoutMs = 30_000) {
            const seen = messages.find((m) => m.type === type);
            if (seen) return Promise.resolve(seen);
            return new Promise((resolve, reject) => {
                const timer = setTimeout(
                    () => reject(new Error(`worker ${config.name}: no "${type}" in ${timeoutMs} ms`)),
                    timeoutMs,
                );
                waiters.push({ type, resolve: (m) => (clearTimeout(timer), resolve(m)) });
            });
        },
        async stop() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.send('stop');
            await exited;
        },
    };
    await handle.next('ready', 60_000);
    return handle;
}
