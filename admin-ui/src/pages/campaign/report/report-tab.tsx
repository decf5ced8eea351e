import { Button, Group, Stack, Text } from '@mantine/core';
import { reportCsvUrl, useCampaignReport } from '../../../api/campaign';
import type { CampaignDetail } from '../../../api/campaign-types';
import { Loaded } from '../../../app/list-parts';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { BudgetSection } from './budget-section';
import { ChannelsSection } from './channels-section';
import { EffectsSection } from './effects-section';
import { HealthBanners } from './health-banners';
import { MembersSection } from './members-section';
import { MoneySection } from './money-section';
import { reportBasis } from './report-format';
import { ReportSummary } from './report-summary';
import { UpliftSection } from './uplift-section';

/**
 * The campaign's report: health first, the reading and headline figures,
 * effects with intervals, the cumulative uplift, the money table, sends by
 * channel and the members; the report's CSV for everyone.
 */
export function ReportTab({ campaign }: { campaign: CampaignDetail }) {
    const t = useT();
    const f = useFormat();
    const report = useCampaignReport(campaign.id);
    return (
        <Loaded query={report}>
            {() => {
                const data = report.data!;
                const basis = reportBasis(data);
                return (
                    <Stack gap="md">
                        <Group justify="space-between" gap="sm">
                            <Text size="sm" c="dimmed">
                                {t('campaign.reportAsOf', {
                                    time: f.dateTime(data.generatedAt),
                                    test: data.sample.test,
                                    control: data.sample.control,
                                })}
                            </Text>
                            <Button
                                component="a"
                                href={reportCsvUrl(campaign.id)}
                                download
                                variant="default"
                                size="xs"
                            >
                                {t('campaign.reportCsv')}
                            </Button>
                        </Group>
                        <HealthBanners report={data} />
                        <ReportSummary
                            effects={basis.effects}
                            money={basis.money}
                            provisional={basis.provisional}
                            audience={campaign.audience}
                        />
                        <EffectsSection effects={basis.effects} provisional={basis.provisional} />
                        <UpliftSection series={data.series} />
                        <MoneySection money={basis.money} provisional={basis.provisional} />
                        {data.budget && <BudgetSection campaign={campaign} budget={data.budget} />}
                        <ChannelsSection campaignId={campaign.id} />
                        <MembersSection campaignId={campaign.id} />
                    </Stack>
                );
            }}
        </Loaded>
    );
}
