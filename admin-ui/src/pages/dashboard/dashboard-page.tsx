import { Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { useLearnChain } from '../../app/chain-provider';
import { ErrorState } from '../../app/error-state';
import { PageLoader } from '../../app/session-guard';
import { useFormat } from '../../format/use-format';
import { useT } from '../../i18n/locale-provider';
import { BonusFlowSection } from './sections/bonus-flow-section';
import { CampaignsSection } from './sections/campaigns-section';
import { FailedJobsSection } from './sections/failed-jobs-section';
import { KpiCards } from './sections/kpi-cards';
import { MessagesSection } from './sections/messages-section';
import { ReceiptsSection } from './sections/receipts-section';
import { useDashboard, useVisibleStores } from './use-dashboard';

/** A manager bound to several stores picks one of them, or all (the choice is kept in the URL: `?store=`). */
function StoreSelector({ storeId, onChange }: { storeId: number | null; onChange(id: number | null): void }) {
    const t = useT();
    const stores = useVisibleStores(true);
    return (
        <Select
            label={t('dashboard.store')}
            w={260}
            value={storeId === null ? 'all' : String(storeId)}
            onChange={(value) => onChange(!value || value === 'all' ? null : Number(value))}
            allowDeselect={false}
            data={[
                { value: 'all', label: t('dashboard.allStores') },
                ...(stores.data ?? []).map((s) => ({ value: String(s.id), label: `${s.code} · ${s.name}` })),
            ]}
        />
    );
}

/** The start page: members, bonus liability and flow, receipts per store, campaigns, messages and failed jobs. */
export default function DashboardPage() {
    const t = useT();
    const f = useFormat();
    const user = useSession().data?.user;
    const [params, setParams] = useSearchParams();
    const picked = Number(params.get('store'));
    const storeId = Number.isInteger(picked) && picked > 0 ? picked : null;
    const dashboard = useDashboard(storeId);
    useLearnChain(dashboard.data);
    const severalStores = user?.role === 'manager' && user.storeIds.length > 1;
    const pick = (id: number | null) =>
        setParams(
            (p) => {
                if (id === null) p.delete('store');
                else p.set('store', String(id));
                return p;
            },
            { replace: true },
        );
    const data = dashboard.data;
    return (
        <Stack gap="md">
            <Group justify="space-between" align="flex-end">
                <div>
                    <Title order={1}>{t('dashboard.title')}</Title>
                    {data && (
                        <Text size="sm" c="dimmed">
                            {t('dashboard.asOf', { time: f.dateTime(data.asOf) })}
                        </Text>
                    )}
                </div>
                {severalStores && <StoreSelector storeId={storeId} onChange={pick} />}
            </Group>
            {dashboard.isPending && <PageLoader />}
            {dashboard.isError && (
                <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
            )}
            {data && (
                <>
                    <KpiCards members={data.members} liability={data.liability} />
                    <BonusFlowSection flow={data.bonusFlow} />
                    <SimpleGrid cols={{ base: 1, lg: 2 }}>
                        <ReceiptsSection receipts={data.receipts} />
                        <CampaignsSection campaigns={data.campaigns} />
                        <MessagesSection messages={data.messagesToday} />
                        <FailedJobsSection jobs={data.failedJobs} />
                    </SimpleGrid>
                </>
            )}
        </Stack>
    );
}
