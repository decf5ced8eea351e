import { Button, Group, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useFormat } from '../format/use-format';
import { useT } from '../i18n/locale-provider';
import { ErrorState } from './error-state';
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

/** Below a paged list: how many rows are shown and, while the API has more, a "show more" button. */
export function LoadMore({ query, shown }: { query: PagedQuery; shown: number }) {
    const t = useT();
    return (
        <Group justify="space-between" mt="sm">
            <Text size="sm" c="dimmed" role="status">
                {t('list.shown', { count: shown })}
            </Text>
            {query.hasNextPage && (
                <Button
                    variant="light"
                    loading={query.isFetchingNextPage}
                    onClick={() => void query.fetchNextPage()}
                >
                    {t('list.more')}
                </Button>
            )}
        </Group>
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
    /** Says what the table lists (read by screen readers, shown under it). */
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

/** A striped table with a caption, column headings, and a sentence when it is empty. */
export function DataTable(props: DataTableProps) {
    return (
        <Table.ScrollContainer
            minWidth={props.minWidth}
            // Narrow screens scroll the table sideways: the keyboard can too (axe: scrollable-region-focusable).
            scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': props.caption } }}
        >
            <Table striped verticalSpacing="xs">
                <Table.Caption>{props.caption}</Table.Caption>
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
            </Table>
        </Table.ScrollContainer>
    );
}
