/** A nullable numeric column (mysql2 may hand BIGINTs over as strings). */
export function numOrNull(value: unknown): number | null {
    return value === null || value === undefined ? null : Number(value);
}

/** A boolean column stored as 0/1. */
export function bool(value: unknown): boolean {
    return value === true || value === 1 || value === '1';
}
