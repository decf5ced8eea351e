import type { RequestHandler, Response } from 'express';
import { RefillError } from '../errors/refill-error.js';

/** The responses this middleware answered with a 503 before their handler did. */
const timedOut = new WeakSet<Response>();

/**
 * Whether the timeout already answered `res`: its handler, still running,
 * must write nothing more (its attempt throws ERR_HTTP_HEADERS_SENT, which
 * the error handler drops instead of letting Express destroy the socket).
 */
export function answeredByTimeout(res: Response): boolean {
    return timedOut.has(res);
}

/**
 * Answers 503 if a request has not been answered in `ms` (a stuck database
 * connection, say). The POS may retry, on the same keep-alive connection:
 * every POS call is idempotent, so a request that finishes after the 503 is
 * replayed, not repeated, and its late handler writes nothing.
 */
export function requestTimeout(ms: number): RequestHandler {
    return (_req, res, next) => {
        const timer = setTimeout(() => {
            if (res.headersSent) return;
            const error = new RefillError('REFILL_TIMEOUT', 'The request took too long; retry it');
            timedOut.add(res);
            res.setHeader('Retry-After', '2');
            res.status(error.status).json(error.toJSON());
        }, ms);
        timer.unref();
        res.on('finish', () => clearTimeout(timer));
        res.on('close', () => clearTimeout(timer));
        next();
    };
}
