import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { DashboardView } from '../../api/contract';

/** Query keys of the dashboard's calls. */
export const dashboardKeys = {
    all: ['dashboard'] as const,
    figures: (storeId: number | null) => [...dashboardKeys.all, 'figures', storeId] as const,
    stores: () => [...dashboardKeys.all, 'stores'] as const,
};

/** The dashboard's figures (`GET /dashboard`), for one store or all the user may see. */
export function useDashboard(storeId: number | null) {
    return useQuery({
        queryKey: dashboardKeys.figures(storeId),
        queryFn: async () =>
            (await call(
                api.GET('/dashboard', { params: { query: storeId === null ? {} : { storeId } } }),
            )) as DashboardView,
        refetchInterval: 5 * 60_000,
    });
}

/** The stores the user may see (`GET /stores`, first page of 200: a manager has a handful). */
export function useVisibleStores(enabled: boolean) {
    return useQuery({
        queryKey: dashboardKeys.stores(),
        queryFn: async () => (await call(api.GET('/stores', { params: { query: { limit: 200 } } }))).data,
        enabled,
        staleTime: 10 * 60_000,
    });
}
