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
    return pino({ name: 'refill', level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}

/** Shows only the last four digits of a card number, for messages and audit details. */
export function maskCard(cardNumber: string): string {
    return cardNumber.length <= 4 ? '****' : `****${cardNumber.slice(-4)}`;
}
