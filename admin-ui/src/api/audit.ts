import { useInfiniteQuery } from '@tanstack/react-query';
import { API_BASE } from './app-root';
import { api, call } from './client';
import type { AuditFilter } from './contract';
import { nextCursor, PAGE_SIZE } from './paging';

/** Query keys of the audit log. */
export const auditKeys = {
    all: ['audit'] as const,
    pages: (filter: AuditFilter) => [...auditKeys.all, 'pages', filter] as const,
};

/** The filter without its empty fields (what the API and the query key get). */
export function compactFilter(filter: AuditFilter): AuditFilter {
    return Object.fromEntries(Object.entries(filter).filter(([, value]) => value)) as AuditFilter;
}

/** Audit entries matching `filter`, newest first, page by page (`GET /audit`). */
export function useAuditPages(filter: AuditFilter) {
    const query = compactFilter(filter);
    return useInfiniteQuery({
        queryKey: auditKeys.pages(query),
        queryFn: ({ pageParam }) =>
            call(api.GET('/audit', { params: { query: { ...query, cursor: pageParam, limit: PAGE_SIZE } } })),
        initialPageParam: undefined as string | undefined,
        getNextPageParam: nextCursor,
    });
}

/** The CSV download of every entry matching `filter` (`GET /audit/export`; the session cookie goes with it). */
export function auditExportUrl(filter: AuditFilter): string {
    const search = new URLSearchParams(compactFilter(filter) as Record<string, string>).toString();
    return `${API_BASE}audit/export${search ? `?${search}` : ''}`;
}
