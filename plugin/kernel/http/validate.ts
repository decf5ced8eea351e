import type { RequestHandler } from 'express';
import type Joi from 'joi';
import { RefillError, type ErrorDetail } from '../errors/refill-error.js';

/** `['lines', 0, 'amount']` → `lines[0].amount`. */
export function fieldPath(path: ReadonlyArray<string | number>): string {
    return path.reduce<string>(
        (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
        '',
    );
}

/** Validates a value against a joi schema; throws a 400 listing every bad field. */
export function validateOrThrow<T>(schema: Joi.Schema<T>, value: unknown, prefix?: string): T {
    const { error, value: valid } = schema.validate(value, {
        abortEarly: false,
        stripUnknown: false,
        convert: true,
    });
    if (error) {
        const details: ErrorDetail[] = error.details.map((d) => ({
            path: fieldPath(prefix ? [prefix, ...d.path] : d.path) || prefix || '',
            message: d.message.replace(/^"[^"]*" /, ''),
            type: d.type,
        }));
        throw new RefillError('REFILL_VALIDATION', 'Invalid request', details);
    }
    return valid as T;
}

/**
 * Express middleware validating `req.params`, `req.query` and `req.body`,
 * in that order, into `res.locals.params`, `.query` and `.body` (converted).
 */
export function validate(schemas: {
    body?: Joi.Schema;
    params?: Joi.Schema;
    query?: Joi.Schema;
}): RequestHandler {
    return (req, res, next) => {
        if (schemas.params) res.locals.params = validateOrThrow(schemas.params, req.params);
        if (schemas.query) res.locals.query = validateOrThrow(schemas.query, req.query);
        if (schemas.body) {
            if (req.body === undefined) {
                const type = req.headers['content-type'];
                if (type && !/^application\/json\b/i.test(type))
                    throw new RefillError(
                        'REFILL_UNSUPPORTED_MEDIA_TYPE',
                        'Send the body as application/json',
                    );
                throw new RefillError('REFILL_VALIDATION', 'Invalid request', [
                    { path: '', message: 'a JSON body is required' },
                ]);
            }
            res.locals.body = validateOrThrow(schemas.body, req.body);
        }
        next();
    };
}
