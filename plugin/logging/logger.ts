import { pino, type Logger } from 'pino';

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

/** Creates Refill's own logger (used when the host passes none). */
export function createLogger(level: string): Logger {
    return pino({
        name: 'refill',
        level,
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        serializers: { err: safeError },
    });
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

/**
 * An error as it may be logged or stored: name, stable codes and a redacted
 * message. Driver errors carry the SQL with its values (`sql`, `parameters`);
 * those never leave this function.
 */
export function safeError(error: unknown): {
    name: string;
    message: string;
    code?: string;
    errno?: number;
    stack?: string;
} {
    if (!(error instanceof Error)) return { name: 'Error', message: redactText(String(error)) };
    const { code, errno } = error as { code?: unknown; errno?: unknown };
    return {
        name: error.name,
        message: redactText(error.message),
        ...(typeof code === 'string' ? { code } : {}),
        ...(typeof errno === 'number' ? { errno } : {}),
        stack: error.stack ? redactText(error.stack.split('\n').slice(1, 8).join('\n')) : undefined,
    };
}

/** A request path fit for logs: card numbers in POS paths replaced by the parameter name. */
export function safePath(path: string): string {
    return redactText(path.replace(/(\/customers\/)[^/]+/, '$1:cardNumber'));
}

/** Shows only the last four digits of a card number, for messages and audit details. */
export function maskCard(cardNumber: string): string {
    return cardNumber.length <= 4 ? '****' : `****${cardNumber.slice(-4)}`;
}
