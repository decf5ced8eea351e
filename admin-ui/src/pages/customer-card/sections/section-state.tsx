import { Center, Loader, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from '../../../app/error-state';
import { useT } from '../../../i18n/locale-provider';

/** A section's load: a spinner, the error with a retry, "nothing yet" for an empty list, else the content. */
export function SectionState<T>({
    query,
    isEmpty,
    children,
}: {
    query: Pick<UseQueryResult<T>, 'isPending' | 'isError' | 'error' | 'data' | 'refetch'>;
    isEmpty?: (data: T) => boolean;
    children: (data: T) => ReactNode;
}) {
    const t = useT();
    if (query.isPending) return <SectionLoader />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    const data = query.data as T;
    if (isEmpty?.(data)) return <Text c="dimmed">{t('common.none')}</Text>;
    return <>{children(data)}</>;
}

/** A small spinner with an accessible name, for a section still loading. */
export function SectionLoader() {
    const t = useT();
    return (
        <Center py="xl" role="status" aria-label={t('common.loading')}>
            <Loader size="sm" />
        </Center>
    );
}
