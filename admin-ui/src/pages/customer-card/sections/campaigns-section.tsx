import { Stack, Table } from '@mantine/core';
import { useCustomerCampaigns } from '../../../api/customers';
import type { CampaignMembershipView } from '../../../api/contract';
import { ScrollTable } from '../../../app/desk-table';
import { ClientPager, useClientPages } from '../../../app/list-paging';
import { StatusBadge } from '../../../app/status-badge';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { word } from '../desk-words';
import { SectionState } from './section-state';

function CampaignsTable({ rows }: { rows: CampaignMembershipView[] }) {
    const t = useT();
    const f = useFormat();
    const pages = useClientPages(rows);
    return (
        <Stack gap="xs">
            <ScrollTable label={t('card.tab.campaigns')} minWidth={560}>
                <Table.Thead>
                    <Table.Tr>
                        <Table.Th>{t('campaigns.name')}</Table.Th>
                        <Table.Th>{t('campaigns.group')}</Table.Th>
                        <Table.Th>{t('campaigns.assignedAt')}</Table.Th>
                        <Table.Th>{t('campaigns.status')}</Table.Th>
                    </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                    {pages.rows.map((row) => (
                        <Table.Tr key={row.campaignId}>
                            <Table.Td>{row.campaignName}</Table.Td>
                            <Table.Td>
                                <StatusBadge tone={row.group === 'test' ? 'info' : 'neutral'}>
                                    {word(t, 'campaignGroup', row.group)}
                                </StatusBadge>
                            </Table.Td>
                            <Table.Td>{f.dateTime(row.assignedAt)}</Table.Td>
                            <Table.Td>{word(t, 'campaignStatus', row.status)}</Table.Td>
                        </Table.Tr>
                    ))}
                </Table.Tbody>
            </ScrollTable>
            <ClientPager {...pages} />
        </Stack>
    );
}

/** The campaigns the customer was drawn into, and whether in the test or the control group. */
export function CampaignsSection({ cardNumber }: { cardNumber: string }) {
    const campaigns = useCustomerCampaigns(cardNumber);
    return (
        <SectionState query={campaigns} isEmpty={(data) => data.length === 0}>
            {(data) => <CampaignsTable rows={data} />}
        </SectionState>
    );
}
