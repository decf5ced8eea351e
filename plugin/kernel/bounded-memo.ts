/**
 * Memoises a pure function of a string key in a Map that is cleared when it
 * grows past `limit` entries. Timezone arithmetic (luxon asks Intl for the
 * offset at every step) is the hot spot of sending: a page of reminders
 * asks the same questions — this zone's day start, this deadline's last
 * sending moment — thousands of times. Hand-written because a full LRU
 * library is more than a bounded cache of immutable results needs.
 */
export function boundedMemo<T>(compute: (key: string) => T, limit = 10_000): (key: string) => T {
    const cache = new Map<string, T>();
    return (key) => {
        if (cache.has(key)) return cache.get(key) as T;
        if (cache.size >= limit) cache.clear();
        const value = compute(key);
        cache.set(key, value);
        return value;
    };
}
