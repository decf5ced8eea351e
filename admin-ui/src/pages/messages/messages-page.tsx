import { Anchor, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { type MessageLogItem, useMessageLog } from '../../api/messaging';
import { rowsOf } from '../../api/paging';
import { DataTable, Loaded, LoadMore, PageHeader } from '../../app/list-parts';
import { StatusBadge } from '../../app/status-badge';
import { useUrlFilters } from '../../app/use-url-filters';
import { useFormat } from '../../format/use-format';
import { useT } from '../../i18n/locale-provider';
import { cardPath, word } from '../customer-card/desk-words';
import { verdictText } from '../customer-card/sections/message-verdict';
import { MessageDrawer } from './message-drawer';
import { type LogFilterValues, MessageFilters } from './message-filters';
import { LOG_URL_KEYS, statusTone } from './message-words';

/** One message: when (opens its details), card, kind, channel, status, recipient, why, cost. */
function MessageRow({ m, onOpen }: { m: MessageLogItem; onOpen(): void }) {
    const t = useT();
    const f = useFormat();
    return (
        <Table.Tr>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    onClick={onOpen}
                    aria-label={t('messaging.log.open', { id: m.id })}
                >
                    {f.dateTime(m.createdAt)}
                </Anchor>
            </Table.Td>
            <Table.Td>
                <Anchor component={Link} to={cardPath(m.cardNumber)} size="sm" ff="monospace">
                    {m.cardNumber}
                </Anchor>
            </Table.Td>
            <Table.Td>
                <Text size="sm">{word(t, 'messageKind', m.kind)}</Text>
                <Text size="xs" c="dimmed">
                    {word(t, 'traffic', m.traffic)}
                    {m.campaignId !== null && ` · ${t('messaging.log.campaignRef', { id: m.campaignId })}`}
                </Text>
            </Table.Td>
            <Table.Td>
                <Text size="sm">{word(t, 'channel', m.channel)}</Text>
                <Text size="xs" c="dimmed" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {m.recipient ?? t('messaging.log.noRecipient')}
                </Text>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <StatusBadge tone={statusTone(m.status)} style={{ overflow: 'visible' }}>
                    {word(t, 'messageStatus', m.status)}
                </StatusBadge>
                {m.failureReason && (
                    <Text size="xs" ff="monospace">
                        {m.failureReason}
                    </Text>
                )}
            </Table.Td>
            <Table.Td>
                <Text size="sm">{verdictText(m, m.customerTimezone, t, f)}</Text>
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {f.money(m.cost)}
            </Table.Td>
        </Table.Tr>
    );
}

/**
 * The message log (admin, marketer, analyst): every message decision, newest
 * first, filtered by customer card, campaign, channel, status, kind and days
 * (kept in the URL, so a link shows the same list); a row opens a drawer with
 * why it was sent, held or dropped, its reminder's other steps and its
 * delivery events. Recipients are masked by the API.
 */
export default function MessagesPage() {
    const t = useT();
    const { values, setFilters } = useUrlFilters(LOG_URL_KEYS);
    const { card, campaignId, channel, status, kind, from, to, message } = values;
    const filterValues: LogFilterValues = useMemo(
        () => ({ card, campaignId, channel, status, kind, from, to }),
        [card, campaignId, channel, status, kind, from, to],
    );
    const filter = filterValues;
    const log = useMessageLog(filter);
    const rows = rowsOf(log.data?.pages);
    const filtered = Object.values(filterValues).some(Boolean);
    const openId = /^\d+$/.test(message) ? Number(message) : null;
    return (
        <>
            <PageHeader title={t('messaging.log.title')} />
            <MessageFilters values={filterValues} onChange={setFilters} />
            <Loaded query={log}>
                {() => (
                    <>
                        <DataTable
                            caption={t('messaging.log.caption')}
                            columns={[
                                t('messages.at'),
                                t('messaging.log.card'),
                                t('messages.kind'),
                                t('messages.channel'),
                                t('messages.status'),
                                t('messages.verdict'),
                                t('messages.cost'),
                            ]}
                            minWidth={980}
                            isEmpty={rows.length === 0}
                            emptyText={filtered ? t('messaging.log.noMatch') : t('messaging.log.empty')}
                        >
                            {rows.map((m) => (
                                <MessageRow
                                    key={m.id}
                                    m={m}
                                    onOpen={() => setFilters({ message: String(m.id) })}
                                />
                            ))}
                        </DataTable>
                        <LoadMore query={log} shown={rows.length} />
                    </>
                )}
            </Loaded>
            <MessageDrawer id={openId} onClose={() => setFilters({ message: '' })} />
        </>
    );
}
