import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal requests serialise identically. */
export function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
    if (value && typeof value === 'object' && !(value instanceof Date)) {
        const entries = Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    return JSON.stringify(value instanceof Date ? value.toISOString() : value);
}

/**
 * The fingerprint of a POS request: a retry with the same body has the same
 * hash; a different body under the same receipt or return id does not.
 */
export function requestHash(value: unknown): string {
    return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
