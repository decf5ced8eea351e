import { createHash } from 'node:crypto';
import { ipKeyGenerator } from 'express-rate-limit';
import type { RefillLogger } from '../../../kernel/logging/logger.port.js';
import type { RefillConfig } from '../../../config/refill-options.js';
import type { Database } from '../../../kernel/db/database.js';
import type { SignInFailure } from '../entities/sign-in-failure.entity.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { AdminSignInRepository } from '../repositories/admin-sign-in.repository.js';
import type { Clock } from '../../../kernel/clock.js';
import { MS_PER_DAY } from '../../../kernel/units/time.js';

/** The window of the per-IP count. */
const IP_WINDOW_MS = 15 * 60_000;
/** An account's failures are forgotten after this long without one. */
const FORGET_AFTER_MS = MS_PER_DAY;

/**
 * Limits guessing admin passwords, with counters in the database so they
 * hold across restarts and instances:
 *
 * - an account (its normalised username, however typed and from whichever
 *   IP) locks after `signInAttempts` failures, for `signInLockMinutes`,
 *   doubling with each further failure up to `signInMaxLockMinutes`; its
 *   failures are forgotten after a day without one, and a success resets it;
 * - a client IP is blocked for the rest of a 15-minute window after
 *   `signInAttemptsPerIp` failures across all usernames (password spraying);
 *   IPv6 clients count per /56 (express-rate-limit's `ipKeyGenerator`), since
 *   one of them holds a whole subnet.
 *
 * An attempt is counted before its password is checked and taken back when
 * it succeeds, so a burst of parallel guesses gets no more tries than the
 * limit. Unknown usernames are counted exactly like known ones, so a 429
 * tells nothing about which accounts exist. Account counters are keyed by
 * the SHA-256 of the normalised username: a password typed into the
 * username field is never stored.
 */
export class AdminSignInGuard {
    private readonly limits: RefillConfig['admin'];

    constructor(
        private readonly db: Database,
        private readonly counters: AdminSignInRepository,
        private readonly clock: Clock,
        config: RefillConfig,
        private readonly logger: RefillLogger,
    ) {
        this.limits = config.admin;
    }

    /**
     * Counts a sign-in attempt of `username` (normalised) from `ip`. Throws a
     * 429 `REFILL_RATE_LIMITED` with `retryAfterSeconds` while the account or
     * the IP is locked; nothing is counted then.
     */
    async admit(username: string, ip: string): Promise<void> {
        const now = this.clock();
        const { waitMs, account, client } = await this.db.transaction(async (tx) => {
            // Always the account first, then the IP: one lock order, no deadlocks between attempts.
            const account = await this.counters.lock(tx, 'account', accountKey(username), now);
            const client = await this.counters.lock(tx, 'ip', ipKeyGenerator(ip), now);
            const waitMs = Math.max(remaining(account.lockedUntil, now), remaining(client.lockedUntil, now));
            if (waitMs > 0) return { waitMs, account: null, client: null };
            const counted = {
                waitMs,
                account: this.countAccount(account, now),
                client: this.countIp(client, now),
            };
            await this.counters.save(tx, counted.account);
            await this.counters.save(tx, counted.client);
            return counted;
        });
        if (account?.lockedUntil)
            this.logger.warn(
                {
                    failures: account.failures,
                    lockSeconds: (account.lockedUntil.getTime() - now.getTime()) / 1000,
                },
                'an admin account is locked after repeated failed sign-ins',
            );
        if (client?.failures === this.limits.signInAttemptsPerIp)
            this.logger.warn(
                { ip, failures: client.failures },
                'sign-ins from an IP are blocked (password spraying?)',
            );
        if (waitMs > 0) {
            const retryAfterSeconds = Math.ceil(waitMs / 1000);
            throw new RefillError('REFILL_RATE_LIMITED', 'Too many sign-in attempts; try again later', {
                retryAfterSeconds,
            });
        }
    }

    /** A counted attempt succeeded: the account starts afresh and the IP gets its attempt back. */
    async succeeded(username: string, ip: string): Promise<void> {
        const now = this.clock();
        await this.counters.forget(this.db, 'account', accountKey(username));
        await this.counters.takeBack(this.db, 'ip', ipKeyGenerator(ip), this.limits.signInAttemptsPerIp);
        await this.counters.purge(this.db, new Date(now.getTime() - FORGET_AFTER_MS), now);
    }

    private countAccount(counter: SignInFailure, now: Date): SignInFailure {
        const fresh = now.getTime() - counter.lastFailureAt.getTime() > FORGET_AFTER_MS;
        const failures = (fresh ? 0 : counter.failures) + 1;
        const over = failures - this.limits.signInAttempts;
        let lockedUntil: Date | null = null;
        if (over >= 0) {
            const minutes = Math.min(
                this.limits.signInMaxLockMinutes,
                this.limits.signInLockMinutes * 2 ** Math.min(over, 30),
            );
            lockedUntil = new Date(now.getTime() + minutes * 60_000);
        }
        return {
            ...counter,
            failures,
            windowStartedAt: fresh ? now : counter.windowStartedAt,
            lastFailureAt: now,
            lockedUntil,
        };
    }

    private countIp(counter: SignInFailure, now: Date): SignInFailure {
        const fresh = now.getTime() - counter.windowStartedAt.getTime() >= IP_WINDOW_MS;
        const windowStartedAt = fresh ? now : counter.windowStartedAt;
        const failures = (fresh ? 0 : counter.failures) + 1;
        const blocked = failures >= this.limits.signInAttemptsPerIp;
        return {
            ...counter,
            failures,
            windowStartedAt,
            lastFailureAt: now,
            lockedUntil: blocked ? new Date(windowStartedAt.getTime() + IP_WINDOW_MS) : null,
        };
    }
}

/** The counter key of an account: the SHA-256 of its normalised username. */
function accountKey(username: string): string {
    return createHash('sha256').update(username).digest('hex');
}

function remaining(until: Date | null, now: Date): number {
    return until ? Math.max(0, until.getTime() - now.getTime()) : 0;
}
