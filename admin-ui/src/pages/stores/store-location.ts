/** A coordinate as typed: a number, or empty. */
export type Coordinate = number | string;

/**
 * Whether a typed coordinate is empty or a number within ±`limit` degrees;
 * `other` is the paired coordinate (one without the other is not a location).
 */
export function coordinateProblem(
    value: Coordinate,
    other: Coordinate,
    limit: number,
): 'range' | 'pair' | null {
    const empty = (v: Coordinate) => v === '' || v === null || v === undefined;
    if (empty(value)) return empty(other) ? null : 'pair';
    const n = Number(value);
    return Number.isFinite(n) && Math.abs(n) <= limit ? null : 'range';
}

/** The API's `location` from the typed coordinates (null: none). */
export function locationOf(latitude: Coordinate, longitude: Coordinate): { lat: number; lon: number } | null {
    if (latitude === '' || longitude === '') return null;
    return { lat: Number(latitude), lon: Number(longitude) };
}
