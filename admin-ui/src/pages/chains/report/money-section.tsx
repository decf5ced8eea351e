import { Table, Text } from '@mantine/core';
import type { IntervalView } from '../../../api/campaign-types';
import type { ChainMoneyView } from '../../../api/chain-types';
import { ScrollTable } from '../../../app/desk-table';
import { useT } from '../../../i18n/locale-provider';
import type { MessageId } from '../../../i18n/messages';
import { Section } from '../../campaign/section';
import { useReportFormat } from '../../campaign/report/report-format';

/** One line of the money table. */
interface MoneyLine {
    name: MessageId;
    value: string;
    interval: string;
}

/**
 * What the chain cost and brought against its holdout: incremental revenue
 * with its 95% interval, bonus and message cost, ROMI (with the margin
 * given) and iROAS, and the messages sent.
 */
export function ChainMoneySection({ money }: { money: ChainMoneyView | null }) {
    const t = useT();
    const r = useReportFormat();
    const title = t('chains.report.money');
    if (!money)
        return (
            <Section title={title}>
                <Text size="sm" c="dimmed">
                    {t('chains.report.moneyEmpty')}
                </Text>
            </Section>
        );
    const ci = (x: IntervalView | null, one: (v: number) => string) =>
        x ? r.range(x.ciLow, x.ciHigh, one) : '—';
    const or = (x: number | null | undefined, one: (v: number) => string) => (x == null ? '—' : one(x));
    const lines: MoneyLine[] = [
        {
            name: 'chains.money.incrementalRevenue',
            value: r.money(money.incrementalRevenue.estimate),
            interval: ci(money.incrementalRevenue, r.money),
        },
        {
            name: 'chains.money.incrementalConverters',
            value: r.count(money.incrementalConverters.estimate),
            interval: ci(money.incrementalConverters, r.count),
        },
        { name: 'chains.money.bonusCost', value: r.money(money.bonusCost), interval: '—' },
        { name: 'chains.money.messageCost', value: r.money(money.messageCost), interval: '—' },
        { name: 'chains.money.cost', value: r.money(money.campaignCost), interval: '—' },
        { name: 'chains.money.messages', value: r.count(money.messages), interval: '—' },
        {
            name: 'chains.money.incrementalMargin',
            value: or(money.incrementalMargin?.estimate, r.money),
            interval: ci(money.incrementalMargin, r.money),
        },
        {
            name: 'chains.money.romi',
            value: or(money.romi?.estimate, r.ratio),
            interval: ci(money.romi, r.ratio),
        },
        { name: 'chains.money.iroas', value: or(money.iroas, r.times), interval: '—' },
    ];
    return (
        <Section title={title}>
            <ScrollTable label={title} minWidth={520}>
                <Table.Thead>
                    <Table.Tr>
                        <Table.Th>{t('chains.money.figure')}</Table.Th>
                        <Table.Th ta="right">{t('chains.money.value')}</Table.Th>
                        <Table.Th ta="right">{t('chains.money.interval')}</Table.Th>
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
                        </Table.Tr>
                    ))}
                </Table.Tbody>
            </ScrollTable>
            <Text size="xs" c="dimmed" mt="xs">
                {money.marginRate === null
                    ? t('chains.money.noMargin')
                    : t('chains.money.note', { margin: r.share(money.marginRate) })}
            </Text>
        </Section>
    );
}
