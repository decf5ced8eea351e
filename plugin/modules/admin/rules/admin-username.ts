/** What a normalised admin username looks like: 3–64 lower-case letters, digits, `.`, `_` or `-`. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;

/**
 * The one spelling of an admin username: Unicode NFKC (so full-width and
 * other compatibility forms fold to plain letters), trimmed, lower case.
 * Every place that takes a username from a person — creating users, signing
 * in, binding tokens, comparing launcher and approver, the sign-in counters,
 * audit actors — goes through this, and the database column compares
 * exactly (binary), so code and database never disagree on who is who.
 */
export function normaliseUsername(input: string): string {
    return input.normalize('NFKC').trim().toLowerCase();
}

/** Whether a normalised username is one a user can have. */
export function isValidUsername(normalised: string): boolean {
    return USERNAME_PATTERN.test(normalised);
}
