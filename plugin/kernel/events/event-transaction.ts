import type { Database } from '../db/database.js';
import type { SqlExecutor } from '../db/sql-executor.js';
import type { EventBus } from './event-bus.js';
import type { RefillEvents } from './refill-events.js';

/** Says what happened from inside the transaction {@link inEventTransaction} runs. */
export type Publish = <K extends keyof RefillEvents>(name: K, event: RefillEvents[K]) => Promise<void>;

/**
 * Runs `work` in one transaction of `db` with a `publish` that puts events on
 * `bus` inside it (in-transaction handlers run there; after-commit ones once
 * it has committed). Without a bus (a unit test, a service built alone),
 * `publish` does nothing, so the same service code serves both.
 */
export function inEventTransaction<T>(
    db: Database,
    bus: EventBus | null,
    work: (tx: SqlExecutor, publish: Publish) => Promise<T>,
): Promise<T> {
    if (!bus) return db.transaction((tx) => work(tx, async () => undefined));
    return bus.transaction(db, (tx, afterCommit) =>
        work(tx, (name, event) => bus.publish(tx, name, event, afterCommit)),
    );
}
