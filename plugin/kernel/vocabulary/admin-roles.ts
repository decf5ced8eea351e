/**
 * The roles of admin users and tokens. Each admin route names the roles it
 * allows: `admin` may do everything (users, stores, tokens, jobs, the
 * outbox); `marketer` edits categories, campaigns, sends and templates;
 * `manager` works the store desk of the stores they are bound to; `analyst`
 * reads everything it may see and changes nothing.
 */
export const ADMIN_ROLES = ['admin', 'marketer', 'manager', 'analyst'] as const;

/** One of {@link ADMIN_ROLES}. */
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** Roles that may read every admin resource (lists, reports, stats): all of them. */
export const READER_ROLES: readonly AdminRole[] = ADMIN_ROLES;

/** Roles that edit categories, campaigns, sends and templates. */
export const EDITOR_ROLES = ['admin', 'marketer'] as const satisfies readonly AdminRole[];

/** The roles bound to stores (`refill_admin_user_stores`): they see only their stores' data. */
export const STORE_BOUND_ROLES = ['manager'] as const satisfies readonly AdminRole[];

/** The roles that never change anything: no write route lists them. */
export const READ_ONLY_ROLES = ['analyst'] as const satisfies readonly AdminRole[];

/** Whether a string names an admin role. */
export function isAdminRole(value: unknown): value is AdminRole {
    return (ADMIN_ROLES as readonly unknown[]).includes(value);
}

/** Whether a role is bound to stores (see {@link STORE_BOUND_ROLES}). */
export function isStoreBound(role: AdminRole): boolean {
    return (STORE_BOUND_ROLES as readonly AdminRole[]).includes(role);
}
