import type { RequestHandler } from 'express';
import type { Database } from '../../db/database.js';

/** The time limits a router gives the statements of its requests. */
export interface RequestTimeLimit {
    /** Time limit of each statement, ms (default: the Database's own). */
    queryTimeoutMs?: number;
    /** No statement starts later than this many ms after the request arrived. */
    requestMs?: number;
}

/**
 * Runs the rest of the request with `limit` on its MySQL statements (see
 * {@link Database.withTimeLimit}). With `requestMs`, a request whose time is
 * up sends no further statement: nothing is written after it was answered
 * with a 503, and no connection is held for it. Mount it again after a body
 * parser: stream events lose the async context it is kept in; the deadline
 * is kept on the response, so it is the same one.
 */
export function databaseTimeLimit(database: Database, limit: RequestTimeLimit): RequestHandler {
    return (_req, res, next) => {
        const locals = res.locals as { databaseDeadline?: number };
        if (limit.requestMs !== undefined) locals.databaseDeadline ??= Date.now() + limit.requestMs;
        database.withTimeLimit(
            { queryTimeoutMs: limit.queryTimeoutMs, deadline: locals.databaseDeadline },
            next,
        );
    };
}
