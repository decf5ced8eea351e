import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { RefillLogger } from '../logging/logger.port.js';
import { isDbUnavailableError } from '../db/db-errors.js';
import { RefillError } from '../errors/refill-error.js';
import { safeError, safePath } from '../logging/logger.js';
import { answeredByTimeout } from './request-timeout.js';

/** Turns body-parser failures into Refill errors (they carry a `type`). */
function fromBodyParser(error: { type?: string; status?: number }): RefillError | null {
    switch (error.type) {
        case 'entity.too.large':
            return new RefillError('REFILL_PAYLOAD_TOO_LARGE', 'The request body is too large');
        case 'entity.parse.failed':
            return new RefillError('REFILL_MALFORMED_JSON', 'The request body is not valid JSON');
        case 'encoding.unsupported':
        case 'charset.unsupported':
            return new RefillError('REFILL_UNSUPPORTED_MEDIA_TYPE', 'Unsupported body encoding');
        case 'request.aborted':
        case 'request.size.invalid':
            return new RefillError('REFILL_VALIDATION', 'The request body was incomplete');
        default:
            return null;
    }
}

/**
 * Express's router could not percent-decode a path parameter (it throws a
 * URIError with status 400 whose message quotes the raw value, which may be
 * a card number: it is not repeated).
 */
function fromPathDecoding(error: unknown): RefillError | null {
    if (!(error instanceof URIError) || (error as { status?: unknown }).status !== 400) return null;
    return new RefillError('REFILL_VALIDATION', 'The request path is not valid', [
        { path: 'path', message: 'is not valid percent-encoded UTF-8' },
    ]);
}

/**
 * The one error middleware: Refill errors become `{ error: { code, message,
 * details } }` with their status; a path that cannot be decoded a 400; an
 * unreachable database becomes a 503; anything else is logged and answered
 * with a generic 500 (no stack traces or SQL ever reach the client). An error
 * of a request that the timeout already answered writes nothing: Express
 * would destroy the keep-alive socket the client retries on.
 */
export function errorHandler(logger: RefillLogger): ErrorRequestHandler {
    return (err, req, res, next) => {
        if (answeredByTimeout(res)) {
            // The late handler's own write fails with ERR_HTTP_HEADERS_SENT: expected, not worth a line.
            if ((err as { code?: unknown } | undefined)?.code !== 'ERR_HTTP_HEADERS_SENT')
                logger.warn(
                    { err: safeError(err), method: req.method, path: safePath(req.path) },
                    'request failed after its timeout answer',
                );
            return;
        }
        if (res.headersSent) return next(err);
        let error: RefillError;
        if (err instanceof RefillError) error = err;
        else if (err && typeof err === 'object' && 'type' in err && fromBodyParser(err))
            error = fromBodyParser(err)!;
        else if (fromPathDecoding(err)) error = fromPathDecoding(err)!;
        else if (isDbUnavailableError(err)) {
            logger.warn({ err: safeError(err) }, 'database unavailable');
            error = new RefillError(
                'REFILL_DATABASE_UNAVAILABLE',
                'The database is unavailable; retry later',
            );
            res.setHeader('Retry-After', '2');
        } else {
            logger.error(
                { err: safeError(err), method: req.method, path: safePath(req.path) },
                'unexpected error',
            );
            error = new RefillError('REFILL_INTERNAL', 'Internal error');
        }
        res.status(error.status).json(error.toJSON());
    };
}

/** Answers unknown routes under the router with a coded 404. */
export const notFound: RequestHandler = (req, _res, next) => {
    next(new RefillError('REFILL_ROUTE_NOT_FOUND', `No route ${req.method} ${req.path}`));
};
