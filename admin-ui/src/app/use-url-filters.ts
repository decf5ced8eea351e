import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A page's filters kept in the URL's query string, so that a link to the page
 * shows the same list: `values` holds each of `keys` (`''` when absent), and
 * `setFilters` changes some of them (an empty value removes the key) without
 * adding a history entry for every keystroke.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
    const [params, setParams] = useSearchParams();
    const values = useMemo(
        () => Object.fromEntries(keys.map((key) => [key, params.get(key) ?? ''])) as Record<K, string>,
        [params, keys],
    );
    const setFilters = useCallback(
        (changes: Partial<Record<K, string>>) =>
            setParams(
                (previous) => {
                    const next = new URLSearchParams(previous);
                    for (const [key, value] of Object.entries(changes) as [K, string | undefined][]) {
                        if (value) next.set(key, value);
                        else next.delete(key);
                    }
                    return next;
                },
                { replace: true },
            ),
        [setParams],
    );
    return { values, setFilters };
}
