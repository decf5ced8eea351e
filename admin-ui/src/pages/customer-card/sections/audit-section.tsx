import { Stack, Table, Text } from '@mantine/core';
import { useCustomerAudit } from '../../../api/customers';
import type { AuditView } from '../../../api/contract';
import { ScrollTable } from '../../../app/desk-table';
import { ShowMore } from '../../../app/list-paging';
import { useFormat } from '../../../format/use-format';
import { type Translate, useT } from '../../../i18n/locale-provider';
import { word } from '../desk-words';
import { SectionState } from './section-state';

/** The parts of an entry's details worth showing at the desk: the reason, an amount, a new value. */
function detailsText(entry: AuditView, t: Translate): string {
    const d = entry.details ?? {};
    const parts: string[] = [];
    if (typeof d.amount === 'number') parts.push(t('units.bonuses', { count: d.amount }));
    if (typeof d.cardKind === 'string') parts.push(word(t, 'cardKind', d.cardKind));
    if (typeof d.channel === 'string') parts.push(word(t, 'channel', d.channel));
    if (Array.isArray(d.fields)) parts.push(d.fields.join(', '));
    return parts.join(' · ');
}

/** Who did what to this customer at the desk (and elsewhere), newest first, with the reason given. */
export function AuditSection({ cardNumber, customerId }: { cardNumber: string; customerId: number }) {
    const t = useT();
    const f = useFormat();
    const audit = useCustomerAudit(cardNumber, customerId);
    return (
        <SectionState query={audit} isEmpty={(data) => data.pages[0]?.data.length === 0}>
            {(data) => {
                const entries = data.pages.flatMap((page) => page.data);
                return (
                    <Stack gap={0}>
                        <ScrollTable label={t('card.tab.audit')} minWidth={680}>
                            <Table.Thead>
                                <Table.Tr>
                                    <Table.Th>{t('audit.at')}</Table.Th>
                                    <Table.Th>{t('audit.actor')}</Table.Th>
                                    <Table.Th>{t('audit.action')}</Table.Th>
                                    <Table.Th>{t('audit.reason')}</Table.Th>
                                </Table.Tr>
                            </Table.Thead>
                            <Table.Tbody>
                                {entries.map((entry) => (
                                    <Table.Tr key={entry.id}>
                                        <Table.Td>{f.dateTime(entry.createdAt)}</Table.Td>
                                        <Table.Td>{entry.actor}</Table.Td>
                                        <Table.Td>
                                            {word(t, 'auditAction', entry.action)}
                                            <Text size="xs" c="dimmed">
                                                {detailsText(entry, t)}
                                            </Text>
                                        </Table.Td>
                                        <Table.Td>
                                            {typeof entry.details?.reason === 'string'
                                                ? entry.details.reason
                                                : '—'}
                                        </Table.Td>
                                    </Table.Tr>
                                ))}
                            </Table.Tbody>
                        </ScrollTable>
                        <ShowMore
                            shown={entries.length}
                            hasMore={audit.hasNextPage}
                            loading={audit.isFetchingNextPage}
                            onMore={() => void audit.fetchNextPage()}
                        />
                    </Stack>
                );
            }}
        </SectionState>
    );
}
