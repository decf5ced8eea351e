import { Stack, Table, Text } from '@mantine/core';
import { useCustomerLots } from '../../../api/customers';
import type { BonusLotView } from '../../../api/contract';
import { ScrollTable } from '../../../app/desk-table';
import { ClientPager, useClientPages } from '../../../app/list-paging';
import { StatusBadge, type Tone } from '../../../app/status-badge';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { word } from '../desk-words';
import { SectionState } from './section-state';

const STATUS_TONES: Record<BonusLotView['status'], Tone> = {
    pending: 'warn',
    active: 'ok',
    spent: 'neutral',
    expired: 'bad',
};

function LotsTable({ lots }: { lots: BonusLotView[] }) {
    const t = useT();
    const f = useFormat();
    const pages = useClientPages(lots);
    const live = lots.filter((lot) => lot.status === 'active' || lot.status === 'pending');
    return (
        <Stack gap="xs">
            <Text size="sm">{t('lots.summary', { count: live.length })}</Text>
            <ScrollTable label={t('card.tab.lots')} minWidth={640}>
                <Table.Thead>
                    <Table.Tr>
                        <Table.Th ta="right">{t('lots.remaining')}</Table.Th>
                        <Table.Th ta="right">{t('lots.amount')}</Table.Th>
                        <Table.Th>{t('lots.status')}</Table.Th>
                        <Table.Th>{t('lots.activeFrom')}</Table.Th>
                        <Table.Th>{t('lots.expiresAt')}</Table.Th>
                        <Table.Th>{t('lots.source')}</Table.Th>
                    </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                    {pages.rows.map((lot) => (
                        <Table.Tr key={lot.id}>
                            <Table.Td ta="right" fw={600}>
                                {f.bonusAmount(lot.remaining)}
                            </Table.Td>
                            <Table.Td ta="right">{f.bonusAmount(lot.amount)}</Table.Td>
                            <Table.Td>
                                <StatusBadge tone={STATUS_TONES[lot.status]}>
                                    {word(t, 'lotStatus', lot.status)}
                                </StatusBadge>
                            </Table.Td>
                            <Table.Td>{f.dateTime(lot.activeFrom)}</Table.Td>
                            <Table.Td>{f.dateTime(lot.expiresAt)}</Table.Td>
                            <Table.Td>{word(t, 'lotSource', lot.source)}</Table.Td>
                        </Table.Tr>
                    ))}
                </Table.Tbody>
            </ScrollTable>
            <ClientPager {...pages} />
        </Stack>
    );
}

/** The bonus lots: how much of each credit is left and when it expires. */
export function LotsSection({ cardNumber }: { cardNumber: string }) {
    const lots = useCustomerLots(cardNumber);
    return (
        <SectionState query={lots} isEmpty={(data) => data.length === 0}>
            {(data) => <LotsTable lots={data} />}
        </SectionState>
    );
}
