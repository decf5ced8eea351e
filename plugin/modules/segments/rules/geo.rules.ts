/*
 * Distances between stores, computed in JS so the SQL that uses them stays
 * portable: a rule "home store within 1.5 km of store X" becomes "home store
 * in (ids)" with the ids computed here.
 */

/** The Earth's mean radius, km (IUGG). */
const EARTH_RADIUS_KM = 6371.0088;

/** A point in whole micro-degrees, as `refill_stores.latitude` and `longitude` hold it. */
export interface MicroDegreePoint {
    latitude: number;
    longitude: number;
}

/** A store's id and where it is (null coordinates: not given). */
export interface StorePlace {
    id: number;
    latitude?: number | null;
    longitude?: number | null;
}

const radians = (microDegrees: number) => (microDegrees / 1_000_000) * (Math.PI / 180);

/** The great-circle distance between two points, km (haversine formula). */
export function haversineKm(a: MicroDegreePoint, b: MicroDegreePoint): number {
    const dLat = radians(b.latitude - a.latitude);
    const dLon = radians(b.longitude - a.longitude);
    const h =
        Math.sin(dLat / 2) ** 2 +
        Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether a store has both coordinates. */
export function isPlaced(store: StorePlace): store is StorePlace & MicroDegreePoint {
    return typeof store.latitude === 'number' && typeof store.longitude === 'number';
}

/**
 * The ids of the stores within `km` of `centre` (itself included), in id
 * order; stores without coordinates are never within any distance.
 */
export function storesWithinKm(
    centre: MicroDegreePoint,
    km: number,
    stores: readonly StorePlace[],
): number[] {
    return stores
        .filter((s) => isPlaced(s) && haversineKm(centre, s) <= km)
        .map((s) => s.id)
        .sort((a, b) => a - b);
}
