import { Center, Loader, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { DashboardView } from '../../../api/contract';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { DashboardSection, EmptyNote } from './dashboard-section';

const BonusFlowChart = lazy(() => import('./bonus-flow-chart'));

/** Bonuses accrued and redeemed per day over 90 days: a chart (ECharts, lazy) and its totals in words. */
export function BonusFlowSection({ flow }: { flow: DashboardView['bonusFlow'] }) {
    const t = useT();
    const f = useFormat();
    const accrued = flow.reduce((sum, d) => sum + d.accrued, 0);
    const redeemed = flow.reduce((sum, d) => sum + d.redeemed, 0);
    const summary = t('dashboard.bonusFlowSummary', {
        accrued: f.bonuses(accrued),
        redeemed: f.bonuses(redeemed),
    });
    return (
        <DashboardSection title={t('dashboard.bonusFlow')}>
            {flow.length === 0 ? (
                <EmptyNote />
            ) : (
                <>
                    <Suspense
                        fallback={
                            <Center h={280} role="status" aria-label={t('dashboard.chartLoading')}>
                                <Loader size="sm" />
                            </Center>
                        }
                    >
                        <BonusFlowChart flow={flow} summary={summary} />
                    </Suspense>
                    <Text size="sm" c="dimmed" mt="xs">
                        {summary}
                    </Text>
                </>
            )}
        </DashboardSection>
    );
}
