/** The error codes the UI reacts to by name (the API has more; match on `code`, never on the message). */
export type KnownErrorCode =
    | 'REFILL_UNAUTHORIZED'
    | 'REFILL_FORBIDDEN'
    | 'REFILL_CSRF_INVALID'
    | 'REFILL_VALIDATION'
    | 'REFILL_NOT_FOUND'
    | 'REFILL_CONFLICT'
    | 'REFILL_RATE_LIMITED'
    | 'REFILL_ADJUSTMENT_LIMIT'
    | 'REFILL_CUSTOMER_NOT_FOUND'
    | 'REFILL_INSUFFICIENT_BALANCE'
    | 'REFILL_CARD_REPLACED'
    | 'REFILL_CARD_BLOCKED'
    | 'REFILL_DATABASE_UNAVAILABLE'
    | 'REFILL_NETWORK';

/** One bad field of a `REFILL_VALIDATION` answer. */
export interface FieldProblem {
    path: string;
    message: string;
}

/** The API's error body: `{ error: { code, message, details } }`. */
export interface ErrorBody {
    error: { code: string; message: string; details?: unknown };
}

/**
 * An API call that failed, as a typed object: the HTTP status, the stable
 * `code`, the `details` the API sent and, for 429/503, how long to wait.
 * Pages branch on `code` (see {@link isApiError}).
 */
export class ApiError extends Error {
    override readonly name = 'ApiError';

    constructor(
        readonly status: number,
        readonly code: KnownErrorCode | (string & {}),
        message: string,
        readonly details: unknown = null,
        /** From `Retry-After` (or `details.retryAfterSeconds`), seconds. */
        readonly retryAfterSeconds: number | null = null,
    ) {
        super(message);
    }

    /** The bad fields of a `REFILL_VALIDATION` error, by path (`['phone']` → `phone`). */
    fieldProblems(): FieldProblem[] {
        if (!Array.isArray(this.details)) return [];
        return this.details.flatMap((d: unknown) => {
            if (typeof d !== 'object' || d === null) return [];
            const { path, message } = d as { path?: unknown; message?: unknown };
            const joined = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
            return [{ path: joined, message: typeof message === 'string' ? message : '' }];
        });
    }
}

/** Whether `error` is an {@link ApiError}, optionally with one of `codes`. */
export function isApiError(error: unknown, ...codes: string[]): error is ApiError {
    return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

function retryAfter(response: Response, details: unknown): number | null {
    const header = response.headers.get('Retry-After');
    if (header && /^\d+$/.test(header.trim())) return Number(header.trim());
    const fromDetails = (details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    return typeof fromDetails === 'number' ? fromDetails : null;
}

/** Builds the {@link ApiError} for a failed response and its parsed body (if any). */
export function apiErrorFrom(response: Response, body: unknown): ApiError {
    const error = (body as Partial<ErrorBody> | null)?.error;
    const code = typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`;
    const message = typeof error?.message === 'string' ? error.message : response.statusText;
    const details = error?.details ?? null;
    return new ApiError(response.status, code, message, details, retryAfter(response, details));
}
