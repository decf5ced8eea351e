import {
    PROGRESS_EVERY_MS,
    type JobsParentMessage,
    type JobsWorkerConfig,
    type JobsWorkerMessage,
} from './jobs-bench.protocol.js';

/** What a worker does when told to go and to stop. */
export interface WorkerHooks {
    /** Starts claiming and completing jobs (may return at once and keep working). */
    start(): void | Promise<void>;
    /** Stops and releases connections. */
    stop(): Promise<void>;
}

/**
 * A benchmark worker's side of the IPC protocol: reads its config, says
 * ready, starts on 'go', reports completed jobs every 100 ms, and on 'stop'
 * stops, sends its claim latencies and exits.
 */
export class WorkerChannel {
    /** Jobs this worker has completed. */
    completed = 0;
    /** Duration of every successful claim, ms. */
    readonly claimLatenciesMs: number[] = [];
    readonly config: JobsWorkerConfig = JSON.parse(process.argv[2]) as JobsWorkerConfig;

    /** Wires the hooks to the parent's messages and says ready. */
    serve(hooks: WorkerHooks): void {
        let reported = -1;
        const timer = setInterval(() => {
            if (this.completed !== reported)
                this.send({ type: 'progress', completed: (reported = this.completed) });
        }, PROGRESS_EVERY_MS);
        process.on('message', (message: JobsParentMessage) => {
            if (message === 'go') void hooks.start();
            if (message === 'stop')
                void (async () => {
                    clearInterval(timer);
                    await hooks.stop();
                    const done: JobsWorkerMessage = {
                        type: 'done',
                        completed: this.completed,
                        claimLatenciesMs: this.claimLatenciesMs,
                    };
                    // Exit once sent: Agenda leaves lock-watch timers behind that would keep the process alive.
                    process.send?.(done, () => process.exit(0));
                })();
        });
        this.send({ type: 'ready' });
    }

    /** Times one claim; records it when it found a job. */
    async timedClaim<T>(claim: () => Promise<T | undefined>): Promise<T | undefined> {
        const started = performance.now();
        const job = await claim();
        if (job) this.claimLatenciesMs.push(performance.now() - started);
        return job;
    }

    private send(message: JobsWorkerMessage): void {
        process.send?.(message);
    }
}
