/*
 * Who an audit entry names as its author (`refill_audit_log.actor`): an
 * admin user's normalised username, `token:<name>` for an admin token bound
 * to no person, `scheduler` for Refill's own jobs, or what a CLI command's
 * `--actor` says (default `$USER`).
 */

/** The prefix of an actor that is an admin token bound to no person. */
export const TOKEN_ACTOR_PREFIX = 'token:';

/** The actor Refill's own scheduled work records. */
export const SCHEDULER_ACTOR = 'scheduler';

/** The actor of an admin token bound to no person: `token:<name>`. */
export function tokenActor(tokenName: string): string {
    return `${TOKEN_ACTOR_PREFIX}${tokenName}`;
}
