import { Alert, Stack } from '@mantine/core';
import type { CampaignReportView } from '../../../api/campaign-types';
import { useT } from '../../../i18n/locale-provider';
import { useReportFormat } from './report-format';

/**
 * What a reader must know before the figures: a sample ratio mismatch, no
 * control group, windows still open (provisional results), controls that
 * got an offer elsewhere; or that all is well.
 */
export function HealthBanners({ report }: { report: CampaignReportView }) {
    const t = useT();
    const r = useReportFormat();
    const { health, sample } = report;
    const members = sample.test + sample.control;
    const banners: { key: string; color: string; title: string; text: string }[] = [];
    if (health.srm.flagged)
        banners.push({
            key: 'srm',
            color: 'red',
            title: t('campaign.health.srmTitle'),
            text: t('campaign.health.srm', {
                observed: r.share(health.srm.observedControlShare ?? 0),
                expected: r.share(health.srm.expectedControlShare),
                p: r.p(health.srm.pValue ?? 0),
            }),
        });
    if (report.design.controlSharePct === 0 || (sample.test > 0 && sample.control === 0))
        banners.push({
            key: 'zero',
            color: 'red',
            title: t('campaign.health.zeroTitle'),
            text: t('campaign.health.zero'),
        });
    if (members > 0 && health.maturity < 1)
        banners.push({
            key: 'maturity',
            color: 'yellow',
            title: t('campaign.health.maturityTitle'),
            text: t('campaign.health.maturity', {
                open: r.share(1 - health.maturity),
                days: report.design.window.days,
            }),
        });
    if (health.contaminatedControls > 0)
        banners.push({
            key: 'contamination',
            color: 'yellow',
            title: t('campaign.health.contaminationTitle'),
            text: t('campaign.health.contamination', { count: health.contaminatedControls }),
        });
    if (!banners.length && members > 0)
        banners.push({
            key: 'ok',
            color: 'teal',
            title: t('campaign.health.okTitle'),
            text: t('campaign.health.ok'),
        });
    return (
        <Stack gap="xs">
            {banners.map((b) => (
                <Alert
                    key={b.key}
                    color={b.color}
                    variant="light"
                    title={b.title}
                    role={b.color === 'red' ? 'alert' : 'status'}
                >
                    {b.text}
                </Alert>
            ))}
        </Stack>
    );
}
