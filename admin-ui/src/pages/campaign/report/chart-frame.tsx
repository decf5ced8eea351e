import { Center, Loader } from '@mantine/core';
import { type ReactNode, Suspense } from 'react';
import { useT } from '../../../i18n/locale-provider';

/** Waits for a lazily loaded chart (ECharts comes in its own chunk) with a named spinner of its height. */
export function ChartFrame({ height, children }: { height: number; children: ReactNode }) {
    const t = useT();
    return (
        <Suspense
            fallback={
                <Center h={height} role="status" aria-label={t('campaign.chartLoading')}>
                    <Loader size="sm" />
                </Center>
            }
        >
            {children}
        </Suspense>
    );
}
