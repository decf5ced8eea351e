import { serialize } from 'cookie';
import { Router, type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import Joi from 'joi';
import type { RefillConfig } from '../../config/refill-options.js';
import { RefillError } from '../../errors/refill-error.js';
import type { AdminAuthService } from '../../services/admin-auth.service.js';
import { validate } from '../middleware/validate.js';
import { adminPrincipal, adminSession, csrfProtection } from './admin-session.middleware.js';

const signInBody = Joi.object({
    username: Joi.string().max(64).required(),
    password: Joi.string().max(1024).required(),
});

/** The cookie path: the admin API and the admin UI beside it (`<prefix>/admin`). */
function cookiePath(req: Request): string {
    return req.baseUrl.replace(/\/v1$/, '') || '/';
}

/** Sign-in, current session and sign-out. */
export function adminSessionRoutes(auth: AdminAuthService, config: RefillConfig): Router {
    const { cookieName, secureCookie, signInAttempts } = config.admin;
    const router = Router();
    const secure = (req: Request) => (secureCookie === 'auto' ? req.secure : secureCookie);
    const limiter = rateLimit({
        windowMs: 15 * 60_000,
        limit: signInAttempts,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        keyGenerator: (req) => `${req.ip}:${String((req.body as { username?: unknown })?.username ?? '')}`,
        handler: (_req, _res, next) =>
            next(new RefillError('REFILL_RATE_LIMITED', 'Too many sign-in attempts; wait a while')),
        validate: { keyGeneratorIpFallback: false },
    });

    router.post('/session', validate({ body: signInBody }), limiter, async (req, res) => {
        const { username, password } = res.locals.body as { username: string; password: string };
        const session = await auth.signIn(username, password);
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
        });
    });

    router.get('/session', adminSession(auth, cookieName), (_req, res) => {
        const p = adminPrincipal(res);
        res.json({ user: { username: p.username, role: p.role }, csrfToken: p.csrfToken });
    });

    router.delete('/session', adminSession(auth, cookieName), csrfProtection, async (req, res) => {
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
    });

    return router;
}
