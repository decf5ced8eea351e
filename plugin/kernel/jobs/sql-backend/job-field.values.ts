/*
 * Stored forms of the job fields whose declared type Agenda does not enforce.
 * Agenda hands the backend whatever its callers put in a job: `fail()` keeps
 * a rejection that is no Error as it is (fork mode rejects with the plain
 * object parsed from the child's message), `touch(progress)` passes any value
 * on, and a handler may set a time as text. A value the driver cannot bind
 * would make the state save that unlocks the job fail, and Agenda ignores
 * that failure: the job would stay locked and run again after every lock
 * lifetime. So every such field is turned into what its column holds.
 */

/** Longest stored failReason, in characters (the column is TEXT: 65,535 bytes on MySQL). */
export const MAX_FAIL_REASON_LENGTH = 8000;

/**
 * A failReason as text: a string as it is, an Error's or Error-like object's
 * `message`, any other object as JSON (its `String()` when it has no JSON),
 * a number or boolean as its text; NULL for null and undefined. Cut to
 * {@link MAX_FAIL_REASON_LENGTH} characters.
 */
export function storedFailReason(reason: unknown): string | null {
    if (reason === null || reason === undefined) return null;
    return cut(asText(reason));
}

function asText(reason: unknown): string {
    if (typeof reason === 'string') return reason;
    if (typeof reason === 'object') {
        const message = (reason as { message?: unknown }).message;
        if (typeof message === 'string' && message !== '') return message;
        try {
            const json = JSON.stringify(reason) as string | undefined;
            if (json !== undefined) return json;
        } catch {
            // A cycle or a BigInt: fall back to the object's own text.
        }
    }
    return String(reason);
}

function cut(text: string): string {
    return text.length > MAX_FAIL_REASON_LENGTH ? `${text.slice(0, MAX_FAIL_REASON_LENGTH - 1)}…` : text;
}

/** A number field (progress, fail count) as a finite number (a numeric string too), NULL otherwise. */
export function storedNumber(value: unknown): number | null {
    const number =
        typeof value === 'number'
            ? value
            : typeof value === 'string' && value.trim() !== ''
              ? Number(value)
              : NaN;
    return Number.isFinite(number) ? number : null;
}

/** A time as a valid Date (text and epoch milliseconds are parsed), NULL otherwise. */
export function storedTime(time: unknown): Date | null {
    const date =
        time instanceof Date
            ? time
            : typeof time === 'string' || typeof time === 'number'
              ? new Date(time)
              : null;
    return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** A text field (repeat timezone, repeat-at): text as it is, NULL when empty or not text. */
export function storedText(value: unknown): string | null {
    return typeof value === 'string' && value !== '' ? value : null;
}
