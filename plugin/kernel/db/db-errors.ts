/** Digs the driver's own error out of TypeORM's QueryFailedError wrapper. */
function driverError(error: unknown): { code?: string; errno?: number; message?: string } {
    if (!error || typeof error !== 'object') return {};
    const e = error as { driverError?: unknown; code?: string; errno?: number };
    if (e.driverError && typeof e.driverError === 'object') return e.driverError as { code?: string };
    return e;
}

/** A deadlock, lock-wait timeout or SQLite busy error: re-running the transaction may succeed. */
export function isRetryableDbError(error: unknown): boolean {
    const { code, errno } = driverError(error);
    return (
        errno === 1213 ||
        errno === 1205 ||
        code === 'ER_LOCK_DEADLOCK' ||
        code === 'ER_LOCK_WAIT_TIMEOUT' ||
        code === 'SQLITE_BUSY' ||
        code === 'SQLITE_BUSY_SNAPSHOT' ||
        code === 'SQLITE_LOCKED'
    );
}

/** A unique-key violation on insert. */
export function isDuplicateKeyError(error: unknown): boolean {
    const { code, errno } = driverError(error);
    return (
        errno === 1062 ||
        code === 'ER_DUP_ENTRY' ||
        code === 'SQLITE_CONSTRAINT_UNIQUE' ||
        code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
    );
}

/**
 * A statement or a connection check-out did not finish in its time limit (a
 * statement's connection is then destroyed, never returned to the pool, and
 * its session killed on the server when reachable). The client may retry
 * later (503).
 */
export class DatabaseTimeoutError extends Error {
    readonly code = 'REFILL_DB_TIMEOUT';

    constructor(
        readonly phase: 'acquire' | 'query',
        readonly timeoutMs: number,
    ) {
        super(
            phase === 'acquire'
                ? `No database connection within ${timeoutMs} ms`
                : `The database did not answer within ${timeoutMs} ms; the connection was destroyed`,
        );
        this.name = 'DatabaseTimeoutError';
    }
}

const UNAVAILABLE_CODES = new Set([
    'REFILL_DB_TIMEOUT',
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'ENOTFOUND',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'PROTOCOL_CONNECTION_LOST',
    'PROTOCOL_SEQUENCE_TIMEOUT',
    'ER_CON_COUNT_ERROR',
    'ER_SERVER_SHUTDOWN',
    'POOL_CLOSED',
    'SQLITE_CANTOPEN',
    'SQLITE_IOERR',
    'SQLITE_FULL',
]);

/** The database cannot be reached or is shutting down: the client should retry later (503). */
export function isDbUnavailableError(error: unknown): boolean {
    const { code, message } = driverError(error);
    if (code && UNAVAILABLE_CODES.has(code)) return true;
    const text = `${message ?? ''} ${(error as Error | undefined)?.message ?? ''}`;
    return /connection is in closed state|Pool is closed|Can't add new command when connection is in closed state|connect ETIMEDOUT|Connection lost/i.test(
        text,
    );
}
