import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, setCsrfToken } from './client';
import { isApiError } from './api-error';
import type { SessionView } from './contract';

/** The query key of the current session. */
export const SESSION_KEY = ['session'] as const;

let ended = false;

/** Whether the last session ended under the user (a 401 mid-work) rather than by signing out. */
export function sessionEnded(): boolean {
    return ended;
}

/** Records that the session ended under the user; the next sign-in clears it. */
export function markSessionEnded(): void {
    ended = true;
}

async function fetchSession(): Promise<SessionView | null> {
    try {
        const session: SessionView = await call(api.GET('/session'));
        setCsrfToken(session.csrfToken);
        return session;
    } catch (error) {
        if (isApiError(error, 'REFILL_UNAUTHORIZED')) {
            setCsrfToken(null);
            return null;
        }
        throw error;
    }
}

/** The current session (`null` when signed out). Loaded once; sign-in, sign-out and a 401 update it. */
export function useSession() {
    return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity, retry: false });
}

/** Signs in (`POST /session`); on success the session query holds the new session. */
export function useSignIn() {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: (body: { username: string; password: string }): Promise<SessionView> =>
            call(api.POST('/session', { body })),
        onSuccess: (session) => {
            ended = false;
            setCsrfToken(session.csrfToken);
            queryClient.setQueryData(SESSION_KEY, session);
        },
    });
}

/** Signs out (`DELETE /session`) and drops every cached answer. */
export function useSignOut() {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: () => call(api.DELETE('/session')),
        onSettled: () => {
            setCsrfToken(null);
            queryClient.clear();
            queryClient.setQueryData(SESSION_KEY, null);
        },
    });
}

/** Changes the signed-in user's password (`POST /session/password`, 204). */
export function useChangePassword() {
    return useMutation({
        mutationFn: (body: { currentPassword: string; newPassword: string }) =>
            call(api.POST('/session/password', { body })),
    });
}
