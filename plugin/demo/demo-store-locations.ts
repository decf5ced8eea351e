import type { Refill } from '../refill.js';
import { refillInternals } from '../refill-internals.js';

/** The centre of each demo city by its store-code prefix (WGS 84, degrees). */
const CITY_CENTRES: Readonly<Record<string, { lat: number; lon: number }>> = {
    MSK: { lat: 55.7558, lon: 37.6173 },
    SPB: { lat: 59.9343, lon: 30.3351 },
    EKB: { lat: 56.8389, lon: 60.6057 },
    NSK: { lat: 55.0084, lon: 82.9357 },
    KZN: { lat: 55.7961, lon: 49.1064 },
    SAM: { lat: 53.1959, lon: 50.1002 },
    NNV: { lat: 56.3269, lon: 44.0059 },
    KRR: { lat: 45.0355, lon: 38.9753 },
};

/**
 * Places the demo stores on the map (a grid about 2 km apart around their
 * city's centre, by their order in the city) and computes the customers'
 * home stores, so the custom segment editor's "home store near a store"
 * condition counts real customers on the first start. Stores that already
 * have a location, or whose city is not known, are left as they are.
 * Deterministic; safe to run again. Returns how many stores it placed.
 */
export async function seedDemoStoreLocations(refill: Refill): Promise<number> {
    const { services } = refillInternals(refill);
    const perCity = new Map<string, number>();
    let placed = 0;
    for (const store of await services.stores.list()) {
        const prefix = store.code.slice(0, 3);
        const centre = CITY_CENTRES[prefix];
        const n = perCity.get(prefix) ?? 0;
        perCity.set(prefix, n + 1);
        if (!centre || (store.latitude !== null && store.latitude !== undefined)) continue;
        const location = {
            lat: Number((centre.lat + ((n % 5) - 2) * 0.018).toFixed(6)),
            lon: Number((centre.lon + ((Math.floor(n / 5) % 5) - 2) * 0.03).toFixed(6)),
        };
        await services.stores.put(store.code, { name: store.name, location }, 'demo');
        placed += 1;
    }
    await services.homeStores.refresh();
    return placed;
}
