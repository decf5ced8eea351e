import { Button, Group, Pagination, Text } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../i18n/locale-provider';

/**
 * Under a keyset-paginated list: how many rows are shown and, while the API
 * has more, a button that loads the next page (its cursor).
 */
export function ShowMore({
    shown,
    hasMore,
    loading,
    onMore,
}: {
    shown: number;
    hasMore: boolean;
    loading: boolean;
    onMore: () => void;
}) {
    const t = useT();
    return (
        <Group justify="space-between" mt="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
                {hasMore ? t('list.shownMore', { count: shown }) : t('list.shownAll', { count: shown })}
            </Text>
            {hasMore && (
                <Button variant="default" size="xs" loading={loading} onClick={onMore}>
                    {t('list.showMore')}
                </Button>
            )}
        </Group>
    );
}

/** Pages of a list the API answers whole (lots, offers, messages): `pageSize` rows at a time. */
export function useClientPages<T>(rows: readonly T[], pageSize = 20) {
    const [page, setPage] = useState(1);
    const total = Math.max(1, Math.ceil(rows.length / pageSize));
    const current = Math.min(page, total);
    return {
        rows: rows.slice((current - 1) * pageSize, current * pageSize),
        page: current,
        total,
        setPage,
    };
}

/** The page switcher of {@link useClientPages}; nothing when everything fits on one page. */
export function ClientPager({
    page,
    total,
    setPage,
}: {
    page: number;
    total: number;
    setPage: (page: number) => void;
}) {
    const t = useT();
    if (total <= 1) return null;
    return (
        <Pagination
            mt="sm"
            size="sm"
            value={page}
            total={total}
            onChange={setPage}
            getControlProps={(control) => ({
                'aria-label':
                    control === 'previous'
                        ? t('list.previousPage')
                        : control === 'next'
                          ? t('list.nextPage')
                          : control === 'first'
                            ? t('list.firstPage')
                            : t('list.lastPage'),
            })}
            getItemProps={(n) => ({ 'aria-label': t('list.page', { page: n }) })}
        />
    );
}
