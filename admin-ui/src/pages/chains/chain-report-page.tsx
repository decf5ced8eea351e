import { Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useChainReport } from '../../api/chains';
import { Loaded, PageHeader } from '../../app/list-parts';
import { useFormat } from '../../format/use-format';
import { useT } from '../../i18n/locale-provider';
import { EffectsSection } from '../campaign/report/effects-section';
import { useReportFormat } from '../campaign/report/report-format';
import { EntriesSection } from './report/entries-section';
import { FunnelSection } from './report/funnel-section';
import { ChainMoneySection } from './report/money-section';

/** The gross margin the report starts with, percent (the marketer changes it). */
const DEFAULT_MARGIN_PCT = 30;

/**
 * `chains/:id/report`: entries per group with the SRM verdict and the
 * budget, the step funnel, goal conversion and revenue per entrant against
 * the holdout with 95% intervals (the campaign report's charts), and the
 * money table with ROMI at the gross margin typed.
 */
export default function ChainReportPage() {
    const t = useT();
    const f = useFormat();
    const r = useReportFormat();
    const id = Number(useParams().id);
    const [margin, setMargin] = useState<number | string>(DEFAULT_MARGIN_PCT);
    const [debounced] = useDebouncedValue(margin, 400);
    const marginPct = typeof debounced === 'number' && debounced >= 0 && debounced <= 100 ? debounced : null;
    const report = useChainReport(id, marginPct);
    const data = report.data;
    return (
        <>
            <PageHeader
                title={
                    data ? t('chains.report.title', { name: data.chain.name }) : t('chains.report.titlePlain')
                }
            >
                <Button component={Link} to=".." relative="path" variant="default">
                    {t('chains.report.toEditor')}
                </Button>
            </PageHeader>
            <Loaded query={report}>
                {() => {
                    const d = data!;
                    const goal = d.results.goal ?? d.results.conversion;
                    return (
                        <Stack gap="md">
                            <Group justify="space-between" align="flex-end">
                                <Text size="sm" c="dimmed">
                                    {t('chains.report.asOf', { time: f.dateTime(d.generatedAt) })}
                                </Text>
                                <NumberInput
                                    label={t('chains.report.margin')}
                                    suffix=" %"
                                    min={0}
                                    max={100}
                                    decimalScale={2}
                                    value={margin}
                                    onChange={setMargin}
                                    w={180}
                                />
                            </Group>
                            <EntriesSection report={d} />
                            <FunnelSection report={d} />
                            <EffectsSection
                                effects={{
                                    n: { test: d.sample.test, control: d.sample.holdout },
                                    conversion: goal,
                                    revenuePerCustomer: d.results.revenuePerCustomer,
                                }}
                                provisional={false}
                            />
                            {d.results.goal && d.results.conversion && (
                                <Text size="sm" c="dimmed">
                                    {t('chains.report.purchaseConversion', {
                                        test: r.share(d.results.conversion.test.mean),
                                        holdout: r.share(d.results.conversion.control.mean),
                                        diff: r.points(d.results.conversion.absolute.estimate),
                                        range: r.range(
                                            d.results.conversion.absolute.ciLow,
                                            d.results.conversion.absolute.ciHigh,
                                            r.points,
                                        ),
                                    })}
                                </Text>
                            )}
                            <ChainMoneySection money={d.money} />
                        </Stack>
                    );
                }}
            </Loaded>
        </>
    );
}
