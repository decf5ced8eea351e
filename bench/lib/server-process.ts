import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoopResult } from './closed-loop.js';
import type { ChildMessage, InProcessSpec, ParentMessage, ServerSample } from './server-protocol.js';

const CHILD_TS = fileURLToPath(new URL('./server-child.ts', import.meta.url));

/** Options for {@link ServerProcess.start}. */
export interface ServerProcessOptions {
    databaseUrl: string;
    /** Write a V8 CPU profile of each measured window here (null: no profiling). */
    cpuProfDir: string | null;
    /** The compiled server child (plain node), or null to run the TypeScript source through tsx. */
    compiledEntry: string | null;
}

/** A Refill standalone server running in a child process. */
export class ServerProcess {
    private constructor(
        private readonly child: ChildProcess,
        readonly url: string,
    ) {}

    /** Forks the server and waits until it listens. */
    static async start(options: ServerProcessOptions): Promise<ServerProcess> {
        let profileDir = '';
        if (options.cpuProfDir) {
            profileDir = resolve(options.cpuProfDir);
            mkdirSync(profileDir, { recursive: true });
        }
        const child = fork(options.compiledEntry ?? CHILD_TS, [], {
            execArgv: options.compiledEntry ? [] : ['--import', 'tsx'],
            env: {
                ...process.env,
                BENCH_DATABASE_URL: options.databaseUrl,
                BENCH_CPU_PROF_DIR: profileDir,
                NODE_ENV: 'production',
            },
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        const ready = await next(child, 'ready');
        return new ServerProcess(child, ready.url);
    }

    /**
     * Runs a closed loop of `hooks.commitPurchase` inside the server process;
     * `onWindowOpen` / `onWindowClose` run at the edges of its measured window.
     */
    async inProcess(
        spec: InProcessSpec,
        onWindowOpen: () => Promise<void>,
        onWindowClose: () => Promise<void>,
    ): Promise<{ loop: LoopResult; sample: ServerSample }> {
        const edges = (message: ChildMessage) => {
            const edge =
                message.type === 'windowOpen'
                    ? onWindowOpen
                    : message.type === 'windowClose'
                      ? onWindowClose
                      : null;
            edge?.().then(
                () => this.send({ type: 'ack' }),
                () => this.send({ type: 'ack' }),
            );
        };
        this.child.on('message', edges);
        try {
            const done = next(this.child, 'inProcessDone');
            this.send({ type: 'inProcess', spec });
            const { loop, sample } = await done;
            return { loop, sample };
        } finally {
            this.child.off('message', edges);
        }
    }

    /** Starts a measurement: resets the RSS peak and the CPU baseline; `label` names its profile. */
    async mark(label: string): Promise<void> {
        const marked = next(this.child, 'marked');
        this.send({ type: 'mark', label });
        await marked;
    }

    /** RSS peak and CPU time since the last mark. */
    async sample(): Promise<ServerSample> {
        const sampled = next(this.child, 'sample');
        this.send({ type: 'sample' });
        const { peakRssBytes, maxRssBytes, cpuUs, systemCpuUs } = await sampled;
        return { peakRssBytes, maxRssBytes, cpuUs, systemCpuUs };
    }

    /** Closes the server and waits for the process to exit. */
    async stop(): Promise<void> {
        if (this.child.exitCode !== null) return;
        const exited = new Promise<void>((ok) => this.child.once('exit', () => ok()));
        this.send({ type: 'stop' });
        const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
    }

    private send(message: ParentMessage): void {
        this.child.send(message);
    }
}

/** The next message of `type` from the child; rejects on an error message or an early exit. */
function next<T extends ChildMessage['type']>(
    child: ChildProcess,
    type: T,
): Promise<Extract<ChildMessage, { type: T }>> {
    return new Promise((ok, fail) => {
        const onMessage = (message: ChildMessage) => {
            if (message.type === type) {
                cleanup();
                ok(message as Extract<ChildMessage, { type: T }>);
            } else if (message.type === 'error') {
                cleanup();
                fail(new Error(`Refill server: ${message.message}`));
            }
        };
        const onExit = (code: number | null) => {
            cleanup();
            fail(new Error(`Refill server exited (code ${code}) while waiting for "${type}"`));
        };
        const cleanup = () => {
            child.off('message', onMessage);
            child.off('exit', onExit);
        };
        child.on('message', onMessage);
        child.on('exit', onExit);
    });
}
