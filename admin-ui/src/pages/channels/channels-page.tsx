import { Alert, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { type ChannelView, useChannels } from '../../api/messaging';
import { useSession } from '../../api/session';
import { Loaded, Moment, PageHeader } from '../../app/list-parts';
import { StatusBadge, type Tone } from '../../app/status-badge';
import { useFormat } from '../../format/use-format';
import { useT } from '../../i18n/locale-provider';
import { word } from '../customer-card/desk-words';
import { TestSendDialog } from './test-send-dialog';

const STATE_TONES: Record<ChannelView['state'], Tone> = { healthy: 'ok', failing: 'bad', idle: 'neutral' };

/** A label and its value on one line of a channel's card. */
function Line({ label, wrap, children }: { label: string; wrap?: boolean; children: React.ReactNode }) {
    return (
        <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" c="dimmed">
                {label}
            </Text>
            <Text size="sm" ta="right" style={wrap ? { overflowWrap: 'anywhere' } : { whiteSpace: 'nowrap' }}>
                {children}
            </Text>
        </Group>
    );
}

/** One channel: provider and state, price, planned cost, sender, the week's answers and failures by reason. */
function ChannelCard({ c, onTest }: { c: ChannelView; onTest?: () => void }) {
    const t = useT();
    const f = useFormat();
    const name = word(t, 'channel', c.channel);
    return (
        <Card withBorder padding="md" component="section" aria-labelledby={`channel-${c.channel}`}>
            <Stack gap="xs">
                <Group justify="space-between">
                    <Title order={2} size="h4" id={`channel-${c.channel}`}>
                        {name}
                    </Title>
                    <StatusBadge tone={STATE_TONES[c.state]}>
                        {t(`messaging.channels.state.${c.state}`)}
                    </StatusBadge>
                </Group>
                <Line label={t('messaging.channels.provider')} wrap>
                    {c.configured ? c.provider : t('messaging.channels.outbox')}
                </Line>
                <Line label={t('messaging.channels.price')}>
                    {c.price === null
                        ? t('messaging.channels.free')
                        : t(
                              c.price.per === 'segment'
                                  ? 'messaging.channels.perSegment'
                                  : 'messaging.channels.perMessage',
                              {
                                  price: f.money(c.price.amount),
                              },
                          )}
                </Line>
                <Line label={t('messaging.channels.plannedCost')}>{f.money(c.plannedCost)}</Line>
                <Line label={t('messaging.channels.sender')} wrap>
                    {c.sender ?? '—'}
                </Line>
                <Text size="sm">
                    {t('messaging.channels.answered', { count: c.answered, failed: c.failed })}
                </Text>
                <div>
                    <Text size="sm" fw={600}>
                        {t('messaging.channels.failures')}
                    </Text>
                    {c.failures.length === 0 ? (
                        <Text size="sm" c="dimmed">
                            {t('messaging.channels.noFailures')}
                        </Text>
                    ) : (
                        <List size="sm" spacing={2}>
                            {c.failures.map((x) => (
                                <List.Item key={x.reason}>
                                    <Text span size="sm" ff="monospace">
                                        {x.reason}
                                    </Text>{' '}
                                    {t('messaging.channels.failureCount', { count: x.count })}
                                    {' · '}
                                    <Moment iso={x.lastAt} />
                                </List.Item>
                            ))}
                        </List>
                    )}
                </div>
                {onTest && (
                    <Button
                        variant="light"
                        onClick={onTest}
                        aria-label={t('messaging.channels.testOf', { channel: name })}
                    >
                        {t('messaging.channels.test')}
                    </Button>
                )}
            </Stack>
        </Card>
    );
}

/**
 * The channels (admin, marketer, analyst): each channel's provider and its
 * state from the last 7 days, price, the cost cascades plan with, sender,
 * and failures by reason; editors send a test through the real provider.
 */
export default function ChannelsPage() {
    const t = useT();
    const channels = useChannels();
    const role = useSession().data?.user.role;
    const edits = role === 'admin' || role === 'marketer';
    const [testing, setTesting] = useState<ChannelView | null>(null);
    return (
        <>
            <PageHeader title={t('messaging.channels.title')} />
            <Alert color="blue" mb="md" title={t('messaging.channels.aboutTitle')}>
                {t('messaging.channels.about')}
            </Alert>
            <Loaded query={channels}>
                {() => (
                    <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }} spacing="md">
                        {channels.data?.map((c) => (
                            <ChannelCard
                                key={c.channel}
                                c={c}
                                onTest={edits ? () => setTesting(c) : undefined}
                            />
                        ))}
                    </SimpleGrid>
                )}
            </Loaded>
            {testing && <TestSendDialog channel={testing} onClose={() => setTesting(null)} />}
        </>
    );
}
