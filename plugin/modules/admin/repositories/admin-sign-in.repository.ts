import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { SignInFailure, SignInScope } from '../entities/sign-in-failure.entity.js';

const COLUMNS = 'scope, subject, failures, window_started_at, last_failure_at, locked_until';

/**
 * Reads and writes `refill_sign_in_failures`, the sign-in counters shared by
 * every instance on the database. A counter is changed only under its row
 * lock: {@link AdminSignInRepository.lock} creates the row if needed and
 * locks it in one statement, so concurrent attempts queue up on it.
 */
export class AdminSignInRepository {
    constructor(private readonly db: Database) {}

    /**
     * The counter of `subject` in `scope`, row-locked until `tx` ends; a fresh
     * one (no failures) when there was none. On MySQL the upsert takes the
     * exclusive lock at once (no shared-then-exclusive upgrade to deadlock
     * on); SQLite's `BEGIN IMMEDIATE` already holds the write lock.
     */
    async lock(tx: SqlExecutor, scope: SignInScope, subject: string, now: Date): Promise<SignInFailure> {
        const at = toDbTime(now);
        await tx.run(
            `INSERT INTO refill_sign_in_failures (${COLUMNS}) VALUES (?, ?, 0, ?, ?, NULL)` +
                sqlDialect.onConflictUpdate(tx.dialect, ['scope', 'subject'], { failures: 'failures' }),
            [scope, subject, at, at],
        );
        const [r] = await tx.all(
            `SELECT ${COLUMNS} FROM refill_sign_in_failures WHERE scope = ? AND subject = ?${sqlDialect.forUpdate(tx.dialect)}`,
            [scope, subject],
        );
        return {
            scope,
            subject,
            failures: Number(r.failures),
            windowStartedAt: this.db.time(r.window_started_at),
            lastFailureAt: this.db.time(r.last_failure_at),
            lockedUntil: this.db.timeOrNull(r.locked_until),
        };
    }

    /** Writes a counter back (inside the transaction that locked it). */
    async save(tx: SqlExecutor, counter: SignInFailure): Promise<void> {
        await tx.run(
            `UPDATE refill_sign_in_failures SET failures = ?, window_started_at = ?, last_failure_at = ?, locked_until = ?
              WHERE scope = ? AND subject = ?`,
            [
                counter.failures,
                toDbTime(counter.windowStartedAt),
                toDbTime(counter.lastFailureAt),
                counter.lockedUntil ? toDbTime(counter.lockedUntil) : null,
                counter.scope,
                counter.subject,
            ],
        );
    }

    /** Forgets a counter (a successful sign-in resets its account). */
    async forget(exec: SqlExecutor | Database, scope: SignInScope, subject: string): Promise<void> {
        await exec.run(`DELETE FROM refill_sign_in_failures WHERE scope = ? AND subject = ?`, [
            scope,
            subject,
        ]);
    }

    /**
     * Takes one counted attempt back (it succeeded), lifting the block when
     * the count falls below `limit`. One atomic statement; `locked_until` is
     * assigned first because MySQL evaluates assignments left to right.
     */
    async takeBack(
        exec: SqlExecutor | Database,
        scope: SignInScope,
        subject: string,
        limit: number,
    ): Promise<void> {
        await exec.run(
            `UPDATE refill_sign_in_failures
                SET locked_until = CASE WHEN failures - 1 < ? THEN NULL ELSE locked_until END,
                    failures = failures - 1
              WHERE scope = ? AND subject = ? AND failures > 0`,
            [limit, scope, subject],
        );
    }

    /** Deletes counters with no failure since `before` and no lock running at `now`; returns how many. */
    async purge(exec: SqlExecutor | Database, before: Date, now: Date): Promise<number> {
        const result = await exec.run(
            `DELETE FROM refill_sign_in_failures WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?)`,
            [toDbTime(before), toDbTime(now)],
        );
        return result.affected;
    }
}
