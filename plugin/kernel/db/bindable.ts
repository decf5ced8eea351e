import { toDbTime } from './db-time.js';

/** Binds values the drivers cannot take as they are: Dates (as UTC text), undefined, booleans. */
export function bindable(params: readonly unknown[]): unknown[] {
    return params.map((p) => {
        if (p === undefined) return null;
        if (p instanceof Date) return toDbTime(p);
        if (typeof p === 'boolean') return p ? 1 : 0;
        return p;
    });
}
