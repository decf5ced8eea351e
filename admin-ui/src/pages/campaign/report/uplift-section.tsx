import { Button, Stack, Table, Text } from '@mantine/core';
import { lazy, useMemo, useState } from 'react';
import type { SeriesPointView } from '../../../api/campaign-types';
import { ScrollTable } from '../../../app/desk-table';
import { ClientPager, useClientPages } from '../../../app/list-paging';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { Section } from '../section';
import { ChartFrame } from './chart-frame';
import type { UpliftPoint } from './uplift-chart';
import { useReportFormat } from './report-format';

const UpliftChart = lazy(() => import('./uplift-chart'));

/**
 * The cumulative conversion uplift by assignment day with its 95% interval
 * band (ECharts, lazy), and the same figures as a table, newest day first.
 */
export function UpliftSection({ series }: { series: SeriesPointView[] }) {
    const t = useT();
    const f = useFormat();
    const r = useReportFormat();
    const [showTable, setShowTable] = useState(false);
    const points = useMemo<UpliftPoint[]>(
        () =>
            series.flatMap((p) => {
                const u = p.cumulative.conversionUplift;
                return u
                    ? [
                          {
                              day: f.day(p.day),
                              estimate: u.estimate * 100,
                              low: u.ciLow === null ? null : u.ciLow * 100,
                              high: u.ciHigh === null ? null : u.ciHigh * 100,
                          },
                      ]
                    : [];
            }),
        [series, f],
    );
    const names = useMemo(
        () => ({ estimate: t('campaign.uplift.estimate'), band: t('campaign.uplift.band') }),
        [t],
    );
    const format = useMemo(() => (v: number) => t('campaign.points', { value: r.points(v / 100) }), [t, r]);
    const newestFirst = useMemo(() => [...points].reverse(), [points]);
    const pages = useClientPages(newestFirst, 10);
    if (!points.length)
        return (
            <Section title={t('campaign.uplift')}>
                <Text size="sm" c="dimmed">
                    {t('campaign.effects.empty')}
                </Text>
            </Section>
        );
    const last = points[points.length - 1];
    const summary = t('campaign.uplift.summary', {
        days: points.length,
        estimate: format(last.estimate),
        range: r.range(last.low, last.high, format),
    });
    return (
        <Section title={t('campaign.uplift')}>
            <Stack gap="sm">
                <ChartFrame height={280}>
                    <UpliftChart points={points} names={names} format={format} summary={summary} />
                </ChartFrame>
                <Text size="sm" c="dimmed">
                    {summary}
                </Text>
                <Button
                    variant="default"
                    size="compact-sm"
                    w="fit-content"
                    aria-expanded={showTable}
                    onClick={() => setShowTable((v) => !v)}
                >
                    {showTable ? t('campaign.uplift.hideTable') : t('campaign.uplift.showTable')}
                </Button>
                {showTable && (
                    <>
                        <ScrollTable label={t('campaign.uplift.table')} minWidth={420}>
                            <Table.Thead>
                                <Table.Tr>
                                    <Table.Th>{t('campaign.uplift.day')}</Table.Th>
                                    <Table.Th ta="right">{t('campaign.uplift.estimate')}</Table.Th>
                                    <Table.Th ta="right">{t('campaign.uplift.band')}</Table.Th>
                                </Table.Tr>
                            </Table.Thead>
                            <Table.Tbody>
                                {pages.rows.map((p) => (
                                    <Table.Tr key={p.day}>
                                        <Table.Td>{p.day}</Table.Td>
                                        <Table.Td ta="right">{format(p.estimate)}</Table.Td>
                                        <Table.Td ta="right">{r.range(p.low, p.high, format)}</Table.Td>
                                    </Table.Tr>
                                ))}
                            </Table.Tbody>
                        </ScrollTable>
                        <ClientPager {...pages} />
                    </>
                )}
            </Stack>
        </Section>
    );
}
