/**
 * The roles of admin users and tokens, from most to least powerful. Each
 * admin route names the roles it allows: `admin` may do everything (tokens,
 * jobs, the outbox); `manager` reads and sets card kinds; `marketer` edits
 * categories, campaigns, sends and templates.
 */
export const ADMIN_ROLES = ['admin', 'manager', 'marketer'] as const;

/** One of {@link ADMIN_ROLES}. */
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** Roles that may read every admin resource (lists, reports, stats): all of them. */
export const READER_ROLES: readonly AdminRole[] = ADMIN_ROLES;

/** Roles that edit categories, campaigns, sends and templates. */
export const EDITOR_ROLES = ['admin', 'marketer'] as const satisfies readonly AdminRole[];

/** Whether a string names an admin role. */
export function isAdminRole(value: unknown): value is AdminRole {
    return (ADMIN_ROLES as readonly unknown[]).includes(value);
}
