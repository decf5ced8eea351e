import { Group, Table, Text } from '@mantine/core';
import type { LifecycleOverview } from '../../../api/lifecycle';
import { ScrollTable } from '../../../app/desk-table';
import { useFormat } from '../../../format/use-format';
import { useLocale, useT } from '../../../i18n/locale-provider';
import { SEGMENT_COLORS, segmentMeaning, segmentName } from '../lifecycle-words';
import { LifecycleSection } from './lifecycle-section';

/** A share the API gives in percent (`23.4`) as `23,4 %`. */
function percent(share: number, locale: string): string {
    return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share / 100);
}

/**
 * Every lifecycle segment now, in funnel order: its size, its share of the
 * classified customers and what it means with the thresholds in force.
 */
export function SegmentsNowSection({ overview }: { overview: LifecycleOverview }) {
    const t = useT();
    const f = useFormat();
    const { locale } = useLocale();
    const total = overview.segments.reduce((sum, s) => sum + s.size, 0);
    return (
        <LifecycleSection title={t('lifecycle.now.title')}>
            <Text size="sm" c="dimmed" mb="sm">
                {overview.classifiedDay
                    ? t('lifecycle.now.asOf', { day: f.day(overview.classifiedDay), total: f.count(total) })
                    : t('lifecycle.now.never')}
            </Text>
            <ScrollTable label={t('lifecycle.now.title')} minWidth={420}>
                <Table.Thead>
                    <Table.Tr>
                        <Table.Th scope="col">{t('lifecycle.now.meaning')}</Table.Th>
                        <Table.Th scope="col" ta="right">
                            {t('lifecycle.now.size')}
                        </Table.Th>
                        <Table.Th scope="col" ta="right">
                            {t('lifecycle.now.share')}
                        </Table.Th>
                    </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                    {overview.segments.map((row) => (
                        <Table.Tr key={row.segment}>
                            <Table.Th scope="row" fw={500}>
                                <Group gap={8} wrap="nowrap" align="flex-start">
                                    <span
                                        aria-hidden
                                        style={{
                                            width: 10,
                                            height: 10,
                                            marginTop: 6,
                                            borderRadius: 2,
                                            background: SEGMENT_COLORS[row.segment],
                                            flex: 'none',
                                        }}
                                    />
                                    <div>
                                        {segmentName(t, row.segment)}
                                        <Text size="sm" fw={400} c="dimmed">
                                            {segmentMeaning(t, row.segment, overview.thresholds)}
                                        </Text>
                                    </div>
                                </Group>
                            </Table.Th>
                            <Table.Td ta="right">{f.count(row.size)}</Table.Td>
                            <Table.Td ta="right">{percent(row.share, locale)}</Table.Td>
                        </Table.Tr>
                    ))}
                </Table.Tbody>
            </ScrollTable>
        </LifecycleSection>
    );
}
