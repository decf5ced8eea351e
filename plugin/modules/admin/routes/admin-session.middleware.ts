import { timingSafeEqual } from 'node:crypto';
import { parse } from 'cookie';
import type { RequestHandler, Response } from 'express';
import type { AdminRole } from '../entities/admin-user.entity.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import { tokenActor } from '../../../kernel/vocabulary/audit-actors.js';
import type { AdminAuthService, AdminPrincipal } from '../services/admin-auth.service.js';
import type { AdminTokenService } from '../services/admin-token.service.js';

/** The signed-in admin of a request (set by {@link adminSession}). */
export function adminPrincipal(res: Response): AdminPrincipal {
    return res.locals.admin as AdminPrincipal;
}

/**
 * Requires a live admin session cookie, or an API token sent as
 * `Authorization: Bearer rfa_…` (integrations; no cookie, so no CSRF risk).
 * Either way the principal is the person behind the credential.
 */
export function adminSession(
    auth: AdminAuthService,
    cookieName: string,
    tokens?: AdminTokenService,
): RequestHandler {
    return async (req, res, next) => {
        const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (bearer && tokens) {
            const byToken = await tokens.authenticate(bearer);
            if (!byToken) throw new RefillError('REFILL_UNAUTHORIZED', 'Unknown or revoked API token');
            // The token's person acts; a token bound to nobody is named as a token.
            const principal: AdminPrincipal = {
                userId: byToken.userId,
                username: byToken.username ?? tokenActor(byToken.name),
                role: byToken.role,
                storeIds: await auth.storeIdsOf(byToken.userId, byToken.role),
                displayName: null,
                sessionId: '',
                csrfToken: '',
                token: { id: byToken.tokenId, name: byToken.name },
            };
            res.locals.admin = principal;
            res.locals.bearer = true;
            return next();
        }
        const token = parse(req.headers.cookie ?? '')[cookieName];
        const principal = token && token.length <= 100 ? await auth.authenticate(token) : null;
        if (!principal) throw new RefillError('REFILL_UNAUTHORIZED', 'Sign in first');
        res.locals.admin = principal;
        next();
    };
}

/**
 * CSRF protection for cookie-authenticated requests: anything but GET, HEAD
 * and OPTIONS must carry the session's CSRF token in `X-CSRF-Token`. (The
 * cookie is also SameSite=Strict; this is the second line of defence.)
 */
export const csrfProtection: RequestHandler = (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    if (res.locals.bearer === true) return next();
    const sent = Buffer.from(String(req.headers['x-csrf-token'] ?? ''));
    const expected = Buffer.from(adminPrincipal(res).csrfToken);
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected))
        throw new RefillError('REFILL_CSRF_INVALID', 'Missing or wrong X-CSRF-Token header');
    next();
};

/** Allows only the given roles. */
export function requireRole(...roles: AdminRole[]): RequestHandler {
    return (_req, res, next) => {
        if (!roles.includes(adminPrincipal(res).role))
            throw new RefillError('REFILL_FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}`);
        next();
    };
}
