import { serialize } from 'cookie';
import { Router, type Request, type Response } from 'express';
import Joi from 'joi';
import type { RefillConfig } from '../../../config/refill-options.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import {
    type AdminAuthService,
    type AdminPrincipal,
    MIN_PASSWORD_LENGTH,
    type SessionUser,
} from '../services/admin-auth.service.js';
import type { AdminUserService } from '../services/admin-user.service.js';
import { sessionAnswer } from './admin-views.schemas.js';
import { mountRoute, type RouteTable } from '../../../kernel/http/route-table.js';
import { adminPrincipal, adminSession, csrfProtection } from './admin-session.middleware.js';

const signInBody = Joi.object({
    username: Joi.string().max(64).required(),
    password: Joi.string().max(1024).required(),
});

const passwordChangeBody = Joi.object({
    currentPassword: Joi.string().max(1024).required(),
    newPassword: Joi.string().min(MIN_PASSWORD_LENGTH).max(1024).required(),
});

/** The session routes: what each validates, who may call it, what it answers. */
export const adminSessionRouteTable = {
    signIn: {
        method: 'post',
        path: '/session',
        summary: 'Sign in',
        description:
            'Sets the session cookie (HttpOnly, SameSite=Strict, Secure over HTTPS) and answers the CSRF token that changes must send in `X-CSRF-Token`. Attempts are limited per account and per client IP.',
        tags: ['session'],
        body: signInBody,
        security: [],
        success: { status: 201, description: 'Signed in', schema: sessionAnswer },
        errors: {
            REFILL_UNAUTHORIZED: 'Wrong username or password, or a disabled account',
            REFILL_RATE_LIMITED: 'Too many failed attempts; retry after `Retry-After` seconds',
        },
    },
    currentSession: {
        method: 'get',
        path: '/session',
        summary: 'The signed-in user and the session’s CSRF token',
        tags: ['session'],
        security: [{ adminSession: [] }],
        success: { status: 200, description: 'The session', schema: sessionAnswer },
    },
    changePassword: {
        method: 'post',
        path: '/session/password',
        summary: 'Change your own password',
        description:
            'Needs the current password. Ends your other sessions (this one stays). Audited (`admin.password_change`).',
        tags: ['session'],
        body: passwordChangeBody,
        security: [{ adminSession: [], csrfToken: [] }],
        success: { status: 204, description: 'Changed', mediaTypes: [] },
        errors: { REFILL_UNAUTHORIZED: 'No live session, or the current password is wrong' },
    },
    signOut: {
        method: 'delete',
        path: '/session',
        summary: 'Sign out',
        description: 'Ends the session and clears the cookie.',
        tags: ['session'],
        security: [{ adminSession: [], csrfToken: [] }],
        success: { status: 204, description: 'Signed out', mediaTypes: [] },
    },
} satisfies RouteTable;

/** The cookie path: the admin API and the admin UI beside it (`<prefix>/admin`). */
function cookiePath(req: Request): string {
    return req.baseUrl.replace(/\/v1$/, '') || '/';
}

/** The person of a session as the session routes answer them. */
function sessionUser(p: AdminPrincipal): SessionUser {
    // A session always belongs to a person (only a token may be bound to nobody).
    if (p.userId === null) throw new RefillError('REFILL_UNAUTHORIZED', 'Sign in first');
    return {
        id: p.userId,
        username: p.username,
        displayName: p.displayName,
        role: p.role,
        storeIds: p.storeIds,
    };
}

/** Sets `Retry-After` on a rate-limited answer (the error handler keeps headers already set). */
function retryAfter(res: Response, error: unknown): unknown {
    if (error instanceof RefillError && error.code === 'REFILL_RATE_LIMITED') {
        const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (seconds) res.setHeader('Retry-After', String(seconds));
    }
    return error;
}

/**
 * Sign-in, current session and sign-out. Sign-in attempts are limited per
 * account and per client IP by the sign-in guard (counters in the
 * database). The client IP and whether the request came over HTTPS are
 * Express's `req.ip` and `req.secure`, which follow `trustProxy` (or the
 * host app's `trust proxy`): behind a TLS proxy that is trusted, the
 * session cookie is Secure with `secureCookie: 'auto'`.
 */
export function adminSessionRoutes(
    auth: AdminAuthService,
    users: AdminUserService,
    config: RefillConfig,
): Router {
    const { cookieName, secureCookie } = config.admin;
    const chain = { timezone: config.timezone, currency: config.currency };
    const router = Router();
    const secure = (req: Request) => (secureCookie === 'auto' ? req.secure : secureCookie);

    mountRoute(router, adminSessionRouteTable.signIn, async (req, res) => {
        const { username, password } = res.locals.body as { username: string; password: string };
        const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
        const session = await auth.signIn(username, password, ip).catch((error: unknown) => {
            throw retryAfter(res, error);
        });
        res.setHeader(
            'Set-Cookie',
            serialize(cookieName, session.token, {
                httpOnly: true,
                sameSite: 'strict',
                secure: secure(req),
                path: cookiePath(req),
                // Relative, so a client whose clock differs from the server's keeps it just as long.
                maxAge: config.admin.sessionTtlHours * 3600,
            }),
        );
        res.status(201).json({
            user: session.user,
            csrfToken: session.csrfToken,
            expiresAt: session.expiresAt.toISOString(),
            chain,
        });
    });

    mountRoute(router, adminSessionRouteTable.currentSession, adminSession(auth, cookieName), (_req, res) => {
        const p = adminPrincipal(res);
        res.json({
            user: sessionUser(p),
            csrfToken: p.csrfToken,
            expiresAt: p.expiresAt?.toISOString(),
            chain,
        });
    });

    mountRoute(
        router,
        adminSessionRouteTable.changePassword,
        adminSession(auth, cookieName),
        csrfProtection,
        async (_req, res) => {
            const { currentPassword, newPassword } = res.locals.body as {
                currentPassword: string;
                newPassword: string;
            };
            await users.changeOwnPassword(adminPrincipal(res), currentPassword, newPassword);
            res.status(204).end();
        },
    );

    mountRoute(
        router,
        adminSessionRouteTable.signOut,
        adminSession(auth, cookieName),
        csrfProtection,
        async (req, res) => {
            await auth.signOut(adminPrincipal(res));
            res.setHeader(
                'Set-Cookie',
                serialize(cookieName, '', {
                    httpOnly: true,
                    sameSite: 'strict',
                    secure: secure(req),
                    path: cookiePath(req),
                    maxAge: 0,
                }),
            );
            res.status(204).end();
        },
    );

    return router;
}
