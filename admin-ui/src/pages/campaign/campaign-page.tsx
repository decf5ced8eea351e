import { Stack, Tabs } from '@mantine/core';
import { useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import { useCampaign } from '../../api/campaign';
import { ErrorState } from '../../app/error-state';
import { MessagePage } from '../../app/message-page';
import { PageLoader } from '../../app/session-guard';
import { useT } from '../../i18n/locale-provider';
import { CampaignHeader } from './campaign-header';
import { ControlTab } from './control/control-tab';
import { ReportTab } from './report/report-tab';

const TABS = ['control', 'report'] as const;
type Tab = (typeof TABS)[number];

/**
 * One campaign: its launch and control (lifecycle, the runs the send guard
 * holds with what approving them means, canary release, kill switch, the
 * timeline of every audited step) and its report (health, effects with
 * intervals, cumulative uplift, money, sends by channel, members). Every
 * role reads it; only admins and marketers get controls. `?tab=report`
 * opens the report; a finished campaign opens on it.
 */
export default function CampaignPage() {
    const t = useT();
    const id = Number(useParams().id);
    const [params, setParams] = useSearchParams();
    const campaign = useCampaign(id);
    if (
        !Number.isInteger(id) ||
        id < 1 ||
        isApiError(campaign.error, 'REFILL_NOT_FOUND', 'REFILL_VALIDATION')
    )
        return <MessagePage title={t('campaign.notFoundTitle')} text={t('campaign.notFound')} />;
    if (campaign.isPending) return <PageLoader />;
    if (campaign.isError)
        return <ErrorState error={campaign.error} onRetry={() => void campaign.refetch()} />;
    const requested = params.get('tab');
    const tab: Tab = TABS.includes(requested as Tab)
        ? (requested as Tab)
        : campaign.data.status === 'finished'
          ? 'report'
          : 'control';
    return (
        <Stack gap="lg">
            <CampaignHeader campaign={campaign.data} />
            <Tabs
                value={tab}
                onChange={(next) => next && setParams({ tab: next }, { replace: true })}
                keepMounted={false}
            >
                <Tabs.List aria-label={t('campaign.parts')}>
                    <Tabs.Tab value="control">{t('campaign.tab.control')}</Tabs.Tab>
                    <Tabs.Tab value="report">{t('campaign.tab.report')}</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="control" pt="md">
                    {tab === 'control' && <ControlTab campaign={campaign.data} />}
                </Tabs.Panel>
                <Tabs.Panel value="report" pt="md">
                    {tab === 'report' && <ReportTab campaign={campaign.data} />}
                </Tabs.Panel>
            </Tabs>
        </Stack>
    );
}
