import { useMemo } from 'react';
import { useAllStores } from '../../../api/stores';

/** The stores as select options (value: the id as text; label: code and name); idle unless `wanted`. */
export function useStoreOptions(wanted: boolean): { value: string; label: string }[] {
    const stores = useAllStores();
    return useMemo(
        () =>
            wanted
                ? (stores.data ?? []).map((s) => ({ value: String(s.id), label: `${s.code} · ${s.name}` }))
                : [],
        [stores.data, wanted],
    );
}
