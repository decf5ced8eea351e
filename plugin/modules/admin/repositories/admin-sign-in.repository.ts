import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import {
    SignInFailureEntity,
    type SignInFailure,
    type SignInScope,
} from '../entities/sign-in-failure.entity.js';

/** What saving a counter writes. */
const COUNTER_FIELDS = ['failures', 'windowStartedAt', 'lastFailureAt', 'lockedUntil'] as const;

/**
 * Reads and writes `refill_sign_in_failures`, the sign-in counters shared by
 * every instance on the database. A counter is changed only under its row
 * lock: {@link AdminSignInRepository.lock} creates the row if needed and
 * locks it in one statement, so concurrent attempts queue up on it.
 */
export class AdminSignInRepository {
    private readonly counters: EntityRowMapper<SignInFailure>;

    constructor(db: Database) {
        this.counters = db.rows(SignInFailureEntity);
    }

    /**
     * The counter of `subject` in `scope`, row-locked until `tx` ends; a fresh
     * one (no failures) when there was none. On MySQL the upsert takes the
     * exclusive lock at once (no shared-then-exclusive upgrade to deadlock
     * on); SQLite's `BEGIN IMMEDIATE` already holds the write lock.
     */
    async lock(tx: SqlExecutor, scope: SignInScope, subject: string, now: Date): Promise<SignInFailure> {
        const shape = this.counters.all;
        // Hand-written: an upsert that changes nothing (the row exists after it), then a lock (FOR UPDATE).
        await tx.run(
            shape.insert(1) +
                sqlDialect.onConflictUpdate(tx.dialect, ['scope', 'subject'], { failures: 'failures' }),
            shape.values({
                scope,
                subject,
                failures: 0,
                windowStartedAt: now,
                lastFailureAt: now,
                lockedUntil: null,
            }),
        );
        const [r] = await tx.all(
            `SELECT ${shape.columns} FROM refill_sign_in_failures WHERE scope = ? AND subject = ?${sqlDialect.forUpdate(tx.dialect)}`,
            [scope, subject],
        );
        return { ...shape.fromRow(r), scope, subject };
    }

    /** Writes a counter back (inside the transaction that locked it). */
    async save(tx: SqlExecutor, counter: SignInFailure): Promise<void> {
        const { sets, params } = this.counters.assignments(counter, COUNTER_FIELDS);
        await tx.run(
            `UPDATE refill_sign_in_failures SET ${sets.join(', ')} WHERE scope = ? AND subject = ?`,
            [...params, counter.scope, counter.subject],
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
