/**
 * Whether `target` (a job's data) contains `query`, the way `queryJobs({ data })`
 * and `removeJobs({ data })` filter: an object matches when every key of the
 * query is present with a contained value; an array when every element of the
 * query is contained in some element of it; anything else by strict equality,
 * so types matter (`123` does not match `"123"`). This is PostgreSQL's JSONB
 * `@>` and, for flat data, Mongo's field equality.
 */
export function dataContains(target: unknown, query: unknown): boolean {
    if (query === null || typeof query !== 'object') return target === query;
    if (Array.isArray(query)) {
        if (!Array.isArray(target)) return false;
        return query.every((q) => target.some((t) => dataContains(t, q)));
    }
    if (target === null || typeof target !== 'object' || Array.isArray(target)) return false;
    const record = target as Record<string, unknown>;
    return Object.entries(query as Record<string, unknown>).every(
        ([key, value]) => Object.hasOwn(record, key) && dataContains(record[key], value),
    );
}
