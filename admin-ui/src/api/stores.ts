import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { NewPosKey, PosKeyView, StoreFields, StoreView } from './contract';
import { MAX_PAGE_SIZE, nextCursor, PAGE_SIZE, readAll } from './paging';

/** Query keys of stores and their POS keys. */
export const storeKeys = {
    all: ['stores'] as const,
    pages: () => [...storeKeys.all, 'pages'] as const,
    every: () => [...storeKeys.all, 'every'] as const,
    posKeys: (code: string) => [...storeKeys.all, code, 'pos-keys'] as const,
};

/** The stores the user may see, page by page (`GET /stores`; a manager gets only theirs). */
export function useStorePages() {
    return useInfiniteQuery({
        queryKey: storeKeys.pages(),
        queryFn: ({ pageParam }) =>
            call(api.GET('/stores', { params: { query: { cursor: pageParam, limit: PAGE_SIZE } } })),
        initialPageParam: undefined as string | undefined,
        getNextPageParam: nextCursor,
    });
}

/** Every store the user may see, read whole (for selects and for names by id or code). */
export function useAllStores() {
    return useQuery({
        queryKey: storeKeys.every(),
        queryFn: () =>
            readAll<StoreView>((cursor) =>
                call(api.GET('/stores', { params: { query: { cursor, limit: MAX_PAGE_SIZE } } })),
            ),
    });
}

/** Creates a store or changes one (`PUT /stores/:code`). */
export function useSaveStore() {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: ({ code, fields }: { code: string; fields: StoreFields }) =>
            call(api.PUT('/stores/{code}', { params: { path: { code } }, body: fields })),
        onSuccess: () => queryClient.invalidateQueries({ queryKey: storeKeys.all }),
    });
}

/** A store's POS keys, newest first (`GET /stores/:code/pos-keys`). */
export function usePosKeys(code: string) {
    return useQuery({
        queryKey: storeKeys.posKeys(code),
        queryFn: async () =>
            (await call(api.GET('/stores/{code}/pos-keys', { params: { path: { code } } }))).data,
    });
}

/** Creates a POS key; the answer holds its secret, which the API never shows again. */
export function useCreatePosKey(code: string) {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: (label: string | null): Promise<NewPosKey> =>
            call(api.POST('/stores/{code}/pos-keys', { params: { path: { code } }, body: { label } })),
        onSuccess: () => queryClient.invalidateQueries({ queryKey: storeKeys.all }),
    });
}

/** Revokes a POS key (`POST /pos-keys/:id/revoke`). */
export function useRevokePosKey() {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: (id: number): Promise<PosKeyView> =>
            call(api.POST('/pos-keys/{id}/revoke', { params: { path: { id } } })),
        onSuccess: () => queryClient.invalidateQueries({ queryKey: storeKeys.all }),
    });
}
