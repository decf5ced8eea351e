import type { RouteSpec, SecurityRequirements } from '../../../kernel/http/route-table.js';
import type { AdminRole } from '../entities/admin-user.entity.js';
import { requireRole } from './admin-session.middleware.js';

/** The POS API's security scheme (checked by `posAuth`), by the name its routes use. */
export const POS_SECURITY_SCHEMES = {
    posKey: {
        type: 'http',
        scheme: 'bearer',
        description:
            'A per-store key from `npx refill pos-key create`, sent as `Authorization: Bearer <key>`',
    },
};

/**
 * The admin API's security schemes (checked by `adminSession` and
 * `csrfProtection`), by the names its routes use.
 */
export function adminSecuritySchemes(cookieName: string): Record<string, Record<string, string>> {
    return {
        adminSession: {
            type: 'apiKey',
            in: 'cookie',
            name: cookieName,
            description: 'The session cookie `POST /session` sets (HttpOnly, SameSite=Strict)',
        },
        csrfToken: {
            type: 'apiKey',
            in: 'header',
            name: 'X-CSRF-Token',
            description:
                'The session’s CSRF token (`csrfToken` of `POST /session` or `GET /session`): sent with the cookie on anything but GET',
        },
        adminToken: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'rfa_…',
            description:
                'An API token for integrations (`POST /tokens` or `npx refill admin-token create`); it acts for the person who created it, and needs no CSRF header',
        },
    };
}

/** Who may read: a session cookie, or an API token. */
export const ADMIN_READ_SECURITY: SecurityRequirements = [{ adminSession: [] }, { adminToken: [] }];

/** Who may change: a session cookie with its CSRF header, or an API token. */
export const ADMIN_WRITE_SECURITY: SecurityRequirements = [
    { adminSession: [], csrfToken: [] },
    { adminToken: [] },
];

/**
 * Declares an admin API route: the roles it allows become both its role
 * check (run before validation) and its documentation, and its security
 * follows its method (a change needs the CSRF header with a cookie).
 */
export function adminRoute(
    spec: Omit<RouteSpec, 'roles' | 'before' | 'security'> & { roles: readonly AdminRole[] },
): RouteSpec {
    return {
        ...spec,
        security: spec.method === 'get' ? ADMIN_READ_SECURITY : ADMIN_WRITE_SECURITY,
        before: [requireRole(...spec.roles)],
    };
}
