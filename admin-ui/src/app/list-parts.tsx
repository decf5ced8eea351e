import { Group, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useFormat } from '../format/use-format';
import { ScrollTable } from './desk-table';
import { ErrorState } from './error-state';
import { ShowMore } from './list-paging';
import { PageLoader } from './session-guard';

/** A page's heading with its main actions on the right (they wrap below on narrow screens). */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
    return (
        <Group justify="space-between" align="flex-end" gap="sm" mb="md">
            <Title order={1}>{title}</Title>
            {children && <Group gap="sm">{children}</Group>}
        </Group>
    );
}

/** What a keyset-paged list offers its "show more" button (TanStack Query's infinite query). */
interface PagedQuery {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    fetchNextPage(): unknown;
}

/** {@link ShowMore} under a list paged by TanStack Query's infinite query. */
export function LoadMore({ query, shown }: { query: PagedQuery; shown: number }) {
    return (
        <ShowMore
            shown={shown}
            hasMore={query.hasNextPage}
            loading={query.isFetchingNextPage}
            onMore={() => void query.fetchNextPage()}
        />
    );
}

/** A moment in the chain's timezone as a `<time>` element, or a dash when there is none. */
export function Moment({ iso, empty }: { iso: string | null | undefined; empty?: string }) {
    const format = useFormat();
    if (!iso)
        return (
            <Text span c="dimmed" inherit>
                {empty ?? '—'}
            </Text>
        );
    return <time dateTime={iso}>{format.dateTime(iso)}</time>;
}

/** What {@link Loaded} needs of a TanStack query. */
interface LoadState {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    refetch(): unknown;
}

/** A spinner while `query` loads, its error with a retry button if it failed, else `children()`. */
export function Loaded({ query, children }: { query: LoadState; children: () => ReactNode }) {
    if (query.isPending) return <PageLoader />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    return children();
}

/** Props of {@link DataTable}. */
export interface DataTableProps {
    /** Says what the table lists (its accessible name, and its scrolling region's). */
    caption: string;
    /** Column headings, in order. */
    columns: readonly string[];
    /** Below this width the table scrolls sideways instead of squeezing (768 px tablets). */
    minWidth: number;
    /** Shown in a single row when there are no rows. */
    emptyText: string;
    isEmpty: boolean;
    /** The rows (`Table.Tr`). */
    children: ReactNode;
}

/** A {@link ScrollTable} with column headings, and a sentence when it is empty. */
export function DataTable(props: DataTableProps) {
    return (
        <ScrollTable label={props.caption} minWidth={props.minWidth}>
            <Table.Thead>
                <Table.Tr>
                    {props.columns.map((column) => (
                        <Table.Th key={column} scope="col">
                            {column}
                        </Table.Th>
                    ))}
                </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
                {props.isEmpty && (
                    <Table.Tr>
                        <Table.Td colSpan={props.columns.length}>
                            <Text c="dimmed">{props.emptyText}</Text>
                        </Table.Td>
                    </Table.Tr>
                )}
                {props.children}
            </Table.Tbody>
        </ScrollTable>
    );
}
