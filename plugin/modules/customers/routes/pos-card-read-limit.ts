import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { RefillError } from '../../../kernel/errors/refill-error.js';

/**
 * Which POS key a request came with, as a SHA-256 fingerprint of the bearer
 * key (so counters never hold the key itself). Used after `posAuth`, which
 * has already refused requests without a valid key.
 */
export function posKeyFingerprint(req: Request): string {
    const key = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    return createHash('sha256').update(key).digest('base64url');
}

/** The non-secret start of a POS key (`rfk_` and four characters), as `pos-key list` shows it. */
export function posKeyHint(req: Request): string {
    return (/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '').slice(0, 8);
}

/**
 * Limits the reads by card one POS key makes (customer and balance reads,
 * enrol/update, previews of a card): `perMinute` per key (not per
 * IP: many tills may share a store's address), counted in this instance.
 * Over the limit a request gets 429 `REFILL_RATE_LIMITED` with `Retry-After`
 * (and the standard `RateLimit` headers). A real till never comes near the
 * default; a key enumerating cards is slowed to a crawl.
 */
export function posCardReadLimit(perMinute: number): RequestHandler {
    return rateLimit({
        windowMs: 60_000,
        limit: perMinute,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        keyGenerator: posKeyFingerprint,
        // A preview is a read by card only when it names one.
        skip: (req) =>
            req.method === 'POST' &&
            typeof (req.body as { cardNumber?: unknown } | undefined)?.cardNumber !== 'string',
        handler: (_req, _res, next) =>
            next(
                new RefillError('REFILL_RATE_LIMITED', 'Too many reads by card for this POS key; slow down', {
                    limitPerMinute: perMinute,
                }),
            ),
        // The key is the POS key, never the client IP, so the IP checks do not apply.
        validate: { trustProxy: false, xForwardedForHeader: false, keyGeneratorIpFallback: false },
    });
}
