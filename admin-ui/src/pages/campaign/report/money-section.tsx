import { Table, Text } from '@mantine/core';
import type { IntervalView, ReportMoneyView } from '../../../api/campaign-types';
import { ScrollTable } from '../../../app/desk-table';
import { useT } from '../../../i18n/locale-provider';
import type { MessageId } from '../../../i18n/messages';
import { Section } from '../section';
import { useReportFormat } from './report-format';

/** One line of the money table: its name, value, 95% interval and unit. */
interface MoneyLine {
    name: MessageId;
    value: string;
    interval: string;
    unit: MessageId;
}

/**
 * The money table over the same members as the effects: incremental revenue
 * and margin, bonus and message cost, net profit, ROMI, probability of
 * profit, break-even uplift, cost per incremental converter and iROAS, each
 * with its 95% interval where it has one, and its unit.
 */
export function MoneySection({
    money,
    provisional,
}: {
    money: ReportMoneyView | null;
    provisional: boolean;
}) {
    const t = useT();
    const r = useReportFormat();
    const title = provisional ? t('campaign.moneyProvisional') : t('campaign.money');
    if (!money)
        return (
            <Section title={title}>
                <Text size="sm" c="dimmed">
                    {t('campaign.effects.empty')}
                </Text>
            </Section>
        );
    const ci = (x: IntervalView | null, one: (v: number) => string) =>
        x ? r.range(x.ciLow, x.ciHigh, one) : '—';
    const or = (x: number | null, one: (v: number) => string) => (x === null ? '—' : one(x));
    const lines: MoneyLine[] = [
        {
            name: 'campaign.money.incrementalConverters',
            value: r.count(money.incrementalConverters.estimate),
            interval: ci(money.incrementalConverters, r.count),
            unit: 'campaign.unit.customers',
        },
        {
            name: 'campaign.money.incrementalRevenue',
            value: r.money(money.incrementalRevenue.estimate),
            interval: ci(money.incrementalRevenue, r.money),
            unit: 'campaign.unit.money',
        },
        {
            name: 'campaign.money.incrementalMargin',
            value: r.money(money.incrementalMargin.estimate),
            interval: ci(money.incrementalMargin, r.money),
            unit: 'campaign.unit.money',
        },
        {
            name: 'campaign.money.bonusCost',
            value: r.money(money.bonusCost),
            interval: '—',
            unit: 'campaign.unit.money',
        },
        {
            name: 'campaign.money.messageCost',
            value: r.money(money.messageCost),
            interval: '—',
            unit: 'campaign.unit.money',
        },
        {
            name: 'campaign.money.campaignCost',
            value: r.money(money.campaignCost),
            interval: '—',
            unit: 'campaign.unit.money',
        },
        {
            name: 'campaign.money.netProfit',
            value: r.money(money.netProfit.estimate),
            interval: ci(money.netProfit, r.money),
            unit: 'campaign.unit.money',
        },
        {
            name: 'campaign.money.romi',
            value: or(money.romi?.estimate ?? null, r.ratio),
            interval: ci(money.romi, r.ratio),
            unit: 'campaign.unit.romi',
        },
        {
            name: 'campaign.money.probabilityOfProfit',
            value: or(money.probabilityOfProfit, r.share),
            interval: '—',
            unit: 'campaign.unit.probability',
        },
        {
            name: 'campaign.money.breakEvenUplift',
            value: or(money.breakEvenUplift, r.money),
            interval: '—',
            unit: 'campaign.unit.perTestCustomer',
        },
        {
            name: 'campaign.money.costPerIncrementalConverter',
            value: or(money.costPerIncrementalConverter, r.money),
            interval: '—',
            unit: 'campaign.unit.perConverter',
        },
        {
            name: 'campaign.money.iroas',
            value: or(money.iroas, r.times),
            interval: '—',
            unit: 'campaign.unit.iroas',
        },
    ];
    return (
        <Section title={title}>
            <ScrollTable label={title} minWidth={620}>
                <Table.Thead>
                    <Table.Tr>
                        <Table.Th>{t('campaign.money.figure')}</Table.Th>
                        <Table.Th ta="right">{t('campaign.money.value')}</Table.Th>
                        <Table.Th ta="right">{t('campaign.money.interval')}</Table.Th>
                        <Table.Th>{t('campaign.money.unit')}</Table.Th>
                    </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                    {lines.map((line) => (
                        <Table.Tr key={line.name}>
                            <Table.Td>{t(line.name)}</Table.Td>
                            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                                {line.value}
                            </Table.Td>
                            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                                {line.interval}
                            </Table.Td>
                            <Table.Td>
                                <Text size="xs" c="dimmed">
                                    {t(line.unit)}
                                </Text>
                            </Table.Td>
                        </Table.Tr>
                    ))}
                </Table.Tbody>
            </ScrollTable>
            <Text size="xs" c="dimmed" mt="xs">
                {t('campaign.money.note', {
                    margin: r.share(money.margin.rate),
                    test: money.members.test,
                    control: money.members.control,
                })}
            </Text>
        </Section>
    );
}
