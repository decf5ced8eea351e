import { createHash } from 'node:crypto';
import { JobBackendError } from './job-backend.errors.js';

/** Job fields a `unique` key may name besides `data.` paths. */
const FIELD_KEYS = new Set([
    'name',
    'type',
    'priority',
    'nextRunAt',
    'repeatInterval',
    'repeatTimezone',
    'repeatAt',
    'disabled',
    'fork',
]);
const DATA_PATH = /^data(\.[A-Za-z0-9_$-]+)+$/;

/** JSON with object keys sorted at every level, so equal values give equal text. */
function canonicalJson(value: unknown): string {
    if (value === undefined || value === null) return 'null';
    if (value instanceof Date) return JSON.stringify({ $date: value.toISOString() });
    if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
    if (typeof value === 'object') {
        const entries = Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    return JSON.stringify(value);
}

/**
 * The `unique_key` column of a job saved with `.unique(query)`: the SHA-256
 * (hex) of the job name and the canonical JSON of the query. A UNIQUE index
 * on it keeps one row per name and query even under concurrent saves.
 * Values keep their JSON type, so `{ 'data.id': 1 }` and `{ 'data.id': '1' }`
 * are different keys (as in Agenda's Mongo backend). Keys must be `data.`
 * paths or job fields; anything else is refused.
 */
export function uniqueKeyFor(name: string, unique: Record<string, unknown>): string {
    for (const key of Object.keys(unique)) {
        if (!DATA_PATH.test(key) && !FIELD_KEYS.has(key))
            throw new JobBackendError(
                'invalid-unique-key',
                `unique key "${key}" must be a data path (data.x.y) or a job field`,
                { key },
            );
    }
    return createHash('sha256')
        .update(`${name}\u0000${canonicalJson(unique)}`)
        .digest('hex');
}
