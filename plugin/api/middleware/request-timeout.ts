import type { RequestHandler } from 'express';
import { RefillError } from '../../errors/refill-error.js';

/**
 * Answers 503 if a request has not been answered in `ms` (a stuck database
 * connection, say). The POS may retry: every POS call is idempotent, so a
 * request that finishes after the 503 is replayed, not repeated.
 */
export function requestTimeout(ms: number): RequestHandler {
    return (_req, res, next) => {
        const timer = setTimeout(() => {
            if (res.headersSent) return;
            const error = new RefillError('REFILL_TIMEOUT', 'The request took too long; retry it');
            res.setHeader('Retry-After', '2');
            res.status(error.status).json(error.toJSON());
        }, ms);
        timer.unref();
        res.on('finish', () => clearTimeout(timer));
        res.on('close', () => clearTimeout(timer));
        next();
    };
}
