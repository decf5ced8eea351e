import { Center, Grid, Loader, Select, Table, Text } from '@mantine/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { type LifecycleFlows, useLifecycleFlows } from '../../../api/lifecycle';
import { ScrollTable } from '../../../app/desk-table';
import { ErrorState } from '../../../app/error-state';
import { useFormat } from '../../../format/use-format';
import { useLocale, useT } from '../../../i18n/locale-provider';
import { segmentName } from '../lifecycle-words';
import { LifecycleSection } from './lifecycle-section';

const FlowsChart = lazy(() => import('./flows-chart'));

/** How many months back the month picker offers. */
const MONTHS_BACK = 12;

/** The `YYYY-MM` months from the month of `today` back, newest first. */
export function monthsBack(today: string, count: number): string[] {
    const year = Number(today.slice(0, 4));
    const month = Number(today.slice(5, 7)) - 1;
    return Array.from({ length: count }, (_, i) => {
        const at = new Date(Date.UTC(year, month - i, 1));
        return at.toISOString().slice(0, 7);
    });
}

/** The month's moves, biggest first, and each segment's entered and left, as tables. */
function FlowsTables({ data }: { data: LifecycleFlows }) {
    const t = useT();
    const f = useFormat();
    const rows = [...data.flows].sort((a, b) => b.customers - a.customers);
    return (
        <Grid gap="md" mt="sm">
            <Grid.Col span={{ base: 12, md: 7 }}>
                <ScrollTable label={t('lifecycle.flows.table')} minWidth={360}>
                    <Table.Thead>
                        <Table.Tr>
                            <Table.Th scope="col">{t('lifecycle.flows.from')}</Table.Th>
                            <Table.Th scope="col">{t('lifecycle.flows.to')}</Table.Th>
                            <Table.Th scope="col" ta="right">
                                {t('lifecycle.flows.customers')}
                            </Table.Th>
                        </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                        {rows.map((row) => (
                            <Table.Tr key={`${row.from ?? ''}>${row.to}`}>
                                <Table.Td>{segmentName(t, row.from)}</Table.Td>
                                <Table.Td>{segmentName(t, row.to)}</Table.Td>
                                <Table.Td ta="right">{f.count(row.customers)}</Table.Td>
                            </Table.Tr>
                        ))}
                    </Table.Tbody>
                </ScrollTable>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
                <ScrollTable label={t('lifecycle.flows.totals')} minWidth={300}>
                    <Table.Thead>
                        <Table.Tr>
                            <Table.Th scope="col">{t('lifecycle.now.segment')}</Table.Th>
                            <Table.Th scope="col" ta="right">
                                {t('lifecycle.flows.entered')}
                            </Table.Th>
                            <Table.Th scope="col" ta="right">
                                {t('lifecycle.flows.left')}
                            </Table.Th>
                        </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                        {data.totals.map((row) => (
                            <Table.Tr key={row.segment}>
                                <Table.Td>{segmentName(t, row.segment)}</Table.Td>
                                <Table.Td ta="right">{f.count(row.entered)}</Table.Td>
                                <Table.Td ta="right">{f.count(row.left)}</Table.Td>
                            </Table.Tr>
                        ))}
                    </Table.Tbody>
                </ScrollTable>
            </Grid.Col>
        </Grid>
    );
}

/** The moves between segments in a chosen month: a sankey and the same numbers as tables. */
export function FlowsSection({ today }: { today: string }) {
    const t = useT();
    const f = useFormat();
    const { locale } = useLocale();
    const months = useMemo(() => monthsBack(today, MONTHS_BACK), [today]);
    const [month, setMonth] = useState(months[0] ?? today.slice(0, 7));
    const flows = useLifecycleFlows(month);
    const monthName = (m: string) =>
        new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
            new Date(`${m}-01T00:00:00Z`),
        );
    const data = flows.data;
    const moved =
        data?.flows.filter((row) => row.from !== null).reduce((sum, row) => sum + row.customers, 0) ?? 0;
    const summary = t('lifecycle.flows.summary', { month: monthName(month), moved: f.count(moved) });
    return (
        <LifecycleSection
            title={t('lifecycle.flows.title')}
            actions={
                <Select
                    size="xs"
                    w={200}
                    label={t('lifecycle.flows.month')}
                    value={month}
                    onChange={(value) => value && setMonth(value)}
                    allowDeselect={false}
                    data={months.map((m) => ({ value: m, label: monthName(m) }))}
                />
            }
        >
            {flows.isPending ? (
                <Center h={360} role="status" aria-label={t('common.loading')}>
                    <Loader size="sm" />
                </Center>
            ) : flows.isError ? (
                <ErrorState error={flows.error} onRetry={() => void flows.refetch()} />
            ) : !data || data.flows.length === 0 ? (
                <Text c="dimmed" size="sm">
                    {t('lifecycle.flows.empty', { month: monthName(month) })}
                </Text>
            ) : (
                <>
                    <Suspense
                        fallback={
                            <Center h={360} role="status" aria-label={t('lifecycle.chartLoading')}>
                                <Loader size="sm" />
                            </Center>
                        }
                    >
                        <FlowsChart flows={data.flows} summary={summary} />
                    </Suspense>
                    <Text size="sm" c="dimmed" mt="xs">
                        {summary}
                    </Text>
                    <FlowsTables data={data} />
                </>
            )}
        </LifecycleSection>
    );
}
