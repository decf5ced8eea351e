import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { AdminUserPatch, AdminUserView, NewAdminUser } from './contract';
import { nextCursor, PAGE_SIZE } from './paging';

/** Query keys of admin users. */
export const userKeys = {
    all: ['users'] as const,
    pages: (q: string) => [...userKeys.all, 'pages', q] as const,
};

/** Admin users, page by page; `q` keeps those whose username or display name contains it. */
export function useUserPages(q: string) {
    return useInfiniteQuery({
        queryKey: userKeys.pages(q),
        queryFn: ({ pageParam }) =>
            call(
                api.GET('/users', {
                    params: { query: { cursor: pageParam, limit: PAGE_SIZE, q: q || undefined } },
                }),
            ),
        initialPageParam: undefined as string | undefined,
        getNextPageParam: nextCursor,
    });
}

/** Creates an admin user (`POST /users`). */
export function useCreateUser() {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: (body: NewAdminUser): Promise<AdminUserView> => call(api.POST('/users', { body })),
        onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
    });
}

/** Changes a user's display name, role, stores, or disables or enables them (`PATCH /users/:id`). */
export function useUpdateUser() {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: ({ id, patch }: { id: number; patch: AdminUserPatch }): Promise<AdminUserView> =>
            call(api.PATCH('/users/{id}', { params: { path: { id } }, body: patch })),
        onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
    });
}

/** Sets a new password for a user, ending their sessions (`POST /users/:id/password`, 204). */
export function useResetPassword() {
    return useMutation({
        mutationFn: ({ id, password }: { id: number; password: string }) =>
            call(api.POST('/users/{id}/password', { params: { path: { id } }, body: { password } })),
    });
}
