import createClient, { type Middleware } from 'openapi-fetch';
import { API_BASE } from './app-root';
import { ApiError, apiErrorFrom } from './api-error';
import type { PendingPaths } from './contract';
import type { paths } from './schema';

/**
 * Every admin API path the UI may call: the generated ones (from the routes'
 * joi schemas, `npm run ui:types`) plus contract paths not generated yet. A
 * path present in both takes the generated shape.
 */
export type AdminPaths = paths & Omit<PendingPaths, keyof paths>;

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Remembers the session's CSRF token; every change (non-GET) sends it in `X-CSRF-Token`. */
export function setCsrfToken(token: string | null): void {
    csrfToken = token;
}

/**
 * What to do when a call answers 401 (the session ended or expired): the app
 * forgets the session, and the router sends the user to sign in with the page
 * they were on as the return path. Calls to `/session` itself are exempt.
 */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
    onUnauthorized = handler;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const session: Middleware = {
    onRequest({ request }) {
        if (!SAFE_METHODS.has(request.method) && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
        return request;
    },
    onResponse({ request, response }) {
        const isSessionCall = new URL(request.url).pathname.endsWith('/v1/session');
        if (response.status === 401 && !isSessionCall) onUnauthorized?.();
        return response;
    },
};

/**
 * The typed admin API client (openapi-fetch): base URL `<where the UI was
 * served>/v1/`, the session cookie sent same-origin. Prefer {@link call}, which
 * turns a failed answer into an {@link ApiError}.
 */
export const api = createClient<AdminPaths>({ baseUrl: API_BASE, credentials: 'same-origin' });
api.use(session);

/** The result of an openapi-fetch call. */
interface FetchResult<T> {
    data?: T;
    error?: unknown;
    response: Response;
}

/**
 * Awaits an API call and returns its data, or throws an {@link ApiError} with
 * the answer's code (`REFILL_NETWORK` when the server could not be reached).
 * For use in TanStack Query's `queryFn`/`mutationFn`.
 *
 * @example const dashboard = await call(api.GET('/dashboard', { params: { query: { storeId } } }));
 */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
    let result: FetchResult<T>;
    try {
        result = await request;
    } catch (cause) {
        throw new ApiError(0, 'REFILL_NETWORK', cause instanceof Error ? cause.message : String(cause));
    }
    if (!result.response.ok) throw apiErrorFrom(result.response, result.error ?? null);
    return result.data as T;
}
