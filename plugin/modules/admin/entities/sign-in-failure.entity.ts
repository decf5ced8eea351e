import { EntitySchema } from 'typeorm';
import { int, str, time } from '../../../kernel/db/entity-columns.js';

/** What a sign-in counter counts: the failures of one account, or of one client IP across accounts. */
export type SignInScope = 'account' | 'ip';

/**
 * A sign-in counter, kept in the database so it holds across restarts and
 * instances: the failed sign-ins of one account (its normalised username,
 * from any IP) or of one client IP (across usernames, against spraying), and
 * until when further attempts are refused. Attempts are counted before the
 * password is checked, and a success takes its count back.
 */
export interface SignInFailure {
    scope: SignInScope;
    /** The normalised username, or the client IP. Compared exactly (binary on MySQL). */
    subject: string;
    /** Failed (or not yet decided) attempts in the current window. */
    failures: number;
    /** When the current counting window began. */
    windowStartedAt: Date;
    lastFailureAt: Date;
    /** Attempts before this time get a 429. */
    lockedUntil: Date | null;
}

/** TypeORM schema of {@link SignInFailure}. */
export const SignInFailureEntity = new EntitySchema<SignInFailure>({
    name: 'RefillSignInFailure',
    tableName: 'refill_sign_in_failures',
    columns: {
        scope: { ...str('scope', 8), primary: true },
        subject: { ...str('subject', 128), primary: true },
        failures: int('failures', false, 0),
        windowStartedAt: time('window_started_at'),
        lastFailureAt: time('last_failure_at'),
        lockedUntil: time('locked_until', true),
    },
    indices: [{ name: 'IDX_refill_sign_in_failures_last', columns: ['lastFailureAt'] }],
});
