import type { RefillLogger } from '../logging/logger.port.js';
import type { DataSource } from 'typeorm';

/**
 * Closes a DataSource Refill opened itself within `timeoutMs`. mysql2 ends
 * each pooled connection with a QUIT that waits behind the connection's
 * pending command, so on a dead network `destroy()` never finishes and the
 * sockets keep the process alive; after the time limit every connection of
 * the pool is destroyed instead. Resolves either way.
 */
export async function closeDataSource(
    dataSource: DataSource,
    timeoutMs: number,
    logger: RefillLogger,
): Promise<void> {
    if (!dataSource.isInitialized) return;
    const sockets = pooledConnections(dataSource);
    if (await settleWithin(dataSource.destroy(), timeoutMs)) return;
    logger.warn({ timeoutMs }, 'the database connections did not close in time; destroyed them');
    for (const connection of sockets()) connection.destroy();
}

/**
 * The one place Refill reaches into a driver: the connections of the mysql2
 * pool under a DataSource it opened itself, to destroy them when a close
 * hangs. Neither TypeORM nor mysql2 has a public way to end a pool without
 * the QUIT handshake that hangs on a dead network, nor to list a pool's
 * connections; TypeORM's MySQL driver keeps the pool in its `pool` field and
 * mysql2 keeps the connections in `_allConnections` (a queue). Both are read
 * defensively: anything else yields no connections, and the close simply
 * stops waiting.
 */
function pooledConnections(dataSource: DataSource): () => Array<{ destroy(): void }> {
    const driver: object = dataSource.driver;
    const pool: unknown = 'pool' in driver ? driver.pool : undefined;
    return () => {
        const all: unknown =
            typeof pool === 'object' && pool !== null && '_allConnections' in pool
                ? pool._allConnections
                : undefined;
        if (
            typeof all !== 'object' ||
            all === null ||
            !('toArray' in all) ||
            typeof all.toArray !== 'function'
        )
            return [];
        const list: unknown = all.toArray();
        return Array.isArray(list)
            ? list.filter(
                  (c): c is { destroy(): void } =>
                      typeof c === 'object' &&
                      c !== null &&
                      'destroy' in c &&
                      typeof c.destroy === 'function',
              )
            : [];
    };
}

/** Waits for `work` at most `timeoutMs`; says whether it settled in time (its failure counts as settled). */
export async function settleWithin(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([
        work.then(
            () => true,
            () => true,
        ),
        new Promise<false>((ok) => {
            timer = setTimeout(() => ok(false), timeoutMs);
        }),
    ]);
    clearTimeout(timer);
    return settled;
}
