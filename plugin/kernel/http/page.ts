import Joi from 'joi';
import { RefillError } from '../errors/refill-error.js';

/*
 * Keyset pagination of admin lists: `?cursor=&limit=` in, `{ data, meta: {
 * pagination: { limit, nextCursor } } }` out. A cursor is opaque to clients:
 * the base64url JSON of the sort key of the last row served.
 */

/** The largest page a client may ask for. */
export const MAX_PAGE_LIMIT = 200;
/** The page size when a client names none. */
export const DEFAULT_PAGE_LIMIT = 50;

/** The query keys of a paged list, to spread into its query schema. */
export const pageQueryKeys = {
    cursor: Joi.string().max(300).description('`meta.pagination.nextCursor` of the previous page'),
    limit: Joi.number().integer().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
};

/** A validated page request. */
export interface PageRequest {
    cursor?: string;
    limit: number;
}

/** One page of a list. */
export interface Page<T> {
    data: T[];
    meta: { pagination: { limit: number; nextCursor: string | null } };
}

/** A time as the admin API answers it: an ISO-8601 UTC string. */
export const isoTime = Joi.string().isoDate();

/** The answer schema of a page of `item`s. */
export function pageAnswer(item: Joi.Schema): Joi.ObjectSchema {
    return Joi.object({
        data: Joi.array().items(item).required(),
        meta: Joi.object({
            pagination: Joi.object({
                limit: Joi.number().integer().required(),
                nextCursor: Joi.string().allow(null).required(),
            }).required(),
        }).required(),
    });
}

/** An opaque cursor for a sort key. */
export function encodeCursor(key: unknown): string {
    return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key a cursor holds, checked by `schema`; a bad cursor is a 400 on `cursor`. */
export function decodeCursor<T>(cursor: string | undefined, schema: Joi.Schema<T>): T | undefined {
    if (cursor === undefined) return undefined;
    let key: unknown;
    try {
        key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
        key = undefined;
    }
    const { error, value } = schema.validate(key, { convert: false });
    if (key === undefined || error)
        throw new RefillError('REFILL_VALIDATION', 'Invalid request', [
            { path: 'cursor', message: 'is not a cursor this list gave out' },
        ]);
    return value;
}

/**
 * A page from rows read with `limit + 1`: the extra row only says whether
 * there is a next page, whose cursor is the key of the last row served.
 */
export function toPage<R, T>(
    rows: R[],
    limit: number,
    keyOf: (row: R) => unknown,
    view: (row: R) => T,
): Page<T> {
    const served = rows.slice(0, limit);
    const last = served[served.length - 1];
    return {
        data: served.map(view),
        meta: {
            pagination: { limit, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null },
        },
    };
}
