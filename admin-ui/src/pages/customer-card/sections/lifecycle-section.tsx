import { Box, Group, Table, Text, Title } from '@mantine/core';
import { type CustomerLifecycle, useCustomerLifecycle } from '../../../api/lifecycle';
import { ScrollTable } from '../../../app/desk-table';
import { ClientPager, useClientPages } from '../../../app/list-paging';
import { StatusBadge } from '../../../app/status-badge';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { segmentName } from '../../lifecycle/lifecycle-words';
import { SectionState } from './section-state';

/** The customer's lifecycle moves, newest first, a page at a time. */
function HistoryTable({ rows }: { rows: CustomerLifecycle['history'] }) {
    const t = useT();
    const f = useFormat();
    const pages = useClientPages(rows);
    return (
        <>
            <ScrollTable label={t('lifecycle.card.history')} minWidth={420}>
                <Table.Thead>
                    <Table.Tr>
                        <Table.Th scope="col">{t('lifecycle.card.day')}</Table.Th>
                        <Table.Th scope="col">{t('lifecycle.flows.from')}</Table.Th>
                        <Table.Th scope="col">{t('lifecycle.flows.to')}</Table.Th>
                    </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                    {pages.rows.map((row) => (
                        <Table.Tr key={row.day}>
                            <Table.Td>{f.day(row.day)}</Table.Td>
                            <Table.Td>{segmentName(t, row.from)}</Table.Td>
                            <Table.Td>{segmentName(t, row.to)}</Table.Td>
                        </Table.Tr>
                    ))}
                </Table.Tbody>
            </ScrollTable>
            <ClientPager {...pages} />
        </>
    );
}

/** The customer's lifecycle segment since when, and their moves between segments. */
export function LifecycleSection({ cardNumber }: { cardNumber: string }) {
    const t = useT();
    const f = useFormat();
    const lifecycle = useCustomerLifecycle(cardNumber);
    return (
        <Box component="section" aria-label={t('lifecycle.card.title')}>
            <Title order={2} size="h3" mb="sm">
                {t('lifecycle.card.title')}
            </Title>
            <SectionState query={lifecycle}>
                {(data) =>
                    data.segment === null ? (
                        <Text c="dimmed" size="sm">
                            {t('lifecycle.card.none')}
                        </Text>
                    ) : (
                        <>
                            <Group gap="xs" mb="sm">
                                <StatusBadge tone="info">{segmentName(t, data.segment)}</StatusBadge>
                                {data.since && (
                                    <Text size="sm">
                                        {t('lifecycle.card.since', { day: f.day(data.since) })}
                                    </Text>
                                )}
                            </Group>
                            {data.history.length > 0 && <HistoryTable rows={data.history} />}
                        </>
                    )
                }
            </SectionState>
        </Box>
    );
}
