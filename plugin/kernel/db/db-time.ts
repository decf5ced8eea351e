/**
 * Times cross the database boundary as UTC strings `YYYY-MM-DD HH:MM:SS.mmm`.
 * The same text sorts and compares correctly in MySQL `DATETIME(3)` and in
 * SQLite, so every query binds app-clock times this way and never uses NOW().
 */
export function toDbTime(date: Date): string {
    return date.toISOString().replace('T', ' ').slice(0, 23);
}

/**
 * How the driver hands DATETIME values back. mysql2 builds `Date`s using its
 * `timezone` option: with `'Z'` they are right as they are; with `'local'` (the
 * mysql2 default, common in host apps) the wall-clock digits were read as local
 * time and have to be re-read as UTC. SQLite returns the stored text.
 */
export type DateReadMode = 'utc' | 'local';

/** Turns whatever the driver returned for a DATETIME column into a UTC `Date`. */
export function fromDbTime(value: unknown, mode: DateReadMode = 'utc'): Date {
    if (value instanceof Date) {
        if (mode === 'utc') return value;
        return new Date(
            Date.UTC(
                value.getFullYear(),
                value.getMonth(),
                value.getDate(),
                value.getHours(),
                value.getMinutes(),
                value.getSeconds(),
                value.getMilliseconds(),
            ),
        );
    }
    if (typeof value === 'string') {
        const iso = value.includes('T') ? value : value.replace(' ', 'T');
        return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
    }
    if (typeof value === 'number') return new Date(value);
    throw new TypeError(`Not a database time: ${String(value)}`);
}

/** Like {@link fromDbTime} but keeps SQL NULL as null. */
export function fromDbTimeOrNull(value: unknown, mode: DateReadMode = 'utc'): Date | null {
    return value === null || value === undefined ? null : fromDbTime(value, mode);
}
