import { SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { lazy } from 'react';
import type { EffectsView, UpliftView } from '../../../api/campaign-types';
import { ScrollTable } from '../../../app/desk-table';
import { useT } from '../../../i18n/locale-provider';
import { Section } from '../section';
import { ChartFrame } from './chart-frame';
import type { EffectBar } from './effects-chart';
import { groupInterval, useReportFormat } from './report-format';

const EffectsChart = lazy(() => import('./effects-chart'));

const COLORS = { control: '#868e96', test: '#1971c2' };

/** Control and test bars with whiskers for one metric. */
function MetricChart({
    title,
    uplift,
    format,
}: {
    title: string;
    uplift: UpliftView;
    format(value: number): string;
}) {
    const t = useT();
    const r = useReportFormat();
    const bars: EffectBar[] = (['control', 'test'] as const).map((g) => ({
        label: t(`campaign.group.${g}`),
        ...groupInterval(uplift[g]),
        color: COLORS[g],
    }));
    const summary = t('campaign.effects.chartSummary', {
        metric: title,
        control: format(bars[0].mean),
        test: format(bars[1].mean),
        controlRange: r.range(bars[0].low, bars[0].high, format),
        testRange: r.range(bars[1].low, bars[1].high, format),
    });
    return (
        <Stack gap={4}>
            <Text fw={600} size="sm">
                {title}
            </Text>
            <ChartFrame height={220}>
                <EffectsChart bars={bars} format={format} summary={summary} />
            </ChartFrame>
        </Stack>
    );
}

/**
 * Conversion and revenue per assigned customer, test against control, with
 * 95% interval whiskers (ECharts, lazy), and the same in a table: each
 * group's figure with its interval, and the uplift with the report's interval.
 */
export function EffectsSection({ effects, provisional }: { effects: EffectsView; provisional: boolean }) {
    const t = useT();
    const r = useReportFormat();
    const { conversion, revenuePerCustomer: revenue } = effects;
    if (!conversion || !revenue)
        return (
            <Section title={t('campaign.effects')}>
                <Text size="sm" c="dimmed">
                    {t('campaign.effects.empty')}
                </Text>
            </Section>
        );
    const rows = [
        {
            key: 'conversion',
            name: t('campaign.effects.conversion'),
            uplift: conversion,
            one: r.share,
            diff: (x: number) => t('campaign.points', { value: r.points(x) }),
        },
        {
            key: 'revenue',
            name: t('campaign.effects.revenue'),
            uplift: revenue,
            one: r.money,
            diff: (x: number) => (x > 0 ? '+' : '') + r.money(x),
        },
    ];
    return (
        <Section title={provisional ? t('campaign.effectsProvisional') : t('campaign.effects')}>
            <Stack gap="md">
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <MetricChart title={rows[0].name} uplift={conversion} format={r.share} />
                    <MetricChart title={rows[1].name} uplift={revenue} format={r.money} />
                </SimpleGrid>
                <ScrollTable label={t('campaign.effects.table')} minWidth={640}>
                    <Table.Thead>
                        <Table.Tr>
                            <Table.Th>{t('campaign.effects.metric')}</Table.Th>
                            <Table.Th ta="right">{t('campaign.group.control')}</Table.Th>
                            <Table.Th ta="right">{t('campaign.group.test')}</Table.Th>
                            <Table.Th ta="right">{t('campaign.effects.uplift')}</Table.Th>
                            <Table.Th ta="right">{t('campaign.effects.relative')}</Table.Th>
                        </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                        {rows.map((row) => {
                            const c = groupInterval(row.uplift.control);
                            const s = groupInterval(row.uplift.test);
                            const a = row.uplift.absolute;
                            const rel = row.uplift.relative;
                            return (
                                <Table.Tr key={row.key}>
                                    <Table.Td>{row.name}</Table.Td>
                                    <Table.Td ta="right">
                                        {row.one(c.mean)}
                                        <Text size="xs" c="dimmed">
                                            {r.range(c.low, c.high, row.one)}
                                        </Text>
                                    </Table.Td>
                                    <Table.Td ta="right">
                                        {row.one(s.mean)}
                                        <Text size="xs" c="dimmed">
                                            {r.range(s.low, s.high, row.one)}
                                        </Text>
                                    </Table.Td>
                                    <Table.Td ta="right">
                                        {row.diff(a.estimate)}
                                        <Text size="xs" c="dimmed">
                                            {r.range(a.ciLow, a.ciHigh, row.diff)}
                                        </Text>
                                    </Table.Td>
                                    <Table.Td ta="right">
                                        {rel ? r.ratio(rel.estimate) : '—'}
                                        <Text size="xs" c="dimmed">
                                            {rel ? r.range(rel.ciLow, rel.ciHigh, r.ratio) : ''}
                                        </Text>
                                    </Table.Td>
                                </Table.Tr>
                            );
                        })}
                    </Table.Tbody>
                </ScrollTable>
                <Text size="xs" c="dimmed">
                    {t('campaign.effects.note', { test: effects.n.test, control: effects.n.control })}
                </Text>
            </Stack>
        </Section>
    );
}
