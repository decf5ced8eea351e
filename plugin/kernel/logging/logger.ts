import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Paths pino blanks out wherever they appear in a log record: Refill never
 * logs phone numbers, emails or card numbers, and this is the safety net for
 * a mistake.
 */
export const REDACTED_PATHS = [
    'phone',
    'email',
    'cardNumber',
    'card_number',
    '*.phone',
    '*.email',
    '*.cardNumber',
    '*.card_number',
    'req.headers.authorization',
    'req.headers.cookie',
];

/**
 * Creates Refill's own logger (used when the host passes none), writing JSON
 * lines to `destination` (stdout by default). Its `err` serializer is
 * {@link safeError}, which leaves an error Refill's code made safe already as it is.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
    const options = {
        name: 'refill',
        level,
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        serializers: { err: safeError },
    };
    return destination ? pino(options, destination) : pino(options);
}

/**
 * Masks what may be personal data in free text: emails, and runs of six or
 * more digits (card and phone numbers; database error messages quote the
 * values that clashed, e.g. a duplicate card number).
 */
export function redactText(text: string): string {
    return text
        .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]')
        .replace(/\+?\d[\d\s()-]{4,}\d/g, '[number]');
}

/** An error as it may be logged or stored: see {@link safeError}. */
export interface SafeError {
    name: string;
    message: string;
    code?: string;
    errno?: number;
    stack?: string;
}

/** Marks the objects {@link safeError} made (not enumerable: it never shows in a log line). */
const SAFE = Symbol('refill.safeError');

function isSafeError(value: unknown): value is SafeError {
    return typeof value === 'object' && value !== null && SAFE in value;
}

/**
 * An error as it may be logged or stored: name, stable codes, a redacted
 * message and the first frames of the stack. Driver errors carry the SQL with
 * its values (`sql`, `parameters`); those never leave this function. A value
 * that is no Error keeps its `message` (or is shown as JSON). Refill's code
 * calls it before logging, since a host's logger may have no such
 * serializer; Refill's own logger runs it again as its `err` serializer, so it
 * gives back what it made unchanged (it once turned it into "[object Object]").
 */
export function safeError(error: unknown): SafeError {
    if (isSafeError(error)) return error;
    const safe: SafeError =
        error instanceof Error
            ? {
                  name: error.name,
                  message: redactText(error.message),
                  ...codes(error),
                  stack: error.stack ? redactText(error.stack.split('\n').slice(1, 8).join('\n')) : undefined,
              }
            : { name: 'Error', message: redactText(describe(error)), ...codes(error) };
    Object.defineProperty(safe, SAFE, { value: true });
    return safe;
}

function codes(error: unknown): { code?: string; errno?: number } {
    if (typeof error !== 'object' || error === null) return {};
    const { code, errno } = error as { code?: unknown; errno?: unknown };
    return {
        ...(typeof code === 'string' ? { code } : {}),
        ...(typeof errno === 'number' ? { errno } : {}),
    };
}

/** The text of a thrown value that is no Error: its `message`, or JSON, or its `String()`. */
function describe(value: unknown): string {
    if (typeof value === 'object' && value !== null) {
        const { message } = value as { message?: unknown };
        if (typeof message === 'string') return message;
        try {
            return JSON.stringify(value) ?? String(value);
        } catch {
            return String(value);
        }
    }
    return String(value);
}

/** A request path fit for logs: card numbers in POS paths replaced by the parameter name. */
export function safePath(path: string): string {
    return redactText(path.replace(/(\/customers\/)[^/]+/, '$1:cardNumber'));
}

/** Shows only the last four digits of a card number, for messages and audit details. */
export function maskCard(cardNumber: string): string {
    return cardNumber.length <= 4 ? '****' : `****${cardNumber.slice(-4)}`;
}
