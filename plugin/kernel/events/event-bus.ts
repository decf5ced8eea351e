import type { TransactionOptions } from '../db/database.js';
import type { SqlExecutor } from '../db/sql-executor.js';
import { AfterCommitQueue, type AfterCommitHandler, type EventLogger } from './after-commit-queue.js';
import type { RefillEvents } from './refill-events.js';

/**
 * A handler that runs inside the publisher's transaction, with its
 * transaction handle. A throw rolls the publisher's transaction back.
 */
export type InTransactionHandler<E> = (event: E, tx: SqlExecutor) => Promise<void>;

/** Removes the handler it was returned for. */
export type Unsubscribe = () => void;

/** What {@link EventBus.transaction} runs its work on: a `Database`, or a fake in a unit test. */
export interface TransactionRunner {
    transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

/** Handler lists per event name; each list is replaced, never changed, so a publish walks a stable list. */
type HandlerLists<Events, Kind extends 'tx' | 'after'> = {
    [K in keyof Events]?: readonly (Kind extends 'tx'
        ? InTransactionHandler<Events[K]>
        : AfterCommitHandler<Events[K]>)[];
};

/**
 * Refill's in-process event bus: a module says what happened and the modules
 * that care react, so no module writes another's tables. One bus per Refill
 * instance; subscribers register while Refill is composed.
 *
 * A handler is either `inTransaction` (awaited inside the publisher's
 * transaction, in registration order, with its transaction handle: for work
 * that must be atomic with the publisher's, and whose throw rolls it back) or
 * `afterCommit` (queued on the publisher's {@link AfterCommitQueue} and run
 * once its transaction has committed; never after a rollback; failures are
 * logged). Publishing costs a property lookup and a loop per kind.
 */
export class EventBus<Events extends object = RefillEvents> {
    private readonly inTx: HandlerLists<Events, 'tx'> = {};
    private readonly after: HandlerLists<Events, 'after'> = {};

    constructor(private readonly logger: EventLogger) {}

    /** Runs `handler` inside the transaction of every `name` event, after the handlers registered before it. */
    inTransaction<K extends keyof Events>(name: K, handler: InTransactionHandler<Events[K]>): Unsubscribe {
        this.inTx[name] = [...(this.inTx[name] ?? []), handler];
        return () => {
            this.inTx[name] = this.inTx[name]?.filter((h) => h !== handler);
        };
    }

    /** Runs `handler` after the transaction of every `name` event commits. */
    afterCommit<K extends keyof Events>(name: K, handler: AfterCommitHandler<Events[K]>): Unsubscribe {
        this.after[name] = [...(this.after[name] ?? []), handler];
        return () => {
            this.after[name] = this.after[name]?.filter((h) => h !== handler);
        };
    }

    /**
     * Publishes `event` from inside a transaction: awaits the in-transaction
     * handlers in order with `tx` (a throw propagates to the publisher, whose
     * transaction then rolls back), and queues the after-commit handlers on
     * `afterCommit` for the publisher to flush once it has committed.
     */
    async publish<K extends keyof Events>(
        tx: SqlExecutor,
        name: K,
        event: Events[K],
        afterCommit: AfterCommitQueue,
    ): Promise<void> {
        const inTx = this.inTx[name];
        if (inTx) for (const handler of inTx) await handler(event, tx);
        const after = this.after[name];
        if (after) for (const handler of after) afterCommit.add(String(name), handler, event);
    }

    /**
     * Runs `work` in one transaction of `db` and then the after-commit
     * handlers of what it published (awaited; their failures are logged).
     * A retried attempt (deadlock, busy database) starts with an empty queue,
     * so only the committed attempt's handlers run. Not for use inside
     * another transaction: "after commit" would then mean the inner one.
     */
    async transaction<T>(
        db: TransactionRunner,
        work: (tx: SqlExecutor, afterCommit: AfterCommitQueue) => Promise<T>,
        options?: TransactionOptions,
    ): Promise<T> {
        const queue = new AfterCommitQueue(this.logger);
        const result = await db.transaction((tx) => {
            queue.clear();
            return work(tx, queue);
        }, options);
        await queue.flush();
        return result;
    }
}
