import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { EffectsView, ReportMoneyView } from '../../../api/campaign-types';
import { useLocale, useT } from '../../../i18n/locale-provider';
import { readConversion } from './report-reading';
import { useReportFormat } from './report-format';

/** One headline figure: its name, the value and its 95% interval. */
function Headline({ label, value, interval }: { label: string; value: string; interval: string }) {
    return (
        <div>
            <Text size="xs" c="dimmed">
                {label}
            </Text>
            <Text fw={700} size="lg">
                {value}
            </Text>
            <Text size="xs" c="dimmed">
                {interval}
            </Text>
        </div>
    );
}

/**
 * The report in one line ("With 95% confidence the campaign added between
 * 2.5 and 9.5 buyers per 100 lapsed customers", from the report's interval)
 * and its headline figures: conversion and revenue uplift, ROMI and the
 * probability of profit.
 */
export function ReportSummary({
    effects,
    money,
    provisional,
    audience,
}: {
    effects: EffectsView;
    money: ReportMoneyView | null;
    provisional: boolean;
    audience: string;
}) {
    const t = useT();
    const { locale } = useLocale();
    const r = useReportFormat();
    const reading = readConversion(effects.conversion);
    const one = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const text = t(`campaign.reading.${reading.kind}`, {
        low: one.format(reading.low),
        high: one.format(reading.high),
        count: reading.high,
        audience,
    });
    const interval = (low: number | null, high: number | null, f: (x: number) => string) =>
        t('campaign.ci95', { range: r.range(low, high, f) });
    const points = (x: number) => t('campaign.points', { value: r.points(x) });
    const conv = effects.conversion?.absolute;
    const rev = effects.revenuePerCustomer?.absolute;
    return (
        <Paper withBorder p="md" component="section" aria-label={t('campaign.summary')}>
            <Stack gap="md">
                <Text fw={600} size="lg" data-testid="report-reading">
                    {provisional && `${t('campaign.provisionalPrefix')} `}
                    {text}
                </Text>
                <SimpleGrid cols={{ base: 2, md: 4 }}>
                    <Headline
                        label={t('campaign.headline.conversion')}
                        value={conv ? points(conv.estimate) : '—'}
                        interval={conv ? interval(conv.ciLow, conv.ciHigh, points) : ''}
                    />
                    <Headline
                        label={t('campaign.headline.revenue')}
                        value={rev ? r.money(rev.estimate) : '—'}
                        interval={rev ? interval(rev.ciLow, rev.ciHigh, r.money) : ''}
                    />
                    <Headline
                        label={t('campaign.headline.romi')}
                        value={money?.romi ? r.ratio(money.romi.estimate) : '—'}
                        interval={money?.romi ? interval(money.romi.ciLow, money.romi.ciHigh, r.ratio) : ''}
                    />
                    <Headline
                        label={t('campaign.headline.profit')}
                        value={money?.probabilityOfProfit != null ? r.share(money.probabilityOfProfit) : '—'}
                        interval={
                            money
                                ? t('campaign.headline.net', { value: r.money(money.netProfit.estimate) })
                                : ''
                        }
                    />
                </SimpleGrid>
            </Stack>
        </Paper>
    );
}
