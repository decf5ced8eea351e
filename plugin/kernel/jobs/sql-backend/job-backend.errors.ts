import { RefillError } from '../../errors/refill-error.js';

/** Why the SQL job backend refused an operation. */
export type JobBackendErrorReason =
    /** `saveJobState` matched no row: the job was removed (or renamed) while it ran. */
    | 'job-not-found'
    /** A `unique` key names neither a `data.` path nor a job field. */
    | 'invalid-unique-key'
    /** The backend was used before `connect()` or after `disconnect()` of a DataSource it owns. */
    | 'not-connected';

const CODES = {
    'job-not-found': 'REFILL_NOT_FOUND',
    'invalid-unique-key': 'REFILL_VALIDATION',
    'not-connected': 'REFILL_DATABASE_UNAVAILABLE',
} as const;

/**
 * An expected failure of the SQL job backend, with a stable `reason` beside
 * Refill's error `code`. Agenda's core catches the `job-not-found` case when a
 * job is removed while it runs.
 */
export class JobBackendError extends RefillError {
    constructor(
        readonly reason: JobBackendErrorReason,
        message: string,
        details?: Record<string, unknown>,
    ) {
        super(CODES[reason], message, { reason, ...details });
        this.name = 'JobBackendError';
    }
}
