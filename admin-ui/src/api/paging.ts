import type { Page } from './contract';

/** The page size the admin lists ask for. */
export const PAGE_SIZE = 50;

/** The largest page the API serves (for lists the UI reads whole, such as stores for a select). */
export const MAX_PAGE_SIZE = 200;

/** TanStack Query's `getNextPageParam` for a keyset page: its `nextCursor`, none on the last page. */
export function nextCursor<T>(page: Page<T>): string | undefined {
    return page.meta.pagination.nextCursor ?? undefined;
}

/** Every row of the pages loaded so far, in order. */
export function rowsOf<T>(pages: readonly Page<T>[] | undefined): T[] {
    return pages?.flatMap((page) => page.data) ?? [];
}

/** Reads a whole keyset list: asks for the next page until `nextCursor` is null. */
export async function readAll<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
    const rows: T[] = [];
    let cursor: string | undefined;
    do {
        const page = await fetchPage(cursor);
        rows.push(...page.data);
        cursor = nextCursor(page);
    } while (cursor);
    return rows;
}
