import { ERROR_CODES, type ErrorCode } from './error-codes.js';

/** Field-level detail attached to validation errors: the path of the bad field and why. */
export interface ErrorDetail {
    path: string;
    message: string;
    [key: string]: unknown;
}

/**
 * The one error type Refill throws for expected failures. It carries a stable
 * code, the HTTP status derived from it, and optional details; the error
 * middleware turns it into `{ error: { code, message, details } }`.
 */
export class RefillError extends Error {
    readonly status: number;

    constructor(
        readonly code: ErrorCode,
        message: string,
        readonly details?: ErrorDetail[] | Record<string, unknown>,
        options?: { cause?: unknown },
    ) {
        super(message, options);
        this.name = 'RefillError';
        this.status = ERROR_CODES[code];
    }

    /** The JSON body sent to clients. */
    toJSON(): { error: { code: ErrorCode; message: string; details?: unknown } } {
        return { error: { code: this.code, message: this.message, details: this.details } };
    }
}

/** Thrown at start-up when options are wrong; names the field and how to fix it. */
export class RefillConfigError extends RefillError {
    constructor(
        readonly field: string,
        message: string,
        readonly fix: string,
    ) {
        super('REFILL_CONFIG_INVALID', `${field}: ${message}. ${fix}`, { field, fix });
        this.name = 'RefillConfigError';
    }
}

/** Type guard for {@link RefillError}. */
export function isRefillError(error: unknown): error is RefillError {
    return error instanceof RefillError;
}
