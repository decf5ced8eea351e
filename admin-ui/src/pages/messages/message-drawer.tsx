import { Anchor, Drawer, List, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { Link } from 'react-router';
import { type MessageLogDetail, useMessage } from '../../api/messaging';
import { Loaded } from '../../app/list-parts';
import { StatusBadge } from '../../app/status-badge';
import { useFormat } from '../../format/use-format';
import { useT } from '../../i18n/locale-provider';
import { cardPath, word } from '../customer-card/desk-words';
import { verdictText } from '../customer-card/sections/message-verdict';
import { statusTone } from './message-words';

/** A label over a value, in the drawer's summary. */
function Fact({ label, children }: { label: string; children: React.ReactNode }) {
    return (
        <div>
            <Text size="xs" c="dimmed">
                {label}
            </Text>
            <Text size="sm">{children}</Text>
        </div>
    );
}

/** The message's details: the summary, why, its reminder's trail and its delivery events. */
function Details({ m }: { m: MessageLogDetail }) {
    const t = useT();
    const f = useFormat();
    const zone = m.customerTimezone;
    return (
        <Stack gap="lg">
            <SimpleGrid cols={2} spacing="sm">
                <Fact label={t('messaging.log.card')}>
                    <Anchor component={Link} to={cardPath(m.cardNumber)} ff="monospace" size="sm">
                        {m.cardNumber}
                    </Anchor>
                </Fact>
                <Fact label={t('messages.kind')}>
                    {word(t, 'messageKind', m.kind)} · {word(t, 'traffic', m.traffic)}
                </Fact>
                <Fact label={t('messages.channel')}>{word(t, 'channel', m.channel)}</Fact>
                <Fact label={t('messaging.log.recipient')}>
                    {m.recipient ?? t('messaging.log.noRecipient')}
                </Fact>
                <Fact label={t('messages.status')}>
                    <StatusBadge tone={statusTone(m.status)}>
                        {word(t, 'messageStatus', m.status)}
                    </StatusBadge>
                </Fact>
                <Fact label={t('messages.cost')}>
                    {f.money(m.cost)}
                    {m.segments !== null && ` · ${t('messaging.log.segments', { count: m.segments })}`}
                </Fact>
                <Fact label={t('messaging.log.provider')}>{m.provider ?? '—'}</Fact>
                <Fact label={t('messaging.log.campaign')}>
                    {m.campaignId === null ? '—' : t('messaging.log.campaignRef', { id: m.campaignId })}
                </Fact>
            </SimpleGrid>
            <section aria-labelledby="message-why">
                <Title order={3} size="h5" id="message-why" mb={4}>
                    {t('messaging.log.why')}
                </Title>
                <Text>{verdictText(m, zone, t, f)}</Text>
            </section>
            <section aria-labelledby="message-trail">
                <Title order={3} size="h5" id="message-trail" mb="xs">
                    {t('messaging.log.trail')}
                </Title>
                <Timeline bulletSize={14} lineWidth={2} active={m.trail.length - 1}>
                    {m.trail.map((s) => (
                        <Timeline.Item
                            key={s.id}
                            title={t('messages.stepValue', {
                                step: s.step + 1,
                                channel: word(t, 'channel', s.channel),
                            })}
                        >
                            <Text size="sm">{verdictText(s, zone, t, f)}</Text>
                            <Text size="xs" c="dimmed">
                                {word(t, 'messageStatus', s.status)} · {f.dateTime(s.createdAt)}
                            </Text>
                        </Timeline.Item>
                    ))}
                </Timeline>
                {m.cascade && (
                    <Text size="sm" mt="xs">
                        {t('messaging.log.cascade', {
                            status: word(t, 'cascadeStatus', m.cascade.status),
                            next: f.dateTime(m.cascade.nextAt),
                        })}
                    </Text>
                )}
            </section>
            <section aria-labelledby="message-events">
                <Title order={3} size="h5" id="message-events" mb="xs">
                    {t('messaging.log.events')}
                </Title>
                <List spacing={4} size="sm">
                    {m.events.map((e) => (
                        <List.Item key={`${e.status}-${e.at}`}>
                            <time dateTime={e.at}>{f.dateTime(e.at)}</time> —{' '}
                            {word(t, 'messageStatus', e.status)}
                            {e.reason && ` (${e.reason})`}
                        </List.Item>
                    ))}
                </List>
            </section>
        </Stack>
    );
}

/** The drawer of one message, open while `id` is set (the URL keeps it). */
export function MessageDrawer({ id, onClose }: { id: number | null; onClose(): void }) {
    const t = useT();
    const message = useMessage(id);
    return (
        <Drawer
            opened={id !== null}
            onClose={onClose}
            position="right"
            size="lg"
            title={<Text fw={700}>{t('messaging.log.detailTitle', { id: id ?? 0 })}</Text>}
            closeButtonProps={{ 'aria-label': t('common.close') }}
        >
            {id !== null && (
                <Loaded query={message}>{() => message.data && <Details m={message.data} />}</Loaded>
            )}
        </Drawer>
    );
}
