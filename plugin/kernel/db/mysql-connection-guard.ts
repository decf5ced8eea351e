import type { ConnectionOptions, PoolConnection } from 'mysql2';
import type { DataSource, QueryRunner } from 'typeorm';
import type { RefillLogger } from '../logging/logger.port.js';
import { DatabaseTimeoutError } from './db-errors.js';
import { formatMysql } from './mysql-format.js';

/** How the guard treats the connections of one pool. */
export interface ConnectionGuardOptions {
    /** A connection that sat in the pool longer than this is pinged before use. */
    validateIdleMs: number;
    /** Logs timeouts, destroyed connections and kills (no SQL text, no values). */
    logger: RefillLogger | null;
}

/**
 * A connection of the DataSource's pool, checked out through a TypeORM
 * QueryRunner: `connection` is what `QueryRunner.connect()` hands out (mysql2's
 * pooled connection, used through mysql2's own API).
 */
export interface MysqlLease {
    readonly connection: PoolConnection;
    /** Gives the connection back through its QueryRunner (the pool drops a destroyed one). */
    release(): void;
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
 * - checking a connection out of the pool (`createQueryRunner().connect()`)
 *   has a time limit;
 * - a connection Refill has not used for `validateIdleMs` (or never used) is
 *   pinged first, and destroyed (another one is taken) when the ping does not
 *   come back;
 * - every statement has a time limit; when it passes, the connection is
 *   destroyed (so it never returns to the pool) and its server session is
 *   killed through a new connection as soon as the server can be reached
 *   (`KILL CONNECTION`, which also rolls back its transaction and frees its
 *   row locks), retrying for about a minute.
 */
export class MysqlConnectionGuard {
    private readonly kills = new Set<NodeJS.Timeout>();
    /** When Refill last gave each connection back (mysql2 keeps no public idle time). */
    private readonly releasedAt = new WeakMap<PoolConnection, number>();
    private closed = false;

    constructor(
        private readonly dataSource: DataSource,
        private readonly options: ConnectionGuardOptions,
    ) {}

    /** Checks a live connection out of the pool within `timeoutMs`, or throws {@link DatabaseTimeoutError}. */
    async acquire(timeoutMs: number): Promise<MysqlLease> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const remaining = deadline - Date.now();
            if (remaining <= 0) throw this.timedOut(new DatabaseTimeoutError('acquire', timeoutMs));
            const lease = await this.checkOut(remaining, timeoutMs);
            const releasedAt = this.releasedAt.get(lease.connection);
            const idle = releasedAt === undefined ? Infinity : Date.now() - releasedAt;
            if (idle <= this.options.validateIdleMs) return lease;
            const pingMs = Math.min(PING_TIMEOUT_MS, Math.max(deadline - Date.now(), 1));
            if (await this.ping(lease.connection, pingMs)) return lease;
            lease.release();
            this.options.logger?.warn(
                {
                    threadId: lease.connection.threadId,
                    idleMs: releasedAt === undefined ? undefined : idle,
                    timeoutMs: pingMs,
                },
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
                this.killLater(connection.config, threadId);
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
            const lease = await this.acquire(timeoutMs);
            try {
                await this.query(
                    lease.connection,
                    'SELECT 1',
                    Math.max(timeoutMs - (Date.now() - started), 1),
                );
            } finally {
                lease.release();
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

    /** A connection through a new QueryRunner, within `remaining` ms. */
    private checkOut(remaining: number, timeoutMs: number): Promise<MysqlLease> {
        const runner = this.dataSource.createQueryRunner('master');
        return new Promise((ok, fail) => {
            let late = false;
            const timer = setTimeout(() => {
                late = true;
                fail(this.timedOut(new DatabaseTimeoutError('acquire', timeoutMs)));
            }, remaining);
            runner.connect().then(
                (connection: PoolConnection) => {
                    // Handed out after the caller gave up: straight back to the pool.
                    if (late) return void runner.release();
                    clearTimeout(timer);
                    ok(this.lease(runner, connection));
                },
                (error: unknown) => {
                    if (late) return;
                    clearTimeout(timer);
                    fail(error);
                },
            );
        });
    }

    private lease(runner: QueryRunner, connection: PoolConnection): MysqlLease {
        return {
            connection,
            release: () => {
                this.releasedAt.set(connection, Date.now());
                void runner.release();
            },
        };
    }

    private timedOut(error: DatabaseTimeoutError, threadId?: number | null): DatabaseTimeoutError {
        this.options.logger?.warn(
            { phase: error.phase, timeoutMs: error.timeoutMs, threadId: threadId ?? undefined },
            error.message,
        );
        return error;
    }

    /**
     * Kills the server session of a destroyed connection, retrying while the
     * server is unreachable. Through a connection of its own, opened with the
     * pool's settings (mysql2's `config` of the destroyed connection): the
     * pool's own connections may all be waiting on the same dead network.
     */
    private killLater(config: ConnectionOptions, threadId: number | null): void {
        if (!threadId || this.closed || this.kills.size >= MAX_PENDING_KILLS) return;
        const options: ConnectionOptions = {
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

    private async killOnce(options: ConnectionOptions, threadId: number): Promise<void> {
        const { createConnection } = await import('mysql2');
        return new Promise((ok, fail) => {
            const killer = createConnection(options);
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
