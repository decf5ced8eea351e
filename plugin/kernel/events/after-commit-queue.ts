/** Where the bus reports a failed after-commit handler (pino's logger fits). */
export interface EventLogger {
    error(obj: object, msg: string): void;
}

/** A handler that runs once the publisher's transaction has committed. */
export type AfterCommitHandler<E> = (event: E) => void | Promise<void>;

/** One handler bound to the event it will get. */
interface QueuedHandler {
    name: string;
    run: () => void | Promise<void>;
}

/**
 * The after-commit work of one transaction: the bus queues here the
 * after-commit handlers of every event the transaction publishes, and the
 * publisher runs them with {@link flush} once the transaction has committed.
 * After a rollback nobody flushes it, so nothing runs. Handlers run one after
 * another in the order they were queued; a failure is logged and never
 * reaches the publisher (its transaction is already committed).
 */
export class AfterCommitQueue {
    private queued: QueuedHandler[] | null = null;

    constructor(private readonly logger: EventLogger) {}

    /** Queues `handler` to run with `event` after the commit. */
    add<E>(name: string, handler: AfterCommitHandler<E>, event: E): void {
        (this.queued ??= []).push({ name, run: () => handler(event) });
    }

    /** How many handlers wait for the commit. */
    get size(): number {
        return this.queued?.length ?? 0;
    }

    /** Forgets what was queued (a transaction attempt that will not commit). */
    clear(): void {
        this.queued = null;
    }

    /** Runs the queued handlers once, in order, logging their failures. Never rejects. */
    async flush(): Promise<void> {
        const queued = this.queued;
        if (!queued) return;
        this.queued = null;
        for (const { name, run } of queued) {
            try {
                await run();
            } catch (error) {
                this.logger.error({ err: error, event: name }, 'an after-commit event handler failed');
            }
        }
    }
}
