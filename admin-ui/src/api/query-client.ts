import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error';

/** A failed query is retried twice, unless the answer says retrying cannot help (4xx). */
function retry(failures: number, error: unknown): boolean {
    if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
    return failures < 2;
}

/** The app's TanStack Query client: 30 s fresh data, no refetch on window focus for forms' sake. */
export function createQueryClient(): QueryClient {
    return new QueryClient({
        defaultOptions: {
            queries: { staleTime: 30_000, retry, refetchOnWindowFocus: false },
            mutations: { retry: false },
        },
    });
}
