import { SegmentedControl, Stack, Table } from '@mantine/core';
import { useState } from 'react';
import { useCustomerOffers } from '../../../api/customers';
import type { OfferView } from '../../../api/contract';
import { ScrollTable } from '../../../app/desk-table';
import { ClientPager, useClientPages } from '../../../app/list-paging';
import { StatusBadge, type Tone } from '../../../app/status-badge';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { word } from '../desk-words';
import { SectionState } from './section-state';

type Filter = 'all' | OfferView['status'];

const STATUS_TONES: Record<OfferView['status'], Tone> = { active: 'ok', used: 'info', expired: 'neutral' };

function OffersTable({ offers }: { offers: OfferView[] }) {
    const t = useT();
    const f = useFormat();
    const [filter, setFilter] = useState<Filter>('all');
    const shown = filter === 'all' ? offers : offers.filter((o) => o.status === filter);
    const pages = useClientPages(shown);
    const count = (status: Filter) =>
        (status === 'all' ? offers : offers.filter((o) => o.status === status)).length;
    return (
        <Stack gap="xs">
            <SegmentedControl
                aria-label={t('offers.filter')}
                value={filter}
                onChange={(value) => setFilter(value as Filter)}
                data={(['all', 'active', 'used', 'expired'] as const).map((value) => ({
                    value,
                    label: t('offers.filterOption', {
                        status: word(t, 'offerFilter', value),
                        count: count(value),
                    }),
                }))}
                style={{ alignSelf: 'flex-start' }}
            />
            <ScrollTable label={t('card.tab.offers')} minWidth={680}>
                <Table.Thead>
                    <Table.Tr>
                        <Table.Th>{t('offers.campaign')}</Table.Th>
                        <Table.Th>{t('offers.what')}</Table.Th>
                        <Table.Th>{t('offers.status')}</Table.Th>
                        <Table.Th>{t('offers.validFrom')}</Table.Th>
                        <Table.Th>{t('offers.validUntil')}</Table.Th>
                        <Table.Th>{t('offers.usedAt')}</Table.Th>
                    </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                    {pages.rows.map((offer) => (
                        <Table.Tr key={offer.id}>
                            <Table.Td>{offer.campaignName}</Table.Td>
                            <Table.Td>
                                {offer.kind === 'multiplier'
                                    ? t('offers.multiplier', { value: offer.value })
                                    : t('offers.gift', { amount: f.bonuses(offer.value) })}
                            </Table.Td>
                            <Table.Td>
                                <StatusBadge tone={STATUS_TONES[offer.status]}>
                                    {word(t, 'offerStatus', offer.status)}
                                </StatusBadge>
                            </Table.Td>
                            <Table.Td>{f.dateTime(offer.validFrom)}</Table.Td>
                            <Table.Td>{f.dateTime(offer.validUntil)}</Table.Td>
                            <Table.Td>{offer.usedAt ? f.dateTime(offer.usedAt) : '—'}</Table.Td>
                        </Table.Tr>
                    ))}
                </Table.Tbody>
            </ScrollTable>
            <ClientPager {...pages} />
        </Stack>
    );
}

/** The customer's personal offers: active, used and expired. */
export function OffersSection({ cardNumber }: { cardNumber: string }) {
    const offers = useCustomerOffers(cardNumber);
    return (
        <SectionState query={offers} isEmpty={(data) => data.length === 0}>
            {(data) => <OffersTable offers={data} />}
        </SectionState>
    );
}
