import type { RefillLogger } from '../logging/logger.port.js';
import type { DataSource } from 'typeorm';

/** The part of mysql2's pool reached when a close has to be forced (not public API: read defensively). */
interface MysqlPoolInternals {
    _allConnections?: { length: number; get(index: number): { destroy?: () => void } | undefined };
}

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
    const pool = (dataSource.driver as unknown as { pool?: MysqlPoolInternals }).pool;
    if (await settleWithin(dataSource.destroy(), timeoutMs)) return;
    logger.warn({ timeoutMs }, 'the database connections did not close in time; destroyed them');
    const all = pool?._allConnections;
    for (let i = 0; i < (all?.length ?? 0); i++) all?.get(i)?.destroy?.();
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
