import { Alert, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useSendReview } from '../../../api/campaign';
import { ScrollTable } from '../../../app/desk-table';
import { Loaded } from '../../../app/list-parts';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';

/** One figure of the review: a label over its value. */
function Figure({ label, value }: { label: string; value: string }) {
    return (
        <div>
            <Text size="xs" c="dimmed">
                {label}
            </Text>
            <Text fw={600}>{value}</Text>
        </div>
    );
}

/**
 * What approving the run of `day` means: how many people, the canary slice
 * sent at once, the estimated bill per channel, and the messages the first
 * recipients would get, rendered as they would be sent (cards masked).
 */
export function RunReview({ campaignId, day }: { campaignId: number; day: string }) {
    const t = useT();
    const f = useFormat();
    const review = useSendReview(campaignId, day);
    return (
        <Loaded query={review}>
            {() => {
                const r = review.data!;
                return (
                    <Stack gap="sm">
                        <SimpleGrid cols={{ base: 2, sm: 4 }}>
                            <Figure label={t('campaign.review.recipients')} value={f.count(r.recipients)} />
                            <Figure label={t('campaign.review.canary')} value={f.count(r.plannedCanary)} />
                            <Figure label={t('campaign.review.bill')} value={f.money(r.bill.messageCost)} />
                            <Figure
                                label={t('campaign.review.unreachable')}
                                value={f.count(r.bill.unreachable)}
                            />
                        </SimpleGrid>
                        <Text size="xs" c="dimmed">
                            {t('campaign.review.billNote', { sampled: r.bill.sampled })}
                        </Text>
                        {r.bill.channels.length > 0 && (
                            <ScrollTable label={t('campaign.review.billTable')} minWidth={360}>
                                <Table.Thead>
                                    <Table.Tr>
                                        <Table.Th>{t('campaign.channel')}</Table.Th>
                                        <Table.Th ta="right">{t('campaign.review.messages')}</Table.Th>
                                        <Table.Th ta="right">{t('campaign.cost')}</Table.Th>
                                    </Table.Tr>
                                </Table.Thead>
                                <Table.Tbody>
                                    {r.bill.channels.map((c) => (
                                        <Table.Tr key={c.channel}>
                                            <Table.Td>{c.channel}</Table.Td>
                                            <Table.Td ta="right">{f.count(c.messages)}</Table.Td>
                                            <Table.Td ta="right">{f.money(c.cost)}</Table.Td>
                                        </Table.Tr>
                                    ))}
                                </Table.Tbody>
                            </ScrollTable>
                        )}
                        <Text fw={600} size="sm">
                            {t('campaign.review.previews', { count: r.previews.length })}
                        </Text>
                        {r.previews.length === 0 && (
                            <Alert color="gray">{t('campaign.review.noPreviews')}</Alert>
                        )}
                        <SimpleGrid cols={{ base: 1, md: 2 }}>
                            {r.previews.map((p, i) => (
                                <Paper
                                    key={`${p.card}-${i}`}
                                    withBorder
                                    p="sm"
                                    component="article"
                                    aria-label={t('campaign.review.previewOf', { card: p.card })}
                                >
                                    <Group justify="space-between" gap="xs" mb={4}>
                                        <Text size="sm" fw={600}>
                                            {p.card}
                                        </Text>
                                        <Text size="xs" c="dimmed">
                                            {p.channel
                                                ? [
                                                      p.channel,
                                                      p.segments !== null &&
                                                          t('campaign.review.segments', {
                                                              count: p.segments,
                                                          }),
                                                      f.money(p.cost),
                                                  ]
                                                      .filter(Boolean)
                                                      .join(' · ')
                                                : t('campaign.review.noChannel')}
                                        </Text>
                                    </Group>
                                    {p.subject && (
                                        <Text size="sm" fw={500}>
                                            {p.subject}
                                        </Text>
                                    )}
                                    {p.text && (
                                        <Text
                                            size="sm"
                                            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                                        >
                                            {p.text}
                                        </Text>
                                    )}
                                </Paper>
                            ))}
                        </SimpleGrid>
                    </Stack>
                );
            }}
        </Loaded>
    );
}
