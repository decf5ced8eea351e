import type { Connection, PoolConnection } from 'mysql2';
import type { RefillLogger } from '../logging/logger.port.js';
import type { DataSource } from 'typeorm';
import { DatabaseTimeoutError } from './db-errors.js';
import { formatMysql } from './mysql-format.js';

/** The part of TypeORM's MySQL driver the guard uses: its pool and the mysql2 module it loaded. */
interface MysqlDriver {
    obtainMasterConnection(): Promise<PoolConnection>;
    mysql: { createConnection(options: Record<string, unknown>): Connection };
}

/** A pooled connection as mysql2 keeps it (`lastActiveTime` is set on every release). */
type PooledConnection = PoolConnection & { lastActiveTime?: number };

/** How the guard treats the connections of one pool. */
export interface ConnectionGuardOptions {
    /** A connection that sat in the pool longer than this is pinged before use. */
    validateIdleMs: number;
    /** Logs timeouts, destroyed connections and kills (no SQL text, no values). */
    logger: RefillLogger | null;
}

/** Longest time a ping of an idle connection may take before the connection counts as dead. */
const PING_TIMEOUT_MS = 1000;
/** Delays between attempts to kill a timed-out statement's server session while the server is unreachable. */
const KILL_RETRIES_MS = [0, 1000, 2000, 4000, 8000, 15000, 30000];
/** Kills waiting for the server at once at most (a long outage with frequent probes must not pile them up). */
const MAX_PENDING_KILLS = 50;

/**
 * Keeps a dead network from pinning Refill's MySQL connections. A silently
 * dead connection (a failover, a NAT that dropped its state) never answers
 * and never errors; left alone it holds its pool slot and every request that
 * gets it hangs. So:
 *
 * - checking a connection out of the pool has a time limit;
 * - a connection idle longer than `validateIdleMs` is pinged first, and
 *   destroyed (another one is taken) when the ping does not come back;
 * - every statement has a time limit; when it passes, the connection is
 *   destroyed (so it never returns to the pool) and its server session is
 *   killed through a new connection as soon as the server can be reached
 *   (`KILL CONNECTION`, which also rolls back its transaction and frees its
 *   row locks), retrying for about a minute.
 */
export class MysqlConnectionGuard {
    private readonly kills = new Set<NodeJS.Timeout>();
    private closed = false;

    constructor(
        private readonly dataSource: DataSource,
        private readonly options: ConnectionGuardOptions,
    ) {}

    private get driver(): MysqlDriver {
        return this.dataSource.driver as unknown as MysqlDriver;
    }

    /** Checks a live connection out of the pool within `timeoutMs`, or throws {@link DatabaseTimeoutError}. */
    async acquire(timeoutMs: number): Promise<PoolConnection> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const remaining = deadline - Date.now();
            if (remaining <= 0) throw this.timedOut(new DatabaseTimeoutError('acquire', timeoutMs));
            const connection = await this.checkOut(remaining, timeoutMs);
            const idle = Date.now() - (connection.lastActiveTime ?? Date.now());
            if (idle <= this.options.validateIdleMs) return connection;
            const pingMs = Math.min(PING_TIMEOUT_MS, Math.max(deadline - Date.now(), 1));
            if (await this.ping(connection, pingMs)) return connection;
            this.options.logger?.warn(
                { threadId: connection.threadId, idleMs: idle, timeoutMs: pingMs },
                'database connection did not answer a ping; destroyed',
            );
        }
    }

    /**
     * Runs one query (already formatted) on `connection` within `timeoutMs`.
     * On timeout the connection is destroyed and its session killed; the
     * promise rejects with {@link DatabaseTimeoutError}.
     */
    query(connection: PoolConnection, sql: string, timeoutMs: number): Promise<unknown> {
        return new Promise((ok, fail) => {
            let done = false;
            const timer = setTimeout(() => {
                done = true;
                const threadId = connection.threadId;
                connection.destroy();
                this.killLater(connection, threadId);
                fail(this.timedOut(new DatabaseTimeoutError('query', timeoutMs), threadId));
            }, timeoutMs);
            // Values are already in the text; an explicit empty list keeps a host pool's
            // named-placeholder parsing away from it.
            connection.query({ sql, values: [] }, (error: unknown, result: unknown) => {
                if (done) return;
                done = true;
                clearTimeout(timer);
                if (error) fail(error);
                else ok(result);
            });
        });
    }

    /** Whether the database answers `SELECT 1` on a pooled connection within `timeoutMs` (readiness). */
    async isAlive(timeoutMs: number): Promise<boolean> {
        const started = Date.now();
        try {
            const connection = await this.acquire(timeoutMs);
            try {
                await this.query(connection, 'SELECT 1', Math.max(timeoutMs - (Date.now() - started), 1));
            } finally {
                connection.release();
            }
            return true;
        } catch {
            return false;
        }
    }

    /** Stops the pending kills (on shutdown). */
    close(): void {
        this.closed = true;
        for (const timer of this.kills) clearTimeout(timer);
        this.kills.clear();
    }

    /** Pings `connection` within `timeoutMs`; a connection that does not answer is destroyed. */
    private ping(connection: PoolConnection, timeoutMs: number): Promise<boolean> {
        return new Promise((ok) => {
            let done = false;
            const timer = setTimeout(() => {
                done = true;
                connection.destroy();
                ok(false);
            }, timeoutMs);
            connection.ping((error) => {
                if (done) return;
                done = true;
                clearTimeout(timer);
                if (error) connection.destroy();
                ok(!error);
            });
        });
    }

    private checkOut(remaining: number, timeoutMs: number): Promise<PooledConnection> {
        return new Promise((ok, fail) => {
            let late = false;
            const timer = setTimeout(() => {
                late = true;
                fail(this.timedOut(new DatabaseTimeoutError('acquire', timeoutMs)));
            }, remaining);
            this.driver.obtainMasterConnection().then(
                (connection) => {
                    // Handed out after the caller gave up: straight back to the pool.
                    if (late) return connection.release();
                    clearTimeout(timer);
                    ok(connection as PooledConnection);
                },
                (error: unknown) => {
                    if (late) return;
                    clearTimeout(timer);
                    fail(error);
                },
            );
        });
    }

    private timedOut(error: DatabaseTimeoutError, threadId?: number | null): DatabaseTimeoutError {
        this.options.logger?.warn(
            { phase: error.phase, timeoutMs: error.timeoutMs, threadId: threadId ?? undefined },
            error.message,
        );
        return error;
    }

    /** Kills the server session of a destroyed connection, retrying while the server is unreachable. */
    private killLater(connection: PoolConnection, threadId: number | null): void {
        if (!threadId || this.closed || this.kills.size >= MAX_PENDING_KILLS) return;
        const config = (connection as unknown as { config: Record<string, unknown> }).config;
        const options = {
            host: config.host,
            port: config.port,
            socketPath: config.socketPath,
            user: config.user,
            password: config.password,
            ssl: config.ssl,
            authPlugins: config.authPlugins,
            connectTimeout: 2000,
        };
        const attempt = (index: number) => {
            if (this.closed || index >= KILL_RETRIES_MS.length) return;
            const timer = setTimeout(() => {
                this.kills.delete(timer);
                this.killOnce(options, threadId).then(
                    () => this.options.logger?.info({ threadId }, 'killed the session of a timed-out query'),
                    (error: { code?: string; errno?: number }) => {
                        // ER_NO_SUCH_THREAD: the server already ended it.
                        if (error.errno === 1094) return;
                        attempt(index + 1);
                    },
                );
            }, KILL_RETRIES_MS[index]);
            timer.unref();
            this.kills.add(timer);
        };
        attempt(0);
    }

    private killOnce(options: Record<string, unknown>, threadId: number): Promise<void> {
        return new Promise((ok, fail) => {
            const killer = this.driver.mysql.createConnection(options);
            killer.on('error', () => undefined);
            const timer = setTimeout(() => {
                killer.destroy();
                fail(new DatabaseTimeoutError('query', 3000));
            }, 3000);
            killer.query(formatMysql('KILL CONNECTION ?', [threadId]), (error) => {
                clearTimeout(timer);
                killer.destroy();
                if (error) fail(error);
                else ok();
            });
        });
    }
}
