import Joi from 'joi';
import { RefillError } from '../errors/refill-error.js';

/**
 * Keyset pagination of the admin API's lists: `?cursor=&limit=` in,
 * `{ data, meta: { pagination: { limit, nextCursor } } }` out. A cursor is
 * opaque to clients: the key of the last row of the page before (base64url
 * JSON), so a page never skips or repeats rows when new ones arrive.
 */

/** The largest page a client may ask for. */
export const MAX_PAGE_LIMIT = 200;
/** The page size when the client names none. */
export const DEFAULT_PAGE_LIMIT = 50;

/** `?cursor=&limit=` of a paged list. */
export const pageQueryKeys = {
    cursor: Joi.string()
        .max(512)
        .pattern(/^[A-Za-z0-9_-]+$/)
        .message('must be a cursor from an earlier page')
        .description('`meta.pagination.nextCursor` of the page before'),
    limit: Joi.number().integer().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
};

/** `?cursor=&limit=` as validated. */
export interface PageQuery {
    cursor?: string;
    limit: number;
}

/** One page of a list, as the admin API answers it. */
export interface Page<T> {
    data: T[];
    meta: { pagination: { limit: number; nextCursor: string | null } };
}

/** The response schema of a page of `item`. */
export function pageSchema(item: Joi.Schema): Joi.ObjectSchema {
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

/** The 400 of a cursor that no page gave out. */
export function badCursor(): RefillError {
    return new RefillError('REFILL_VALIDATION', 'Invalid request', [
        { path: 'cursor', message: 'must be a cursor from an earlier page' },
    ]);
}

/** Encodes the key of a page's last row as a cursor. */
export function encodeCursor(key: readonly (string | number)[]): string {
    return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor into the key of the last row before the page, checking
 * each part's type (`'s'` string, `'n'` integer); a cursor that is not one
 * is a 400 on `cursor`.
 */
export function decodeCursor<K extends (string | number)[]>(
    cursor: string | undefined,
    types: readonly ('s' | 'n')[],
): K | null {
    if (cursor === undefined) return null;
    let key: unknown;
    try {
        key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
        key = null;
    }
    const fits =
        Array.isArray(key) &&
        key.length === types.length &&
        key.every((part, i) => (types[i] === 's' ? typeof part === 'string' : Number.isSafeInteger(part)));
    if (!fits) throw badCursor();
    return key as K;
}

/**
 * A page from rows read with `limit + 1`: the extra row only says there is
 * a next page, whose cursor is the key of the page's last row.
 */
export function pageOf<R, T>(
    rows: readonly R[],
    limit: number,
    keyOf: (row: R) => readonly (string | number)[],
    view: (row: R) => T,
): Page<T> {
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return {
        data: shown.map(view),
        meta: {
            pagination: {
                limit,
                nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
            },
        },
    };
}
