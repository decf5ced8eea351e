import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { setUnauthorizedHandler } from '../api/client';
import type { SessionView } from '../api/contract';
import { markSessionEnded, SESSION_KEY, sessionEnded, useSession } from '../api/session';
import { useT } from '../i18n/locale-provider';
import { ErrorState } from './error-state';

/**
 * Turns any 401 from the API into "signed out": the session query becomes
 * `null` (so {@link RequireSession} sends the user to sign in, keeping the
 * page they were on) and the sign-in page says the session ended.
 */
export function useSessionExpiry(): void {
    const queryClient = useQueryClient();
    useEffect(() => {
        setUnauthorizedHandler(() => {
            if (queryClient.getQueryData<SessionView | null>(SESSION_KEY)) markSessionEnded();
            queryClient.setQueryData(SESSION_KEY, null);
        });
        return () => setUnauthorizedHandler(null);
    }, [queryClient]);
}

/** A full-page spinner with an accessible name. */
export function PageLoader() {
    const t = useT();
    return (
        <Center h="60vh" role="status" aria-label={t('common.loading')}>
            <Loader />
        </Center>
    );
}

/** The sign-in path that returns to `path` afterwards. */
export function signInPath(path: string, sessionEnded: boolean): string {
    const query = new URLSearchParams();
    if (path && path !== '/') query.set('next', path);
    if (sessionEnded) query.set('expired', '1');
    const search = query.toString();
    return search ? `/sign-in?${search}` : '/sign-in';
}

/** Renders `children` for a signed-in user; otherwise redirects to sign in (with the return path). */
export function RequireSession({ children }: { children: ReactNode }) {
    const session = useSession();
    const location = useLocation();
    if (session.isPending) return <PageLoader />;
    if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
    if (!session.data)
        return <Navigate to={signInPath(location.pathname + location.search, sessionEnded())} replace />;
    return children;
}
