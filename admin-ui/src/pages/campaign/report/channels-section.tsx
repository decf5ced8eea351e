import { Table, Text } from '@mantine/core';
import { useCampaignSends } from '../../../api/campaign';
import { ScrollTable } from '../../../app/desk-table';
import { Loaded } from '../../../app/list-parts';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { Section } from '../section';
import { useReportFormat } from './report-format';

/** The campaign's messages per channel: sent, delivered (and its share), read, failed, held, dropped, cost. */
export function ChannelsSection({ campaignId }: { campaignId: number }) {
    const t = useT();
    const f = useFormat();
    const r = useReportFormat();
    const sends = useCampaignSends(campaignId);
    const title = t('campaign.channels');
    return (
        <Section title={title}>
            <Loaded query={sends}>
                {() => {
                    const channels = sends.data!.channels;
                    if (!channels.length)
                        return (
                            <Text size="sm" c="dimmed">
                                {t('campaign.channels.empty')}
                            </Text>
                        );
                    return (
                        <ScrollTable label={title} minWidth={700}>
                            <Table.Thead>
                                <Table.Tr>
                                    <Table.Th>{t('campaign.channel')}</Table.Th>
                                    <Table.Th ta="right">{t('campaign.channels.sent')}</Table.Th>
                                    <Table.Th ta="right">{t('campaign.channels.delivered')}</Table.Th>
                                    <Table.Th ta="right">{t('campaign.channels.read')}</Table.Th>
                                    <Table.Th ta="right">{t('campaign.channels.failed')}</Table.Th>
                                    <Table.Th ta="right">{t('campaign.channels.held')}</Table.Th>
                                    <Table.Th ta="right">{t('campaign.channels.dropped')}</Table.Th>
                                    <Table.Th ta="right">{t('campaign.cost')}</Table.Th>
                                </Table.Tr>
                            </Table.Thead>
                            <Table.Tbody>
                                {channels.map((c) => (
                                    <Table.Tr key={c.channel}>
                                        <Table.Td>{c.channel}</Table.Td>
                                        <Table.Td ta="right">{f.count(c.sent)}</Table.Td>
                                        <Table.Td ta="right">
                                            {f.count(c.delivered)}
                                            {c.sent > 0 && (
                                                <Text span size="xs" c="dimmed">
                                                    {` (${r.share(c.delivered / c.sent)})`}
                                                </Text>
                                            )}
                                        </Table.Td>
                                        <Table.Td ta="right">{f.count(c.read)}</Table.Td>
                                        <Table.Td ta="right">{f.count(c.failed)}</Table.Td>
                                        <Table.Td ta="right">{f.count(c.held)}</Table.Td>
                                        <Table.Td ta="right">{f.count(c.dropped)}</Table.Td>
                                        <Table.Td ta="right">
                                            {f.money(c.cost)}
                                            {c.segments > 0 && (
                                                <Text size="xs" c="dimmed">
                                                    {t('campaign.review.segments', { count: c.segments })}
                                                </Text>
                                            )}
                                        </Table.Td>
                                    </Table.Tr>
                                ))}
                            </Table.Tbody>
                        </ScrollTable>
                    );
                }}
            </Loaded>
        </Section>
    );
}
