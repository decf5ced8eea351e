import { Mutex } from 'async-mutex';
import type { DataSource } from 'typeorm';

const locks = new WeakMap<DataSource, Mutex>();

/**
 * The in-process lock for a better-sqlite3 DataSource. TypeORM's driver runs
 * everything on one connection, so every Refill component that opens a
 * transaction on it (the ledger, migrations, the job backend) takes this one
 * lock first; otherwise two async flows would interleave inside one transaction.
 */
export function sqliteLockFor(dataSource: DataSource): Mutex {
    let lock = locks.get(dataSource);
    if (!lock) {
        lock = new Mutex();
        locks.set(dataSource, lock);
    }
    return lock;
}
