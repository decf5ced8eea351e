/**
 * The logger Refill writes through: what `options.logger` must offer. A
 * pino logger fits it as it is; so does any object with these methods (a
 * host's winston or console adapter). Refill always passes the fields first
 * and the message second (pino's order), never a message alone, and logs no
 * personal data in either.
 */
export interface RefillLogger {
    /** Detail for debugging (statements retried, connections replaced). */
    debug(fields: object, message?: string): void;
    /** What happened in the normal course (migrations applied, a rebuild finished). */
    info(fields: object, message?: string): void;
    /** Something an operator should look at (a slow shutdown, a refused sign-in streak). */
    warn(fields: object, message?: string): void;
    /** A failure (a job run failed, a request ended in a 500); `fields.err` holds the safe error. */
    error(fields: object, message?: string): void;
    /** A logger that adds `bindings` to every line. */
    child(bindings: Record<string, unknown>): RefillLogger;
}
